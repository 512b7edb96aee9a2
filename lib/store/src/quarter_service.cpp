// The maintained walk-ins and shifts per volunteer, station and quarter (quarter_service.hpp):
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
  return {r.period, r.station, r.volunteer};
}

// Counts credited sessions into rows, by key: walk-ins counted, each key's distinct shifts from
// its (key, shift) pairs sorted once at the end.
class Counter {
 public:
  explicit Counter(std::size_t sessions = 0) {
    index_.reserve(sessions / 4);
    served_.reserve(sessions);
  }
  void add(std::int64_t at, std::int64_t station, std::int64_t volunteer, std::int64_t shift) {
    PeriodKey k{credit::periods_of(Instant{at}).quarter, station, volunteer};
    auto [it, fresh] = index_.try_emplace(k, std::uint32_t(rows_.size()));
    if (fresh) rows_.push_back({k.period, station, volunteer, 0, 0});
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
      "SELECT period, station_id, volunteer_id, walk_ins, shifts FROM quarter_service "
      "ORDER BY period, station_id, volunteer_id");
  totals::compare(
      *r,
      [](Rows& x) {
        return Row{x.i64(0), x.i64(1), x.i64(2), x.i64(3), x.i64(4)};
      },
      counted, key_of,
      [](const Row& x) {
        return Row{x.period, x.station, x.volunteer, 0, 0};
      },
      [&](const Row& stored, const Row& c) {
        return f(Difference{stored, c});
      });
}

constexpr std::string_view kHead =
    "INSERT INTO quarter_service (period, station_id, volunteer_id, walk_ins, shifts) VALUES ";

void bind_row(const Row& r, std::vector<Value>& args) {
  for (std::int64_t v : {r.period, r.station, r.volunteer, r.walk_ins, r.shifts})
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
  auto r = db.stream(
      "SELECT eff_in, station_id, volunteer_id, COALESCE(shift_id, 0) FROM sessions "
      "WHERE credited_min > 0");
  while (r->next()) counter.add(r->i64(0), r->i64(1), r->i64(2), r->i64(3));
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
    if (d.counted.walk_ins == 0 && d.counted.shifts == 0)
      db.execute(
          "DELETE FROM quarter_service WHERE period = ? AND station_id = ? AND volunteer_id = ?",
          params(d.stored.period, d.stored.station, d.stored.volunteer));
    else
      set.push_back(d.counted);
  }
  batched::write(db, kHead, 5,
                 " ON CONFLICT (period, station_id, volunteer_id) DO UPDATE SET walk_ins = "
                 "excluded.walk_ins, shifts = excluded.shifts",
                 set.size(),
                 [&](std::size_t i, std::vector<Value>& args) { bind_row(set[i], args); });
  tx.commit();
  return std::int64_t(diffs.size());
}

std::vector<Row> count(const std::vector<credit::Credited>& sessions) {
  Counter counter(sessions.size());
  for (const auto& s : sessions) counter.add(s.at, s.station, s.volunteer, s.shift);
  return std::move(counter).rows();
}

void add_counted(Connection& db, const std::vector<Row>& rows) {
  // A pair may have had a session under the key already: such a key's shifts counted again.
  batched::write(
      db, kHead, 5,
      " ON CONFLICT (period, station_id, volunteer_id) DO UPDATE SET walk_ins = "
      "quarter_service.walk_ins + excluded.walk_ins, shifts = (SELECT COUNT(DISTINCT s.shift_id) "
      "FROM sessions s WHERE s.volunteer_id = excluded.volunteer_id AND s.station_id = "
      "excluded.station_id AND s.credited_min > 0 AND " +
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
                     const std::optional<std::vector<std::int64_t>>& stations,
                     const std::function<void(const Row&)>& f) {
  std::vector<Value> args{period};
  std::string sql =
      "SELECT station_id, volunteer_id, walk_ins, shifts FROM quarter_service WHERE period = ?";
  sql += station_filter(stations, args);
  auto r = db.stream(sql + " ORDER BY station_id, volunteer_id", std::move(args));
  while (r->next()) f({period, r->i64(0), r->i64(1), r->i64(2), r->i64(3)});
}

}  // namespace vstation::store::quarter_service
