// The maintained service per volunteer, station, project and quarter (quarter_service.hpp):
// the recount that checks and rebuilds them, an import's catch-up, and the read of one quarter.

#include "vstation/store/quarter_service.hpp"

#include <algorithm>
#include <unordered_map>

#include "batched_upsert.hpp"
#include "period_key.hpp"
#include "station_filter.hpp"
#include "totals_compare.hpp"
#include "vstation/store/credit_totals.hpp"

namespace vstation::store::quarter_service {
namespace {

PeriodKey key_of(const Row& r) {
  return {r.period, r.station, r.volunteer, r.project};
}

// Counts credited sessions into rows, by key: minutes and walk-ins summed, each key's distinct
// shifts from its (key, shift) pairs sorted once at the end.
class Counter {
 public:
  explicit Counter(std::size_t sessions = 0) {
    index_.reserve(sessions / 4);
    served_.reserve(sessions);
  }
  void add(std::int64_t at, std::int64_t station, std::int64_t volunteer, std::int64_t project,
           std::int64_t minutes, std::int64_t shift) {
    PeriodKey k{credit::periods_of(Instant{at}).quarter, station, volunteer, project};
    auto [it, fresh] = index_.try_emplace(k, std::uint32_t(rows_.size()));
    if (fresh) rows_.push_back({k.period, station, volunteer, project, 0, 0, 0});
    rows_[it->second].minutes += minutes;
    if (shift == 0)
      ++rows_[it->second].walk_ins;
    else
      served_.emplace_back(it->second, shift);
  }
  std::vector<Row> rows() && {
    std::sort(served_.begin(), served_.end());
    served_.erase(std::unique(served_.begin(), served_.end()), served_.end());
    for (const auto& [row, shift] : served_) ++rows_[row].shifts;
    std::sort(rows_.begin(), rows_.end(),
              [](const Row& a, const Row& b) { return key_of(a) < key_of(b); });
    return std::move(rows_);
  }

