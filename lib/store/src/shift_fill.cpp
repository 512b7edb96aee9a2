// The maintained shift fill (shift_fill.hpp): the recount that checks and rebuilds it.

#include "vstation/store/shift_fill.hpp"

#include <string>

namespace vstation::store::shift_fill {
namespace {

// Each shift whose stored count differs from its sessions', by id: the counts come from
// `sessions_by_shift` in shift order, one group a shift.
const std::string kDiffering =
    "SELECT sh.id, sh.credited_volunteers, COALESCE(f.n, 0) FROM shifts sh LEFT JOIN ("
    "SELECT s.shift_id, COUNT(DISTINCT s.volunteer_id) AS n FROM sessions s "
    "WHERE s.shift_id IS NOT NULL AND s.credited_min > 0 GROUP BY s.shift_id) f "
    "ON f.shift_id = sh.id WHERE sh.credited_volunteers <> COALESCE(f.n, 0) ORDER BY sh.id";

template <class F>
void each_difference(Connection& db, F f) {
  auto r = db.stream(kDiffering);
  while (r->next())
    if (!f(Difference{r->i64(0), r->i64(1), r->i64(2)})) return;
}

}  // namespace

std::vector<Difference> differences(Connection& db, std::size_t limit) {
  std::vector<Difference> out;
  if (limit == 0) return out;
  ReadTransaction read(db);
  each_difference(db, [&](const Difference& d) {
    out.push_back(d);
    return out.size() < limit;
  });
  return out;
}

std::int64_t rebuild(Connection& db) {
  Transaction tx(db);
  std::vector<Difference> diffs;
  each_difference(db, [&](const Difference& d) {
    diffs.push_back(d);
    return true;
  });
  for (const auto& d : diffs)
    db.execute("UPDATE shifts SET credited_volunteers = ? WHERE id = ?",
               params(d.counted, d.shift));
  tx.commit();
  return std::int64_t(diffs.size());
}

void add_sessions_after(Connection& db, std::int64_t after) {
  db.execute(
      "UPDATE shifts SET credited_volunteers = (SELECT COUNT(DISTINCT s.volunteer_id) "
      "FROM sessions s WHERE s.shift_id = shifts.id AND s.credited_min > 0) "
      "WHERE id IN (SELECT n.shift_id FROM sessions n WHERE n.id > ? AND n.shift_id IS NOT NULL "
      "AND n.credited_min > 0)",
      params(after));
}

}  // namespace vstation::store::shift_fill
