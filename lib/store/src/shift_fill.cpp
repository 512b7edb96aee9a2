// The maintained shift fill (shift_fill.hpp): the recount that checks and rebuilds it.

#include "vstation/store/shift_fill.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "batched_upsert.hpp"
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

// The statement that made a shifts index or trigger, if it is there.
std::optional<std::string> schema_sql(Connection& db, std::string_view type,
                                      std::string_view name) {
  auto r = db.query(
      "SELECT sql FROM sqlite_master WHERE type = ? AND name = ? AND tbl_name = "
      "'shifts'",
      params(std::string(type), std::string(name)));
  if (!r->next()) return std::nullopt;
  return r->str(0);
}

// The shifts' new counts written (ids[i] gets refilled[i].after; SQLite, a large import's
// catch-up), `shifts_by_time` (made by `index`) built again after. The shifts' day trigger
// (schema 24) would move each changed shift's day a row at a time (a million sessions' 476,000
// shifts: 5.8 s); it is set aside too, and the changed shifts returned for their days to be moved
// with the sessions' (day_totals::add_counted). A trigger someone dropped stays dropped and
// nothing is returned, as the update alone would leave the days (`vstation check` names both).
std::vector<day_totals::Refilled> write_counts(Connection& db, const std::string& index,
                                               const std::vector<std::int64_t>& ids,
                                               std::vector<day_totals::Refilled> refilled) {
  const auto trigger = schema_sql(db, "trigger", "shifts_day_update");
  db.execute("DROP INDEX shifts_by_time");
  if (trigger) db.execute("DROP TRIGGER shifts_day_update");
  batched::write(db, "UPDATE shifts SET credited_volunteers = v.column2 FROM (VALUES ", 2,
                 ") AS v WHERE shifts.id = v.column1", ids.size(),
                 [&](std::size_t i, std::vector<Value>& args) {
                   args.emplace_back(ids[i]);
                   args.emplace_back(refilled[i].after);
                 });
  db.execute(index);
  if (!trigger) return {};
  db.execute(*trigger);
  return refilled;
}

day_totals::Refilled refilled_of(const Rows& r, std::int64_t after) {
  return {.starts_at = r.i64(2),
          .station = r.i64(3),
          .slots = r.i64(4),
          .before = r.i64(1),
          .after = after,
          .cancelled = r.i64(5) != 0};
}

constexpr std::string_view kRefilledColumns =
    "sh.id, sh.credited_volunteers, sh.starts_at, sh.station_id, sh.slots, sh.cancelled <> 0";

// Every shift counted again from its sessions, by `sessions_by_shift`.
std::vector<day_totals::Refilled> recount_all(Connection& db, const std::string& index) {
  std::vector<std::int64_t> ids;  // refilled[i] is shift ids[i]
  std::vector<day_totals::Refilled> refilled;
  for (auto r = db.stream("SELECT " + std::string(kRefilledColumns) + ", f.n FROM (" +
                          std::string(kCounts) +
                          ") f JOIN shifts sh ON sh.id = f.shift_id WHERE "
                          "sh.credited_volunteers <> f.n");
       r->next();) {
    ids.push_back(r->i64(0));
    refilled.push_back(refilled_of(*r, r->i64(6)));
  }
  return write_counts(db, index, ids, std::move(refilled));
}

// The shifts `counted` names and their new counts, read in one pass over the shifts, which most
// of them are. A shift without credited volunteers before has the import's count; one with some
// (a file's first rows were counted by the triggers, or an earlier file) is counted again from
// all its sessions, one at a time while there are few; nullopt when there are more.
std::optional<std::pair<std::vector<std::int64_t>, std::vector<day_totals::Refilled>>> counts_of(
    Connection& db, const std::vector<Counted>& counted) {
  constexpr std::size_t kMostRecounted = 1'000;
  std::vector<std::int64_t> ids;
  std::vector<day_totals::Refilled> refilled;
  std::vector<std::size_t> again;  // positions in ids of shifts with earlier volunteers
  auto next = counted.begin();
  for (auto r =
           db.stream("SELECT " + std::string(kRefilledColumns) + " FROM shifts sh ORDER BY sh.id");
       next != counted.end() && r->next();) {
    while (next != counted.end() && next->shift < r->i64(0)) ++next;  // no such shift
    if (next == counted.end() || next->shift != r->i64(0)) continue;
    if (r->i64(1) != 0) {
      if (again.size() == kMostRecounted) return std::nullopt;
      again.push_back(ids.size());
    }
    ids.push_back(next->shift);
    refilled.push_back(refilled_of(*r, next->volunteers));
    ++next;
  }
  for (std::size_t i : again)
    refilled[i].after = *db.scalar(
        "SELECT COUNT(DISTINCT volunteer_id) FROM sessions WHERE shift_id = ? AND credited_min > 0",
        params(ids[i]));
  return std::pair(std::move(ids), std::move(refilled));
}

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

std::vector<Counted> count(const std::vector<credit::Credited>& sessions) {
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs;  // shift, volunteer
  pairs.reserve(sessions.size());
  for (const auto& s : sessions)
    if (s.shift != 0) pairs.emplace_back(s.shift, s.volunteer);
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<Counted> out;
  for (const auto& [shift, _] : pairs) {
    if (out.empty() || out.back().shift != shift) out.push_back({shift, 0});
    ++out.back().volunteers;
  }
  return out;
}

std::vector<day_totals::Refilled> add_counted(Connection& db, std::int64_t after,
                                              const std::vector<Counted>& counted) {
  // Rows enough to touch most shifts (an import of a station's history): on SQLite the shifts are
  // written in one pass, and `shifts_by_time`, which covers the count, is built again once,
  // sorted, rather than changed at a random place for each shift (the catch-up of a million
  // sessions: 0.9 s counted for the new rows' shifts, 0.35 s whole). A shift's count is the one
  // counted in memory when it had no credited volunteer before (its stored count says so:
  // `vstation check` holds it to its sessions); every shift is counted again when many had.
  // PostgreSQL counts the new rows' shifts with the index in place: there DROP INDEX would lock
  // the table to the end of the import.
  if (db.backend() == "sqlite") {
    const auto added = db.scalar("SELECT MAX(id) FROM sessions").value_or(after) - after;
    const auto shifts = db.scalar("SELECT MAX(rowid) FROM shifts").value_or(0);
    if (added * 2 > shifts) {
      if (auto index = schema_sql(db, "index", "shifts_by_time")) {
        if (auto counts = counts_of(db, counted))
          return write_counts(db, *index, counts->first, std::move(counts->second));
        return recount_all(db, *index);
      }
    }
  }
  db.execute(
      "UPDATE shifts SET credited_volunteers = (SELECT COUNT(DISTINCT s.volunteer_id) "
      "FROM sessions s WHERE s.shift_id = shifts.id AND s.credited_min > 0) "
      "WHERE id IN (SELECT n.shift_id FROM sessions n WHERE n.id > ? AND n.shift_id IS NOT NULL "
      "AND n.credited_min > 0)",
      params(after));
  return {};
}

}  // namespace vstation::store::shift_fill
