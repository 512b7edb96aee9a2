// Migration 17 (session 24): a check-in enters no index that no reader of open sessions needs.

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 17 (issue 17 point 5, the kiosk's check-in): `sessions_by_shift` holds credited
// sessions only. Its readers are the report's shift fill (the distinct volunteers credited on
// each shift: stats_report.cpp, stats_scan.cpp), which ask for `credited_min > 0` and so may use
// the narrower index; nothing looks for open sessions by shift, and no shift is ever deleted (a
// foreign key check would look for its sessions). An open session is credited nothing, so a
// rostered check-in no longer writes an entry (one b-tree page, one WAL frame fewer) and its
// check-out writes one entry where it rewrote one (credited_min is in the index and changes).
constexpr std::string_view kV17 = R"sql(
DROP INDEX sessions_by_shift;
CREATE INDEX sessions_by_shift ON sessions (shift_id, volunteer_id, credited_min)
  WHERE shift_id IS NOT NULL AND credited_min > 0;
)sql";

}  // namespace

std::vector<Migration> migrations_v17() {
  return {Migration::shared(kV17)};
}

}  // namespace vstation::store::schema
