#pragma once
// What importing a roster asks of the database for every row, answered from memory: the shift
// the row names, the places taken on it, and for the overlap rule the volunteer's other shifts
// near it. Each volunteer's assignments (not cancelled, on shifts not cancelled) are read once,
// at their first row; each station's shifts and their assignments once, at the station's first
// row (two queries walking the station's shifts instead of three look-ups a row); every
// assignment the import adds is added here too. The answers are the database's own (nothing else
// writes shifts or the roster inside the import's transaction; a roster import only adds).

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "vstation/store/assignment_policy.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::store {

// One of the volunteer's shifts, as assignment_breaks compares it with the new one.
struct NearShift {
  ShiftId id;
  StationId station;
  TimeRange time;
  std::int64_t assignment = 0;  // the assignment's id, which orders shifts starting together
};

// assignment_breaks with the volunteer's other shifts given (those not cancelled that they are
// on, not taken off, other than `shift`, starting from a day before it to its end, by start)
// and the places on `shift` taken by others.
std::vector<RuleBreak> assignment_breaks(Lookup& lookup, VolunteerId v, const Shift& shift,
                                         const std::vector<NearShift>& near, int taken);

class RosterIndex final : public Lookup::Scratch {
 public:
  // The shift of `station` and `project` starting at `starts`, as shifts::find_at.
  std::optional<Shift> shift_at(Connection& db, StationId station, ProjectId project,
                                Instant starts);
  // The places on `shift` taken by assignments (not cancelled) of others than `v`.
  int taken(Connection& db, const Shift& shift, VolunteerId v);
  // Whether `v` is on `shift` already (any status: the UNIQUE index would refuse another).
  bool on_shift(Connection& db, const Shift& shift, VolunteerId v);
  // The volunteer's other shifts near `shift`, as assignment_breaks' query gives them.
  std::vector<NearShift> near(Connection& db, VolunteerId v, const Shift& shift);
  // An assignment just inserted, or kept to be written.
  void added(const Assignment& a, const Shift& shift);
  // Every volunteer's assignments read at once (those near() reads), so that no row reads the
  // table again; unless there are more than kMaxEntries.
  void hold_all(Connection& db);
  // Called before each row: past the limits below the caches start over, the rows the import
  // keeps waiting written first (the database then has everything).
  void make_room(Lookup& lookup);

  // Past this many cached entries the cache starts over.
  static constexpr std::size_t kMaxEntries = 4'000'000;
  // The same for the stations' shifts and assignments, which take more room an entry.
  static constexpr std::size_t kMaxStationEntries = 1'000'000;

 private:
  struct Volunteer {
    std::vector<NearShift> shifts;  // by start, then assignment
  };
  std::unordered_map<std::int64_t, Volunteer> volunteers_;
  std::size_t entries_ = 0;
  bool holds_all_ = false;  // a volunteer not in volunteers_ has no assignment
  struct Station {
    std::map<std::pair<std::int64_t, std::int64_t>, Shift> by_start;  // (project, start)
    std::unordered_map<std::int64_t, std::vector<Assignment>> on;     // by shift
  };
  Station& station(Connection& db, StationId st);
  std::unordered_map<std::int64_t, Station> stations_;
  std::size_t station_entries_ = 0;
};

}  // namespace vstation::store
