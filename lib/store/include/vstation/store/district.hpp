#pragma once
// Moving a station's own database into a district database (normally SQLite -> PostgreSQL).
// Rows with a code (stations, skills, volunteers, projects, shift templates) are matched by it,
// so a volunteer who serves at two stations is one person in the district; every other row
// gets a district id once, recorded in the destination's `migrated_ids` ledger under the
// source's name, so running the migration again adds nothing and ids never move. A project or
// shift template whose code another station's holds in the district is refused (codes are unique
// in a district). The proof (every quarter's totals on both sides) is counted before the
// transaction commits: totals that differ leave the district as it was.

#include <cstdint>
#include <string>
#include <vector>

#include "vstation/domain/calendar.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/stats.hpp"

namespace vstation::store::district {

struct TableCount {
  std::string table;
  std::int64_t added = 0;
  std::int64_t already = 0;  // present from an earlier run (or the same code from another station)
};

// One quarter of one station, counted in the source and in the destination.
struct QuarterCheck {
  std::string station;
  Quarter quarter;
  stats::ServiceTotals before, after;
  std::int64_t people_served_before = 0, people_served_after = 0;
  std::int64_t incidents_before = 0, incidents_after = 0;
  [[nodiscard]] bool same() const;
};

struct Outcome {
  std::string source;  // the ledger's name for the source: its station codes
  std::vector<TableCount> tables;
  std::vector<QuarterCheck> quarters;
  [[nodiscard]] bool proven() const;
};

// Copies everything in `from` that `to` does not hold yet, in one transaction on `to`, then
// compares the totals of every quarter of every station of `from` before and after.
Outcome migrate(Connection& from, Connection& to);

}  // namespace vstation::store::district