 private:
  std::unordered_map<PeriodKey, std::uint32_t, PeriodKeyHash> index_;
  std::vector<Row> rows_;
  std::vector<std::pair<std::uint32_t, std::int64_t>> served_;  // (row, shift)
};

template <class F>
void compare(Connection& db, const std::vector<Row>& counted, F f) {
  auto r = db.stream(
      "SELECT period, station_id, volunteer_id, project_id, minutes, walk_ins, shifts FROM "
      "quarter_service ORDER BY period, station_id, volunteer_id, project_id");
  totals::compare(
      *r,
      [](Rows& x) {
        return Row{x.i64(0), x.i64(1), x.i64(2), x.i64(3), x.i64(4), x.i64(5), x.i64(6)};
      },
      counted, key_of,
      [](const Row& x) { return Row{x.period, x.station, x.volunteer, x.project, 0, 0, 0}; },
      [&](const Row& stored, const Row& c) {
        return f(Difference{stored, c});
      });
}

constexpr std::string_view kHead =
    "INSERT INTO quarter_service (period, station_id, volunteer_id, project_id, minutes, "
    "walk_ins, shifts) VALUES ";
constexpr std::size_t kColumns = 7;
constexpr std::string_view kConflict =
    " ON CONFLICT (period, station_id, volunteer_id, project_id) DO UPDATE SET ";

void bind_row(const Row& r, std::vector<Value>& args) {
  for (std::int64_t v :
       {r.period, r.station, r.volunteer, r.project, r.minutes, r.walk_ins, r.shifts})
    args.emplace_back(v);
}

// The instants quarter key `p` (an SQL expression) begins and ends, in each dialect.
std::string quarter_bounds(Connection& db, std::string_view p) {
  const std::string first = db.backend() == "postgresql"
                                ? "make_date((" + std::string(p) + " / 10)::int, (" +
                                      std::string(p) + " % 10 * 3 - 2)::int, 1)"
                                : "printf('%04d-%02d-01', " + std::string(p) + " / 10, " +
                                      std::string(p) + " % 10 * 3 - 2)";
  const std::string at = db.backend() == "postgresql"
                             ? "EXTRACT(EPOCH FROM " + first + "::timestamp)::BIGINT"
                             : "CAST(strftime('%s', " + first + ") AS INTEGER)";
  const std::string next = db.backend() == "postgresql"
                               ? "EXTRACT(EPOCH FROM " + first + " + INTERVAL '3 months')::BIGINT"
                               : "CAST(strftime('%s', " + first + ", '+3 months') AS INTEGER)";
  return "s.eff_in >= " + at + " - 50400 AND s.eff_in < " + next + " - 50400";
}

}  // namespace

std::vector<Row> recount(Connection& db) {
  Counter counter;
  auto r = db.stream_whole(
      "SELECT eff_in, station_id, volunteer_id, COALESCE(project_id, 0), credited_min, "
      "COALESCE(shift_id, 0) FROM sessions WHERE credited_min > 0");
  while (r->next()) counter.add(r->i64(0), r->i64(1), r->i64(2), r->i64(3), r->i64(4), r->i64(5));
  return std::move(counter).rows();
}

std::vector<Difference> differences(Connection& db, std::size_t limit) {
  return totals::first_differences<Difference>(db, limit,
                                               [&](auto f) { compare(db, recount(db), f); });
}

std::int64_t rebuild(Connection& db) {
  Transaction tx(db);
  auto diffs = totals::all_differences<Difference>([&](auto f) { compare(db, recount(db), f); });
  std::vector<Row> set;
  for (const auto& d : diffs) {
    if (d.counted.minutes == 0 && d.counted.walk_ins == 0 && d.counted.shifts == 0)
      db.execute(
          "DELETE FROM quarter_service WHERE period = ? AND station_id = ? AND volunteer_id = ? "
          "AND project_id = ?",
          params(d.stored.period, d.stored.station, d.stored.volunteer, d.stored.project));
    else
      set.push_back(d.counted);
  }
  batched::write(db, kHead, kColumns,
                 std::string(kConflict) +
                     "minutes = excluded.minutes, walk_ins = excluded.walk_ins, shifts = "
                     "excluded.shifts",
                 set.size(),
                 [&](std::size_t i, std::vector<Value>& args) { bind_row(set[i], args); });
  tx.commit();
  return std::int64_t(diffs.size());
}

std::vector<Row> count(const std::vector<credit::Credited>& sessions) {
  Counter counter(sessions.size());
  for (const auto& s : sessions)
    counter.add(s.at, s.station, s.volunteer, s.project, s.minutes, s.shift);
  return std::move(counter).rows();
}

void add_counted(Connection& db, const std::vector<Row>& rows) {
  // A pair may have had a session under the key already: such a key's shifts counted again.
  batched::write(
      db, kHead, kColumns,
      std::string(kConflict) +
          "minutes = quarter_service.minutes + excluded.minutes, walk_ins = "
          "quarter_service.walk_ins + excluded.walk_ins, shifts = (SELECT COUNT(DISTINCT "
          "s.shift_id) FROM sessions s WHERE s.volunteer_id = excluded.volunteer_id AND "
          "s.station_id = excluded.station_id AND COALESCE(s.project_id, 0) = "
          "excluded.project_id AND s.credited_min > 0 AND " +
          quarter_bounds(db, "excluded.period") + ")",
      rows.size(), [&](std::size_t i, std::vector<Value>& args) { bind_row(rows[i], args); });
}

Sums in_quarter(Connection& db, std::int64_t period,
                const std::optional<std::vector<std::int64_t>>& stations) {
  std::string sql =
      "SELECT COALESCE(SUM(walk_ins), 0), COALESCE(SUM(shifts), 0) FROM quarter_service "
      "WHERE period = ?";
  std::vector<Value> args{period};
  sql += station_filter(stations, args);
  auto r = db.query(sql, std::move(args));
  r->next();
  return {r->i64(0), r->i64(1)};
}

void each_in_quarter(Connection& db, std::int64_t period,
                     const std::optional<std::vector<std::int64_t>>& stations, bool by_project,
                     const std::function<void(const Row&)>& f, bool paired_ids) {
  std::vector<Value> args{period};
  std::string sql =
      std::string("SELECT ") +
      (paired_ids ? "station_id * 4294967296 + volunteer_id, " : "station_id, volunteer_id, ") +
      (by_project ? "project_id, minutes, walk_ins, shifts"
                  : "0, SUM(minutes), SUM(walk_ins), SUM(shifts)") +
      " FROM quarter_service WHERE period = ?";
  sql += station_filter(stations, args);
  sql += by_project ? " ORDER BY station_id, volunteer_id, project_id"
                    : " GROUP BY station_id, volunteer_id ORDER BY station_id, volunteer_id";
  auto r = db.stream_whole(sql, std::move(args));
  const int c = paired_ids ? 1 : 2;  // the project's column
  while (r->next()) {
    const std::int64_t station = paired_ids ? r->i64(0) >> 32 : r->i64(0);
    const std::int64_t volunteer = paired_ids ? r->i64(0) & 0xffffffff : r->i64(1);
    f({period, station, volunteer, r->i64(c), r->i64(c + 1), r->i64(c + 2), r->i64(c + 3)});
  }
}

}  // namespace vstation::store::quarter_service
