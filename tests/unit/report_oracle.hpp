#pragma once
// A deliberately simple, independent count over the raw records (loaded through the
// repositories, counted with plain loops in C++), to check the report's SQL aggregations.

#include <map>
#include <set>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/store/aggregates.hpp"
#include "vstation/store/repos.hpp"

namespace oracle {
using namespace vstation;

struct Counts {
  std::int64_t person_times = 0, walk_ins = 0, volunteers = 0, minutes = 0, new_volunteers = 0;
  std::int64_t published = 0, active = 0, shifts = 0, slots = 0, filled = 0;
  std::map<IncidentType, std::int64_t> incidents, served;
  std::int64_t trainings = 0, training_minutes = 0, attendee_minutes = 0, trained = 0;
  std::int64_t awaiting = 0, overdue = 0;
  std::vector<std::int64_t> stars;  // volunteers at level 1..5
  std::map<std::string, std::int64_t> minutes_by_category, minutes_by_volunteer, person_times_by_volunteer;
};

inline Counts count(store::Connection& db, DateRange days, std::optional<StationId> only, Date as_of) {
  Counts c;
  std::map<StationId, TimeZone> offset;
  for (const auto& s : store::stations::all(db)) offset[s.id] = s.zone;
  std::map<ProjectId, Project> projects;
  for (const auto& p : store::projects::all(db)) projects[p.id] = p;
  std::map<VolunteerId, std::string> numbers;
  for (const auto& v : store::volunteers::all(db)) numbers[v.id] = v.number;
  auto in_scope = [&](StationId st) { return !only || *only == st; };
  auto day_of = [&](Instant t, StationId st) { return local_date(t, offset[st]); };

  auto sessions = store::sessions::all(db);
  std::set<std::pair<std::int64_t, std::int64_t>> pairs, vol_pairs;
  std::set<VolunteerId> served;
  std::map<VolunteerId, std::int64_t> cumulative;
  std::map<ShiftId, std::set<VolunteerId>> on_shift;
  for (const auto& s : sessions) {
    if (s.credited_minutes > 0 && s.shift) on_shift[*s.shift].insert(s.volunteer);
    if (!in_scope(s.station)) continue;
    Date d = day_of(s.effective_in, s.station);
    if (s.credited_minutes > 0 && d <= days.last) cumulative[s.volunteer] += s.credited_minutes;
    if (!days.contains(d)) continue;
    bool review = s.status == SessionStatus::auto_closed || (s.status == SessionStatus::closed && s.walk_in());
    if (review) {
      ++c.awaiting;
      if (working_days_between(d, as_of) > kReviewDeadlineWorkingDays) ++c.overdue;
    }
    if (s.credited_minutes <= 0) continue;
    bool counted = s.walk_in() || pairs.insert({s.volunteer.value, s.shift->value}).second;
    if (s.walk_in()) ++c.walk_ins;
    if (counted) ++c.person_times;
    if (counted) ++c.person_times_by_volunteer[numbers[s.volunteer]];
    served.insert(s.volunteer);
    c.minutes += s.credited_minutes;
    std::string cat = s.project ? std::string(code_of(projects[*s.project].category)) : "";
    c.minutes_by_category[cat] += s.credited_minutes;
    c.minutes_by_volunteer[numbers[s.volunteer]] += s.credited_minutes;
  }
  c.volunteers = std::int64_t(served.size());
  for (VolunteerId v : served) {
    bool earlier = false;
    for (const auto& s : sessions)
      if (s.volunteer == v && s.credited_minutes > 0 && in_scope(s.station) &&
          day_of(s.effective_in, s.station) < days.first)
        earlier = true;
    if (!earlier) ++c.new_volunteers;
  }
  StarLevels levels;
  c.stars.assign(levels.hours.size(), 0);
  for (const auto& [v, m] : cumulative)
    if (int l = levels.level_for_minutes(m); l > 0) ++c.stars[std::size_t(l - 1)];

  for (const auto& [id, p] : projects)
    if (in_scope(p.station) && days.contains(p.published)) ++c.published;
  std::set<ProjectId> active;
  for (const auto& sh : store::shifts::all(db)) {
    if (sh.cancelled || !in_scope(sh.station) || !days.contains(day_of(sh.time.begin, sh.station))) continue;
    active.insert(sh.project);
    ++c.shifts;
    c.slots += sh.slots;
    c.filled += std::min<std::int64_t>(sh.slots, std::int64_t(on_shift[sh.id].size()));
  }
  c.active = std::int64_t(active.size());
  for (const auto& i : store::incidents::all(db)) {
    if (!in_scope(i.station) || !days.contains(day_of(i.at, i.station))) continue;
    ++c.incidents[i.type];
    c.served[i.type] += i.people_served;
  }
  std::set<VolunteerId> trained;
  for (const auto& t : store::incidents::trainings(db)) {
    if (!in_scope(t.station) || !days.contains(day_of(t.starts, t.station))) continue;
    ++c.trainings;
    c.training_minutes += t.minutes;
    c.attendee_minutes += t.minutes * std::int64_t(t.attendees.size());
    trained.insert(t.attendees.begin(), t.attendees.end());
  }
  c.trained = std::int64_t(trained.size());
  // Imported per-shift aggregates: person-times, hours and fill; they name no volunteer.
  for (const auto& a : store::aggregates::all(db)) {
    if (!in_scope(a.station) || !days.contains(a.day)) continue;
    c.person_times += a.attended;
    c.minutes += a.minutes;
    ++c.shifts;
    c.slots += a.demand.value_or(0);
    c.filled += a.demand ? std::min(a.attended, *a.demand) : 0;
    c.minutes_by_category[std::string(code_of(a.category))] += a.minutes;
    c.minutes_by_volunteer[""] += a.minutes;
    c.person_times_by_volunteer[""] += a.attended;
  }
  return c;
}

}  // namespace oracle
