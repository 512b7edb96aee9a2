// Migration 21 (session 35): a repeated pair's sessions read from the shift's index alone.

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 21 (issue 17 point 1, a since-opening report from a cold cache): `sessions_by_shift`
// also holds each credited session's check-in, station and project. The report's pass reads the
// sessions of the (shift, volunteer) pairs seen more than once (stats_scan.cpp, ~190,000 of them
// over the 10-million-session district) through this index, and took those three columns from
// the table row, a page read at random each: half of what a cold since-opening report read from
// disk. The fill's readers use its first three columns, as before; a check-out writes the one
// entry it wrote before, a few bytes longer.
constexpr std::string_view kV21 = R"sql(
DROP INDEX sessions_by_shift;
CREATE INDEX sessions_by_shift ON sessions (shift_id, volunteer_id, credited_min, eff_in,
  station_id, project_id) WHERE shift_id IS NOT NULL AND credited_min > 0;
)sql";

}  // namespace

std::vector<Migration> migrations_v21() {
  return {Migration::shared(kV21)};
}

}  // namespace vstation::store::schema
