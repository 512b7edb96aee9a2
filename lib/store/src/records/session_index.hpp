#pragma once
// What importing a session asks of the database for every row (which rostered shift holds the
// check-in, whether the volunteer already has a session at that time), answered from memory:
// each volunteer's sessions are read once, at their first row, each station's roster at its
// first row (a file comes a station at a time), and every session the import adds is added
// here too. The answers are the ones shifts::rostered_at and
// sessions::overlaps_existing would give inside the import's transaction (nothing else writes
// the volunteer's sessions or roster meanwhile: SQLite has one writer, and PostgreSQL runs the
// import serializable, having read the same rows).

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "records/pending_sessions.hpp"
#include "vstation/store/credit_totals.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store {

class SessionIndex final : public Lookup::Scratch {
 public:
  explicit SessionIndex(std::size_t max_entries = kMaxEntries) : max_entries_(max_entries) {}
  SessionIndex(const SessionIndex&) = delete;
  SessionIndex& operator=(const SessionIndex&) = delete;
  // shifts::rostered_at(db, v, st, t, early_minutes, project).
  std::optional<shifts::RosteredShift> rostered_at(Connection& db, VolunteerId v, StationId st,
                                                   Instant t, int early_minutes,
                                                   std::optional<ProjectId> project);
  // sessions::overlaps_existing(db, v, in, out).
  bool overlaps(Connection& db, VolunteerId v, Instant in, std::optional<Instant> out);
  // Inserts `s` (the import's row at `line`), now or, while the table is held, with the rows
  // waiting to be written many to a statement (PendingSessions); its id.
  SessionId insert(Connection& db, const Session& s, std::int64_t line);
  void write_waiting(Connection& db) override { pending_.write_waiting(db); }
  // A session just inserted.
  void added(const Session& s);
  // The credited sessions with ids above `after`, as credit::credited_after reads them back, from
  // those added since hold_all; nullopt when they are not all here (nothing held, or held only
  // after `after`). Given once: a large import's catch-up counts them without reading them.
  std::optional<std::vector<credit::Credited>> take_credited_after(std::int64_t after);
  // Every station's roster was read in one pass (for tests).
  bool holds_district() const { return district_held_; }
  // Reads every volunteer's sessions in one pass, so that no look-up asks the database (and the
  // rows may be written behind, PendingSessions); false, holding nothing more, when the table has
  // more than half of kMaxEntries. Should the entries outgrow kMaxEntries later, the rows waiting
  // are written and the cache starts over as usual.
  bool hold_all(Connection& db);
  bool holds_all() const { return holds_all_; }

  // Past this many cached entries (by default) the cache starts over (the database still has
  // everything), so memory stays bounded however large the file.
  static constexpr std::size_t kMaxEntries = 4'000'000;

 private:
  // A session's occupied time as [lo, hi): hi is eff_out, or lo + 1 for one without a
  // check-out (it occupies its check-in instant only); open sessions are kept apart.
  struct Span {
    std::int64_t lo, hi;
  };
  struct Volunteer {
    bool sessions_loaded = false;
    std::vector<Span> spans;                // by lo
    std::int64_t longest = 0;               // the longest span, so a search looks back no further
    std::optional<std::int64_t> open_from;  // the earliest open session's eff_in
  };
  using Roster = std::unordered_map<std::int64_t, std::vector<shifts::RosteredShift>>;
  Volunteer& of(VolunteerId v);
  // `later`: appended as read, the caller sorting the spans once they are all in.
  enum class Order { kept, later };
  void add(Volunteer& w, const sessions::Occupied& o, Order order = Order::kept);
  static std::size_t entries_of(const Roster& roster);  // its shifts, and one for the station
  void bound();

  std::unordered_map<std::int64_t, Volunteer> volunteers_;
  // station -> volunteer -> their rostered shifts at that station (shifts::rostered_at_station)
  shifts::DistrictRoster rosters_;
  std::int64_t asked_ = 0;      // roster questions so far: how large the file is, as read
  bool district_held_ = false;  // every station's roster is in rosters_
  std::size_t max_entries_;
  std::size_t entries_ = 0;
  bool holds_all_ = false;   // every volunteer's sessions are held
  PendingSessions pending_;  // open only while they are held
  // Every credited session added since hold_all (ids ascending), and the largest id before it.
  std::optional<std::int64_t> kept_after_;
  std::vector<std::int64_t> credited_ids_;
  std::vector<credit::Credited> credited_;
};

}  // namespace vstation::store
