#pragma once
// The kiosk conversation as a state machine over the store: a line of input in (typed or
// scanned), a screen out. No terminal code here; apps/commands/kiosk.cpp draws the screens.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/pin_check.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/setup_changes.hpp"

namespace vstation::kiosk {

enum class Tone { neutral, good, warn, bad };

// What kind of answer the screen waits for: a kiosk that can offer more than a line of text
// (the tablet's Yes / No buttons, a time picker) does; the terminal kiosk reads a line anyway.
enum class Expect { line, yes_no, time_of_day };

struct Screen {
  Text title;
  std::vector<Text> lines;
  Tone tone = Tone::neutral;
  Text prompt;
  bool secret = false;  // the next input is a PIN: do not echo it
  Expect expect = Expect::line;
};

// Longest input line accepted (a scanner's badge payload is ~31 bytes).
constexpr std::size_t kMaxInput = 64;
// How old the kiosk's copy of its station's settings may get.
constexpr std::int64_t kStationRefreshSeconds = 60;

// What a kiosk remembers between two inputs, as a value: a kiosk whose memory is the database
// (the web kiosk, where each input may reach another server process) saves it after each input
// and restores it before the next. The screen of a pending question is rebuilt from it.
struct Conversation {
  enum class Step {
    idle,
    pin,
    confirm_forgotten,
    ask_left,
    offer_check_in,
    confirm_short,
    exit_pin
  };
  Step step = Step::idle;
  std::vector<VolunteerId> pin_candidates;  // Step::pin: whose PIN it may be
  std::optional<VolunteerId> volunteer;     // who is at the kiosk (idle: who was just answered)
  std::optional<SessionId> question;        // the forgotten check-out asked about
  Instant latest;                           // they left by then
  std::optional<Instant> late_deadline;     // asked after a late check-out: its deadline
  std::int64_t short_seconds = 0;           // Step::confirm_short: since their check-in
  // The volunteer was identified with their PIN in this conversation (number or phone tail +
  // PIN), not by a badge or a number alone: what a one-time phone sign-in may be offered on.
  bool pin_checked = false;

  // A short line of text ("pin;3,7;;;0;;0", with ";1" after it once a PIN was checked);
  // decode() gives nullopt for anything else.
  [[nodiscard]] std::string encode() const;
  static std::optional<Conversation> decode(std::string_view s);
  bool operator==(const Conversation&) const = default;
};

class Kiosk {
 public:
  // `actor` names the kiosk in the ledger's audit rows ("kiosk", "web device 3").
  Kiosk(store::Connection& db, StationId station, std::function<Instant()> clock,
        std::string actor = "kiosk");

  Screen welcome();
  // One line typed or scanned (without the Enter).
  Screen handle(std::string_view input);
  [[nodiscard]] bool finished() const { return finished_; }
  [[nodiscard]] const Station& station() const { return station_; }
  // Check-ins and check-outs leave audit rows naming the actor (Ledger::audit_check_ins).
  void audit_check_ins() { ledger_.audit_check_ins(); }
  // Who the last input identified, once the conversation is back at its start: nullopt while a
  // question is pending and after a refusal.
  [[nodiscard]] std::optional<VolunteerId> identified() const;
  // Whether the one identified gave their PIN in this conversation (see Conversation).
  [[nodiscard]] bool pin_checked() const { return pin_checked_; }

  // The conversation so far, and the same conversation continued in another Kiosk (at the same
  // station). restore() is false, leaving the kiosk at its welcome, when the records it names
  // are gone (the volunteer erased, the session deleted).
  [[nodiscard]] Conversation save() const;
  bool restore(const Conversation& c);

 private:
  using State = Conversation::Step;

  // What the kiosk needs to know of a volunteer to answer them, read within the scan.
  struct Facts {
    Volunteer record;
    // Another open session at this station is past its deadline. A kiosk looks after its own
    // station's forgotten check-outs; `sessions review` after all.
    bool sweep_due = false;
    std::optional<Ledger::OpenState> open;  // their open session
    std::optional<Session> pending;         // their forgotten check-out awaiting their answer
    std::optional<Shift> pending_shift;
  };
  // The forgotten check-out being asked about.
  struct Question {
    Session session;
    std::optional<Shift> shift;
    Instant latest;                        // they left by then: the recorded check-out, or now
    std::optional<Instant> late_deadline;  // a late check-out's deadline: asked right after it
  };

