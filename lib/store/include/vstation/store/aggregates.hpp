#pragma once
// Attendance history that arrives as per-shift aggregates from another rostering platform
// (date, shift, event, event type, attended head-count, total volunteer hours, demand), and
// its import with a column mapping. Reports add these rows to person-times, hours and fill.

#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/enums.hpp"
#include "vstation/store/stats.hpp"

namespace vstation::store::aggregates {

struct Row {
  StationId station;
  std::optional<ProjectId> project;  // when the event names a project code
  Date day;                          // the station's local day
  std::string shift;
  std::string event;
  Category category = Category::other;
  std::int64_t attended = 0;
  std::int64_t minutes = 0;
  std::optional<std::int64_t> demand;
  std::string source;
};

// The fields of an aggregate file, and the column each is read from.
inline constexpr const char* kFields[] = {"date", "shift", "event", "type", "attended", "hours", "demand"};
struct Mapping {
  std::map<std::string, std::string> columns;  // field -> header in the file (default: the field name)
  std::map<std::string, std::string> types;    // event type in the file -> category code
  std::string source;                          // where the file came from, kept on each row
};

// Imports the file for one station, a row at a time (memory bounded whatever its size).
// All-or-nothing is the caller's transaction; the first bad row throws DataError
// "source:line: column: what is wrong". A row may not credit more hours than its attendees
// could: attended × the station's longest session. Returns rows added.
std::size_t import_csv(Connection& db, StationId station, std::istream& in, std::string_view source,
                       const Mapping& mapping);
std::size_t import_csv(Connection& db, StationId station, std::string_view content, std::string_view source,
                       const Mapping& mapping);

std::vector<Row> all(Connection& db);

}  // namespace vstation::store::aggregates

namespace vstation::store::stats {

// Imported aggregates in the period (Period::volunteer excludes them: they name no one).
struct AggregateTotals {
  std::int64_t rows = 0;
  std::int64_t attended = 0;
  std::int64_t minutes = 0;
  std::int64_t demand = 0;
  std::int64_t filled = 0;  // per row, attended at most its demand
};
AggregateTotals aggregate_totals(Connection& db, const Period& p);
// Grouped like service_by (volunteer grouping gives nothing).
struct AggregateGroup {
  std::string key;
  AggregateTotals totals;
};
std::vector<AggregateGroup> aggregates_by(Connection& db, const Period& p, Group g);

}  // namespace vstation::store::stats
