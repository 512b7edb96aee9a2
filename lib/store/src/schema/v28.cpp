// Migration 28 (issue 17 point 4): the sessions closed without credit, by time, in an index of
// their own.

#include "schema/schema.hpp"

namespace vstation::store::schema {
namespace {

// Version 28 (issue 17 point 4, imports at bulk speed): `sessions_by_time` held every session
// that is not open, by eff_in, and `sessions_credited` already holds nearly all of them (those
// with credit) by eff_in first. A million sessions' import built both again, sorted (0.86 and
// 0.97 s of SQLite's own time), and every check-out wrote an entry into each. Now the readers by
// time (`sessions::in_range`, the activity span in stats.cpp) read the credited sessions through
// `sessions_credited` and the rest through `sessions_uncredited`, the few closed without credit
// (rejected, or too short to count: 1.7 % of the bench's million sessions), and merge them.
constexpr std::string_view kV28 = R"sql(
DROP INDEX sessions_by_time;
CREATE INDEX sessions_uncredited ON sessions (eff_in) WHERE status <> 'open' AND credited_min = 0;
)sql";

}  // namespace

std::vector<Migration> migrations_v28() {
  return {Migration::shared(kV28)};
}

}  // namespace vstation::store::schema