  // From the look-up to the answer screen, one write transaction: the volunteer is answered
  // from one state of the records, the ledger's own transactions join it, and a busy database
  // runs the whole turn again. The screen is returned only once the turn is committed. The
  // station is read first, in the turn's transaction (or kept, when nothing was written since
  // the last turn's end): its policy, hours and zone, and the check-in the turn may write, rest
  // on that one reading (the ledger does not read it again).
  template <class F>
  Screen turn(F&& f) {
    return retry_transaction(
        db_,
        [&] {
          read_station();
          Screen screen = f();
          read_token_ = db_.change_token();  // the turn's own writes included
          return screen;
        },
        store::Isolation::explicit_locks);
  }
  // kiosk.cpp: identification and the PINs.
  void read_station();
  void refresh_station(Instant now);
  Screen start(std::string_view input);
  bool someone_else(std::string_view input);
  Screen identify(std::string_view code);
  Screen by_number(std::string_view code, Instant now);
  std::optional<Screen> refuse_if_locked(const store::identity::Lockout& lock);
  Screen ask_pin(std::vector<VolunteerId> candidates);
  Screen check_pin(std::string_view pin);
  Screen check_exit_pin(std::string_view pin);
  Screen refused(const Text& why);
  Text who(VolunteerId v);
  // kiosk_answer.cpp: what happens once they are identified.
  Facts look_up(const Volunteer& record, Instant now);
  Screen after_identified(VolunteerId v);
  Screen answer(Facts facts, Instant now);
  Screen ask(Question q);
  Screen question_screen(const Question& q);
  Screen short_screen(VolunteerId v);
  Screen offer_screen(VolunteerId v);
  Screen ask_about(const Session& pending, const std::optional<Shift>& shift, Instant now);
  Screen late_check_out(const CheckOutResult& r);
  Screen again(Text why);
  Screen show(State state, Screen screen);
  static Expect expect_of(State state);
  Screen take_yes_no(std::string_view input);
  Screen take_left(std::string_view input);
  Screen after_answer(VolunteerId v);
  Screen toggle(const Volunteer& record, const std::optional<Ledger::OpenState>& open,
                Instant now);
  Text shift_line(TimeRange time, std::string_view project);
  const std::string& project_name(ProjectId project);
  // The shift a check-in now would match (shifts::rostered_at), from the roster kept below.
  std::optional<store::shifts::RosteredMatch> rostered(VolunteerId v, Instant now);
  Screen checked_in(const CheckInResult& r);
  Screen checked_out(const CheckOutResult& r);

  store::Connection& db_;
  Station station_;
  std::function<Instant()> clock_;
  Ledger ledger_;
  State state_ = State::idle;
  std::vector<VolunteerId> pin_candidates_;
  std::optional<Volunteer> current_record_;  // who is at the kiosk: read at identification
  std::optional<Question> question_;
  Screen asked_;  // the question on screen, shown again after an answer that is none
  std::int64_t short_seconds_ = 0;  // confirm_short: since their check-in
  bool pin_checked_ = false;         // Conversation::pin_checked
  bool finished_ = false;
  Instant station_read_;
  // The station and the projects' names as last read hold while the database's change token
  // stays what it was at the end of the kiosk's last turn (read_station): a check-in after the
  // kiosk's own last one reads neither again.
  std::optional<store::ChangeToken> read_token_;
  std::map<std::int64_t, std::string> project_names_;
  // When another process wrote, they hold while the count of changes to what a check-in looks
  // up (store::setup_changes::stamp, SQLite) stays as read then; so does the station's roster
  // around the kiosk's clock, read whole at the kiosk's second check-in (a kiosk built for one
  // input, as the web's, asks rostered_at once instead). PostgreSQL keeps no count: read every
  // turn.
  std::optional<store::setup_changes::Stamp> setup_stamp_;
  struct Roster {
    Instant from, until;  // it answers check-ins in [from, until - early minutes]
    std::unordered_map<std::int64_t, std::vector<store::shifts::RosteredShift>> by_volunteer;
  };
  std::optional<Roster> roster_;
  bool roster_wanted_ = false;  // a check-in has asked before
};

// Removes control characters; nullopt when the input is not UTF-8 or is too long.
std::optional<std::string> clean_input(std::string_view raw);
// The prompt of a yes/no screen as a question, without the "y = yes, n = no" hint a kiosk with
// Yes / No buttons does not need; any other screen's prompt as it is.
std::string question_text(const Screen& s, Lang lang);
// y/yes/是/1 and n/no/否/0; nullopt for anything else.
std::optional<bool> parse_yes_no(std::string_view s);
// "20:40", "8:05" or "2040": a time of day the volunteer typed; nullopt if it is none.
std::optional<TimeOfDay> parse_typed_time(std::string_view s);

}  // namespace vstation::kiosk
