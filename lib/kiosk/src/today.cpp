#include "vstation/kiosk/today.hpp"

#include <algorithm>
#include <set>

#include "vstation/domain/hours_policy.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/session_queries.hpp"

namespace vstation::kiosk {

Today today_at(store::Connection& db, const Station& station, Instant now) {
  store::ReadTransaction reads(db);
  Today t;
  t.day = service_date(now, station);
  // The service day lies within these local days (hours may run past midnight); each record is
  // then placed by service_date.
  const TimeRange around{at_local(t.day.plus_days(-1), TimeOfDay{}, station.zone),
                         at_local(t.day.plus_days(2), TimeOfDay{}, station.zone)};
  auto today = [&](Instant x) { return service_date(x, station) == t.day; };

  std::set<VolunteerId> here;
  for (auto& o : store::session_queries::open_sessions(db, {station.id, std::nullopt})) {
    Present p;
    p.overdue = is_overdue(o.session.effective_in, o.shift, now, station);
    if (o.session.shift) p.shift = store::shifts::get(db, *o.session.shift);
    here.insert(o.session.volunteer);
    p.session = std::move(o.session);
    t.present.push_back(std::move(p));
  }

  std::set<std::pair<ShiftId, VolunteerId>> came;
  for (auto& s : store::sessions::in_range(db, around, station.id)) {
    if (!today(s.effective_in)) continue;
    if (s.shift) came.insert({*s.shift, s.volunteer});
    if (s.status != SessionStatus::open) t.left.push_back(std::move(s));
  }
  std::stable_sort(t.left.begin(), t.left.end(), [](const Session& a, const Session& b) {
    return a.effective_out.value_or(a.effective_in) < b.effective_out.value_or(b.effective_in);
  });

  for (const auto& shift : store::shifts::in_range(db, around, station.id)) {
    if (shift.cancelled || !today(shift.time.begin)) continue;
    auto people = store::assignments::of_shift(db, shift.id);
    std::sort(people.begin(), people.end(),
              [](const Assignment& a, const Assignment& b) { return a.volunteer < b.volunteer; });
    for (const auto& a : people) {
      if (a.status == AssignmentStatus::cancelled) continue;
      // Checked in on this shift, or here now (a check-in before the early allowance is a
      // walk-in, but the person has come).
      if (came.count({shift.id, a.volunteer}) || here.count(a.volunteer)) continue;
      t.missing.push_back({shift, a, !(now < shift.time.begin), !(now < shift.time.end)});
    }
  }
  return t;
}

}  // namespace vstation::kiosk
