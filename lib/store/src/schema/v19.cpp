// Migration 19 (session 31): a check-in enters no index that only closed sessions' readers need.

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 19 (issue 17 point 5, the kiosk's check-in): `sessions_by_time` leaves open sessions
// out. A check-in then writes the row and the two entries its own rules need (one open session
// per volunteer, a volunteer's sessions by time): as many b-tree pages as the bare
// insert-and-commit a skilled person would write, one WAL frame fewer than before. The check-out
// writes the entry instead, as the session stops being open.
// Open sessions are few (one per volunteer at most) and held by `sessions_one_open`; the readers
// that want sessions by time whatever their status (a station's day, the activity span) ask for
// `status <> 'open'` through this index and for the open ones through that one
// (repo_sessions.cpp, stats.cpp). The reports read credited sessions only, through
// `sessions_credited`.
constexpr std::string_view kV19 = R"sql(
DROP INDEX sessions_by_time;
CREATE INDEX sessions_by_time ON sessions (eff_in) WHERE status <> 'open';
)sql";

}  // namespace

std::vector<Migration> migrations_v19() {
  return {Migration::shared(kV19)};
}

}  // namespace vstation::store::schema
