#pragma once
// Shared by the stats_*.cpp files: how a period of local days becomes a portable WHERE clause.
// Each station has its own time zone, so a local day is a different range of UTC instants at
// each; the ranges are worked out here (in C++, with the zone rules) and the SQL compares the
// time column with plain numbers, which keeps its index usable.

#include <string>
#include <vector>

#include "vstation/store/stats.hpp"

namespace vstation::store::stats::detail {

// Stations that share a time zone share the UTC range of any local days.
struct ZoneGroup {
  TimeZone zone;
  std::vector<std::int64_t> stations;
};

// The stations in scope (one, or all) grouped by zone.
struct Zones {
  std::vector<ZoneGroup> groups;
  bool every_station = false;  // the scope is the whole database: no station test needed
};
Zones zone_groups(Connection& db, std::optional<StationId> only);

// "<station_col> IN (the group's stations)"; appends them to `args`.
std::string stations_in(const std::string& station_col, const ZoneGroup& g,
                        std::vector<Value>& args);

// "<col> is at or after local midnight of `from` and before local midnight of `until`" (either
// bound may be absent), each row by the zone of its station, `station_col`. Appends the
// parameters to `args`.
std::string local_range(const std::string& col, const std::string& station_col, const Zones& zones,
                        std::optional<Date> from, std::optional<Date> until,
                        std::vector<Value>& args);

// "<col> in the period at the station <st>.id" (the period's station scope included).
std::string in_period(Connection& db, const std::string& col, const std::string& st,
                      const Period& p, std::vector<Value>& args);
// The same by the row's own station column (e.g. "i.station_id"): no join with stations, so
// a scan over every station reads only its index.
std::string in_period_at(Connection& db, const std::string& col, const std::string& station_col,
                         const Period& p, std::vector<Value>& args);

// Sessions alias s joined to stations st, in the period, optionally of one volunteer.
std::string sessions_in_period(Connection& db, const Period& p, std::vector<Value>& args);

// The person-time columns: rostered pairs, walk-ins, distinct volunteers, minutes.
inline constexpr const char* kServiceColumns =
    "COUNT(DISTINCT CASE WHEN s.shift_id IS NOT NULL THEN s.volunteer_id || ':' || s.shift_id "
    "END), "
    "SUM(CASE WHEN s.shift_id IS NULL THEN 1 ELSE 0 END), COUNT(DISTINCT s.volunteer_id), "
    "COALESCE(SUM(s.credited_min), 0)";

// Reads kServiceColumns starting at column `c`.
inline ServiceTotals read_service(const Rows& r, int c) {
  ServiceTotals t;
  std::int64_t rostered = r.is_null(c) ? 0 : r.i64(c);
  t.walk_ins = r.is_null(c + 1) ? 0 : r.i64(c + 1);
  t.person_times = rostered + t.walk_ins;
  t.volunteers = r.is_null(c + 2) ? 0 : r.i64(c + 2);
  t.credited_minutes = r.is_null(c + 3) ? 0 : r.i64(c + 3);
  return t;
}

}  // namespace vstation::store::stats::detail
