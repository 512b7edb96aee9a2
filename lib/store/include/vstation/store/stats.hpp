#pragma once
// Aggregations the reports need, pushed into SQL so a report reads only sums and counts.
// A period is a range of local calendar days; each record is placed by its station's offset.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/enums.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::stats {

struct Period {
  DateRange days;
  std::optional<StationId> station;
  std::optional<VolunteerId> volunteer;  // sessions of one volunteer only (certificates)
};

struct ServiceTotals {
  std::int64_t person_times = 0;      // distinct (volunteer, shift) + walk-in sessions, credited > 0
  std::int64_t volunteers = 0;        // distinct volunteers with credited time
  std::int64_t credited_minutes = 0;
  std::int64_t walk_ins = 0;          // walk-in sessions with credited time
};
ServiceTotals service_totals(Connection& db, const Period& p);

std::int64_t projects_published(Connection& db, const Period& p);
std::int64_t projects_active(Connection& db, const Period& p);

struct IncidentCount {
  IncidentType type = IncidentType::other;
  std::int64_t count = 0;
  std::int64_t people_served = 0;
};
std::vector<IncidentCount> incidents_by_type(Connection& db, const Period& p);

}  // namespace vstation::store::stats

namespace vstation::store::stats {
// The first and last local day with any recorded activity (sessions, shifts, incidents), if any.
std::optional<DateRange> activity_span(Connection& db, std::optional<StationId> station);
}  // namespace vstation::store::stats

namespace vstation::store::stats {

// Service totals grouped by one key. `key` is the project code, category code, volunteer
// number or station code; empty for sessions without one (a walk-in without a project).
enum class Group { project, category, volunteer, station };
struct GroupTotals {
  std::string key;
  ServiceTotals service;
  // The project's, volunteer's or station's name, where the query that grouped read it.
  std::optional<std::string> name;
};
// With Period::volunteer set, one volunteer's service (certificates).
std::vector<GroupTotals> service_by(Connection& db, const Period& p, Group g);
// The names of the project codes, volunteer numbers or station codes among `keys` (a report's
// breakdown rows): only those are kept, whatever the size of the table.
std::map<std::string, std::string> group_names(Connection& db, Group g, std::vector<std::string> keys);

// Volunteers whose first credited session (within the station scope) falls in the period.
std::int64_t new_volunteers(Connection& db, const Period& p);

// Shifts (not cancelled) starting in the period, the slots they demand, and the slots filled:
// per shift, the distinct volunteers with credited time on it, at most its slots.
struct ShiftFill {
  std::int64_t shifts = 0;
  std::int64_t slots_demanded = 0;
  std::int64_t slots_filled = 0;
};
ShiftFill shift_fill(Connection& db, const Period& p);
// The same for each of `parts` (ranges of days within the period, e.g. its months) from one
// query over the period's shifts: element i is parts[i]'s fill.
std::vector<ShiftFill> shift_fill_parts(Connection& db, const Period& p, const std::vector<DateRange>& parts);

// Trainings held in the period: how many, their length, and attendee-minutes (training time
// of volunteers; never part of service hours).
struct TrainingTotals {
  std::int64_t trainings = 0;
  std::int64_t minutes = 0;
  std::int64_t attendee_minutes = 0;
  std::int64_t attendees = 0;  // distinct volunteers trained
};
TrainingTotals training_totals(Connection& db, const Period& p);

// Sessions in the period still awaiting a coordinator's review (auto-closed ones, and walk-ins
// not yet confirmed), and those of them whose local check-in day is before `overdue_before`.
struct ReviewBacklog {
  std::int64_t awaiting = 0;
  std::int64_t overdue = 0;
};
ReviewBacklog review_backlog(Connection& db, const Period& p, Date overdue_before);

// Cumulative credited minutes of every volunteer with any, over sessions whose local check-in
// day is on or before `through` (within the station scope); one value per volunteer.
std::vector<std::int64_t> cumulative_minutes(Connection& db, std::optional<StationId> station,
                                             Date through);

}  // namespace vstation::store::stats
