// The maintained count of each project's uncancelled shifts (project_shifts.hpp): the recount
// that checks and rebuilds it, an import's catch-up, and the read of a report.

#include "vstation/store/project_shifts.hpp"

#include <string>

#include "totals_compare.hpp"

namespace vstation::store::project_shifts {
namespace {

// Each project whose stored count differs from its shifts', by id: the rows on either side.
constexpr std::string_view kDiffering =
    "SELECT COALESCE(t.project_id, c.project_id), COALESCE(t.uncancelled, 0), "
    "COALESCE(c.n, 0) FROM project_shifts t FULL JOIN (SELECT project_id, COUNT(*) AS n FROM "
    "shifts WHERE cancelled = 0 GROUP BY project_id) c ON c.project_id = t.project_id "
    "WHERE COALESCE(t.uncancelled, 0) <> COALESCE(c.n, 0) ORDER BY 1";

}  // namespace

std::vector<Difference> differences(Connection& db, std::size_t limit) {
  return totals::first_differing<Difference>(db, limit, kDiffering);
}

std::int64_t rebuild(Connection& db) {
  Transaction tx(db);
  auto diffs = totals::all_differing<Difference>(db, kDiffering);
  for (const auto& d : diffs) {
    if (d.counted == 0)
      db.execute("DELETE FROM project_shifts WHERE project_id = ?", params(d.project));
    else
      db.execute(
          "INSERT INTO project_shifts (project_id, uncancelled) VALUES (?, ?) "
          "ON CONFLICT (project_id) DO UPDATE SET uncancelled = excluded.uncancelled",
          params(d.project, d.counted));
  }
  tx.commit();
  return std::int64_t(diffs.size());
}

void add_shifts_after(Connection& db, std::int64_t after) {
  db.execute(
      "INSERT INTO project_shifts (project_id, uncancelled) SELECT project_id, COUNT(*) FROM "
      "shifts WHERE id > ? AND cancelled = 0 GROUP BY project_id "
      "ON CONFLICT (project_id) DO UPDATE SET uncancelled = project_shifts.uncancelled + "
      "excluded.uncancelled",
      params(after));
}

std::int64_t with_shifts(Connection& db) {
  return db.scalar("SELECT COUNT(*) FROM project_shifts WHERE uncancelled > 0").value_or(0);
}

}  // namespace vstation::store::project_shifts
