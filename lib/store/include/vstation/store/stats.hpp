#pragma once
// Aggregations the reports need, pushed into SQL so a report reads only sums and counts.
// A period is a range of local calendar days; each record is placed by its station's offset.

#include <cstdint>
#include <optional>
#include <vector>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/enums.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::stats {

struct Period {
  DateRange days;
  std::optional<StationId> station;
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
