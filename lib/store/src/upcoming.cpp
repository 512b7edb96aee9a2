#include "vstation/store/upcoming.hpp"

#include "vstation/store/repos.hpp"

namespace vstation::store::upcoming {

std::vector<UpcomingShift> of_volunteer(Connection& db, VolunteerId v, Instant now) {
  std::vector<std::pair<ShiftId, VolunteerId>> keys;
  {
    auto r = db.query(
        "SELECT a.shift_id FROM assignments a JOIN shifts s ON s.id = a.shift_id "
        "WHERE a.volunteer_id = ? AND a.status IN ('planned', 'confirmed') AND s.cancelled = 0 "
        "AND s.starts_at > ? ORDER BY s.starts_at, s.id",
        params(v, now));
    while (r->next()) keys.emplace_back(r->id<ShiftId>(0), v);
  }
  std::vector<UpcomingShift> out;
  for (auto [shift, volunteer] : keys)
    out.push_back({*assignments::find(db, shift, volunteer), *shifts::get(db, shift)});
  return out;
}

std::size_t cancel(Connection& db, const std::vector<UpcomingShift>& shifts) {
  for (const auto& u : shifts) {
    Assignment a = u.assignment;
    a.status = AssignmentStatus::cancelled;
    assignments::update(db, a);
  }
  return shifts.size();
}

}  // namespace vstation::store::upcoming
