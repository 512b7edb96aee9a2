#pragma once
// The hours ledger: check-in, check-out and the coordinator's review, with the counting rules
// of docs/design.md §3. The kiosk and the scriptable `checkin` / `checkout` commands both go
// through it, so they share every rule. Each mutating call is one transaction, retried while
// another process holds the database.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/session_queries.hpp"

namespace vstation::kiosk {

enum class Refusal {
  retired,
  station_retired,
  suspended,
  needs_consent,
  walk_ins_refused,
  already_in,
  not_in,
  too_long,
  locked,
  not_reviewable,
  needs_times,
  out_before_in,
  overlaps,
  no_proposal,
  not_forgotten,
  out_of_range,
  too_long_fix,
  in_future,
};

// A rule said no. The text says why in both languages; nothing was written.
class Refused : public DataError {
 public:
  Refused(Refusal why, Text text) : DataError(std::move(text)), why_(why) {}
  [[nodiscard]] Refusal why() const { return why_; }

 private:
  Refusal why_;
};

struct CheckInResult {
  Session session;
  std::optional<store::shifts::RosteredMatch> shift;  // absent: a walk-in, flagged for review
};

struct CheckOutResult {
  Session session;
  std::optional<Shift> shift;
  std::int64_t total_minutes = 0;  // all credited time of the volunteer, this session included
  // Checked out past its deadline: kept as a forgotten check-out (auto-closed, the check-out
  // recorded, nothing credited) for the volunteer's answer and the coordinator's review.
  bool overdue = false;
  Instant deadline;  // the last moment it could have been checked out normally
};

// What `confirm` accepts a forgotten check-out as: the shift's rostered end, or the time the
// volunteer said they left.
enum class ConfirmAs { rostered, proposed };

// How long a session must have lasted before a check-out needs no confirmation.
constexpr int kShortSessionSeconds = 120;

class Ledger {
 public:
  Ledger(store::Connection& db, std::string actor) : db_(db), actor_(std::move(actor)) {}

  // Auto-closes every open session in scope (default: all) past its deadline at `now`, but
  // `spare` (the session of the volunteer at the kiosk, whose scan checks it out instead);
  // returns the ones it closed.
  std::vector<Session> auto_close_due(Instant now,
                                      const store::session_queries::OpenScope& scope = {},
                                      std::optional<SessionId> spare = {});
  // Whether auto_close_due(now, scope, spare) would close anything; only looks.
  bool any_auto_close_due(Instant now, const store::session_queries::OpenScope& scope = {},
                          std::optional<SessionId> spare = {});

  // Each check-in and check-out also leaves an audit row naming the actor (the web: the tablet
  // or the phone that did it). The terminal kiosk and the CLI record them in the session alone.
  void audit_check_ins() { audit_toggles_ = true; }
  // Called once, the first time a transaction waits for another program's write (a command line
  // says so rather than seem to hang; store::retry_transaction).
  void tell_waiting(std::function<void()> waiting) { waiting_ = std::move(waiting); }

