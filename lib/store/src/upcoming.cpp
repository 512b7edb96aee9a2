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

std::vector<ProjectShift> of_project(Connection& db, ProjectId p, Instant now) {
  std::vector<std::pair<ShiftId, std::size_t>> keys;
  {
    auto r = db.query(
        "SELECT s.id, (SELECT COUNT(*) FROM assignments a WHERE a.shift_id = s.id AND "
        "a.status IN ('planned', 'confirmed')) FROM shifts s WHERE s.project_id = ? AND "
        "s.cancelled = 0 AND s.starts_at > ? ORDER BY s.starts_at, s.id",
        params(p, now));
    while (r->next()) keys.emplace_back(r->id<ShiftId>(0), std::size_t(r->i64(1)));
  }
  std::vector<ProjectShift> out;
  for (auto [shift, people] : keys) out.push_back({*shifts::get(db, shift), people});
  return out;
}

std::size_t cancel(Connection& db, const std::vector<ProjectShift>& shifts) {
  std::size_t people = 0;
  for (const auto& u : shifts) {
    Shift s = u.shift;
    s.cancelled = true;
    shifts::update(db, s);
    people += assignments::cancel_on_shift(db, s.id);
  }
  return people;
}

}  // namespace vstation::store::upcoming
