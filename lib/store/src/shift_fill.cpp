// The maintained shift fill (shift_fill.hpp): the recount that checks and rebuilds it.

#include "vstation/store/shift_fill.hpp"

#include <optional>
#include <string>

#include "totals_compare.hpp"

namespace vstation::store::shift_fill {
namespace {

// Each shift's count from its sessions (shifts with none left out), read from `sessions_by_shift`
// in shift order, one group a shift.
constexpr std::string_view kCounts =
    "SELECT s.shift_id, COUNT(DISTINCT s.volunteer_id) AS n FROM sessions s "
    "WHERE s.shift_id IS NOT NULL AND s.credited_min > 0 GROUP BY s.shift_id";

// Each shift whose stored count differs from its sessions', by id.
const std::string kDiffering =
    "SELECT sh.id, sh.credited_volunteers, COALESCE(f.n, 0) FROM shifts sh LEFT JOIN (" +
    std::string(kCounts) +
    ") f ON f.shift_id = sh.id WHERE sh.credited_volunteers <> COALESCE(f.n, 0) ORDER BY sh.id";

}  // namespace

std::vector<Difference> differences(Connection& db, std::size_t limit) {
  return totals::first_differing<Difference>(db, limit, kDiffering);
}

std::int64_t rebuild(Connection& db) {
  Transaction tx(db);
  auto diffs = totals::all_differing<Difference>(db, kDiffering);
  for (const auto& d : diffs)
    db.execute("UPDATE shifts SET credited_volunteers = ? WHERE id = ?",
               params(d.counted, d.shift));
  tx.commit();
  return std::int64_t(diffs.size());
}

void add_sessions_after(Connection& db, std::int64_t after) {
  // Rows enough to touch most shifts (an import of a station's history): on SQLite every shift is
  // counted again in one pass over `sessions_by_shift`, and `shifts_by_time`, which covers the
  // count, is built again once, sorted, rather than changed at a random place for each shift (the
  // catch-up of a million sessions: 0.9 s counted for the new rows' shifts, 0.35 s whole).
  // PostgreSQL counts the new rows' shifts with the index in place: there DROP INDEX would lock
  // the table to the end of the import.
  if (db.backend() == "sqlite") {
    const auto added = db.scalar("SELECT MAX(id) FROM sessions").value_or(after) - after;
    const auto shifts = db.scalar("SELECT MAX(rowid) FROM shifts").value_or(0);
    std::optional<std::string> index;
    if (added * 2 > shifts) {
      auto r = db.query(
          "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'shifts_by_time' AND "
          "tbl_name = 'shifts'");
      if (r->next()) index = r->str(0);
    }
    if (index) {
      db.execute("DROP INDEX shifts_by_time");
      db.execute("UPDATE shifts SET credited_volunteers = f.n FROM (" + std::string(kCounts) +
                 ") AS f WHERE shifts.id = f.shift_id AND shifts.credited_volunteers <> f.n");
      db.execute(*index);
      return;
    }
  }
  db.execute(
      "UPDATE shifts SET credited_volunteers = (SELECT COUNT(DISTINCT s.volunteer_id) "
      "FROM sessions s WHERE s.shift_id = shifts.id AND s.credited_min > 0) "
      "WHERE id IN (SELECT n.shift_id FROM sessions n WHERE n.id > ? AND n.shift_id IS NOT NULL "
      "AND n.credited_min > 0)",
      params(after));
}

}  // namespace vstation::store::shift_fill