  std::optional<Session> open_session(VolunteerId v);
  // The volunteer's open session with its shift's time, and whether it is past its deadline.
  struct OpenState {
    Session session;
    std::optional<TimeRange> shift;
    Station station;  // where it is open
    bool overdue = false;
  };
  std::optional<OpenState> open_state(VolunteerId v, Instant now);
  // What a volunteer's scan at `here` (read in the same transaction) needs to know first, from
  // one query: their open session (open_state), whether another open session at `here` is past
  // its deadline (any_auto_close_due at `here`, sparing theirs), and their forgotten check-outs
  // awaiting an answer (awaiting_answer). Takes the volunteer's lock first, as every change to
  // their sessions does, so what it finds of theirs holds to the end of the transaction.
  struct Arrival {
    std::optional<OpenState> open;
    bool sweep_due = false;
    std::vector<Session> awaiting;  // as awaiting_answer(): oldest first
    // The shift a check-in now matches, when the caller has it (a kiosk keeps its station's
    // roster): check_in does not ask shifts::rostered_at then.
    bool rostered_known = false;
    std::optional<store::shifts::RosteredMatch> rostered;
  };
  Arrival arrival(VolunteerId v, const Station& here, Instant now);
  CheckInResult check_in(VolunteerId v, StationId station, Instant at);
  // The same, for a caller that has read the volunteer and the station in the transaction the
  // check-in joins (a kiosk turn): they are not read again; nor their open session, given
  // `arrived` (arrival() of the same volunteer in this transaction).
  CheckInResult check_in(const Volunteer& vol, const Station& st, Instant at,
                         const Arrival* arrived = nullptr);
  // A check-out before the check-in is refused. Up to the session's deadline it closes the
  // session and credits it; later, the check-out is recorded and the session waits as a
  // forgotten check-out (result.overdue), credited nothing until reviewed.
  CheckOutResult check_out(VolunteerId v, Instant at);
  // A scan that does not say which (the web's check-in code): checks the volunteer out when they
  // are in, else in at `here`, deciding under their lock in the transaction that writes, so their
  // open session is read once. `want_in` forces the direction (a page's button): in while in is
  // refused (or an overdue session auto-closed first) as check_in does, out while out as
  // check_out does. A clock stepped back since the check-in checks out at the check-in (0 min).
  // A scan that does not say which, at the station where they checked in less than
  // kShortSessionSeconds ago, is taken for the same scan again (a double tap, a retried request)
  // and answered as the check-in was, writing nothing (`repeat`): checking out that soon is
  // said (`want_in` false), as the kiosk asks before it. The rules and rows are check_in's and
  // check_out's; only the volunteer's total, which no caller of this shows, is not summed.
  struct Toggled {
    bool in = false;
    Instant at;
    Session session;       // as written
    bool overdue = false;  // checked out past its deadline (CheckOutResult::overdue)
    bool repeat = false;   // the check-in again, nothing written
  };
  Toggled toggle(VolunteerId v, StationId here, Instant now, std::optional<bool> want_in = {});

  // Forgotten check-outs the volunteer has not answered yet, and their answer: the time they
  // say they left (the rostered end when they agree with it), between the check-in and the
  // recorded check-out (or `now`).
  std::vector<Session> awaiting_answer(VolunteerId v);
  Session propose(SessionId s, Instant left, Instant now);

  // The coordinator's review. Each leaves an audit row with the old and new values.
  Session confirm(SessionId id, Instant now, const std::string& reason,
                  ConfirmAs as = ConfirmAs::rostered);
  Session fix(SessionId id, Instant in, Instant out, Instant now, const std::string& reason);
  Session reject(SessionId id, Instant now, const std::string& reason);
  // What fix() would make of the session, without writing (the CLI shows it before --yes); as
  // fix(), times later than `now` are refused.
  Session preview_fix(SessionId id, Instant in, Instant out, Instant now);

  std::int64_t total_minutes(VolunteerId v);
  std::optional<Shift> next_shift(VolunteerId v, Instant after);

  // Refuses volunteers who may not serve (retired, suspended, under 14 without consent).
  void check_may_serve(const Volunteer& v, Date on) const;

 private:
  template <class F>
  auto in_transaction(F&& f, store::Isolation isolation = store::Isolation::serializable);
  void lock(VolunteerId v);
  void auto_close(const Session& s, Instant now, const std::string& reason);
  // Past its deadline at `now` (the lookup reads each station's settings once).
  static bool due(const store::sessions::OpenSession& open, Instant now, store::Lookup& stations);
  Session load(SessionId id);
  Session load_locked(SessionId id);
  std::int64_t credit(const Session& s);
  Session fixed(const Session& before, Instant in, Instant out, Instant now);
  // `action`: one of audit_text's; `where`: the session's station when the caller has it read
  // already.
  void audit(const Session& before, const Session& after, Msg action, const std::string& reason,
             Instant now, const Station* where = nullptr);
  // check_out's work once the volunteer is locked and their open session read; `totals`: sum
  // the volunteer's credited time for the result.
  CheckOutResult close(VolunteerId v, std::optional<OpenState> open, Instant at, bool totals);

  store::Connection& db_;
  std::string actor_;
  std::function<void()> waiting_;
  bool audit_toggles_ = false;
};

}  // namespace vstation::kiosk
