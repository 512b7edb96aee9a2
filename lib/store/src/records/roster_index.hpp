#pragma once
// What importing a roster asks of the database for every row's overlap rule (the volunteer's
// other shifts near this one), answered from memory: each volunteer's assignments (not
// cancelled, on shifts not cancelled) are read once, at their first row, and every assignment
// the import adds is added here too. The answers are assignment_breaks' own query's (nothing
// else writes the volunteer's roster inside the import's transaction; a roster import only adds).

#include <cstdint>
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

// assignment_breaks with the volunteer's other shifts given: those not cancelled that they are
// on (not taken off), other than `shift`, starting from a day before it to its end, by start.
std::vector<RuleBreak> assignment_breaks(Connection& db, Lookup& lookup, VolunteerId v,
                                         const Shift& shift, const std::vector<NearShift>& near);

class RosterIndex final : public Lookup::Scratch {
 public:
  // The volunteer's other shifts near `shift`, as assignment_breaks' query gives them.
  std::vector<NearShift> near(Connection& db, VolunteerId v, const Shift& shift);
  // An assignment just inserted.
  void added(const Assignment& a, const Shift& shift);

  // Past this many cached entries the cache starts over (the database still has everything).
  static constexpr std::size_t kMaxEntries = 4'000'000;

 private:
  struct Volunteer {
    std::vector<NearShift> shifts;  // by start, then assignment
  };
  std::unordered_map<std::int64_t, Volunteer> volunteers_;
  std::size_t entries_ = 0;
};

}  // namespace vstation::store
