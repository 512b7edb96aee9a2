// The maintained credit totals (credit_totals.hpp): the periods, the read of the history before
// a quarter, and the recount that checks and rebuilds them.

#include "vstation/store/credit_totals.hpp"

#include <algorithm>
#include <unordered_map>

#include "ahead_calendar.hpp"
#include "batched_upsert.hpp"
#include "period_key.hpp"
#include "totals_compare.hpp"

namespace vstation::store::credit {
namespace {

using Key = PeriodKey;
using Sums = std::unordered_map<Key, std::int64_t, PeriodKeyHash>;

// Each year's sums added from its quarters' (half the look-ups a row).
Sums with_years(Sums sums) {
  std::vector<std::pair<Key, std::int64_t>> years;
  years.reserve(sums.size());
  for (const auto& [k, minutes] : sums)
    years.push_back({{k.period / 10, k.station, k.volunteer}, minutes});
  for (const auto& [k, minutes] : years) sums[k] += minutes;
  return sums;
}

// The sums of the credited sessions `sql` reads (eff_in, station_id, volunteer_id, credited_min):
// by quarter as the rows come, then each year.
Sums sum_sessions(Connection& db, std::string_view sql, std::vector<Value> args) {
  Sums sums;
  auto r = db.stream_whole(sql, std::move(args));
  while (r->next()) {
    auto p = periods_of(Instant{r->i64(0)});
    sums[{p.quarter, r->i64(1), r->i64(2)}] += r->i64(3);
  }
  return with_years(std::move(sums));
}

std::vector<Row> sorted_rows(const Sums& sums) {
  std::vector<Row> out;
  out.reserve(sums.size());
  for (const auto& [k, m] : sums)
    if (m != 0) out.push_back({k.period, k.station, k.volunteer, m});
  std::sort(out.begin(), out.end(), [](const Row& a, const Row& b) {
    return Key{a.period, a.station, a.volunteer} < Key{b.period, b.station, b.volunteer};
  });
  return out;
}

// Writes `rows` with `conflict` as the upsert's action, many rows a statement.
void upsert(Connection& db, std::string_view conflict, const std::vector<Row>& rows) {
  batched::write(
      db, "INSERT INTO credit_totals (period, station_id, volunteer_id, minutes) VALUES ", 4,
      " ON CONFLICT (period, station_id, volunteer_id) DO UPDATE SET minutes = " +
          std::string(conflict),
      rows.size(), [&](std::size_t i, std::vector<Value>& args) {
        for (std::int64_t v : {rows[i].period, rows[i].station, rows[i].volunteer, rows[i].minutes})
          args.emplace_back(v);
      });
}
constexpr std::string_view kAdd = "credit_totals.minutes + excluded.minutes";
constexpr std::string_view kSet = "excluded.minutes";

// Calls f for each row of the table that differs from the recount's, by key; stops when f
// returns false.
template <class F>
void compare(Connection& db, const std::vector<Row>& counted, F f) {
  auto r = db.stream(
      "SELECT period, station_id, volunteer_id, minutes FROM credit_totals "
      "ORDER BY period, station_id, volunteer_id");
  totals::compare(
      *r,
      [](Rows& x) {
        return Row{x.i64(0), x.i64(1), x.i64(2), x.i64(3)};
      },
      counted,
      [](const Row& x) {
        return Key{x.period, x.station, x.volunteer};
      },
      [](const Row& x) {
        return Row{x.period, x.station, x.volunteer, 0};
      },
      [&](const Row& stored, const Row& c) {
        return f(
            Difference{stored.period, stored.station, stored.volunteer, stored.minutes, c.minutes});
      });
}

}  // namespace

PeriodKeys periods_of(Instant at) {
  Date d = ahead::date_of(at);
  std::int64_t y = d.year();
  return {y, y * 10 + std::int64_t(d.month() + 2) / 3};
}

std::string period_label(std::int64_t key) {
  // Year keys are below 10000, quarter keys Y*10+q above.
  return key < 10000 ? std::to_string(key)
                     : std::to_string(key / 10) + "Q" + std::to_string(key % 10);
}

Quarter quarter_containing(Instant at) {
  Date d = ahead::date_of(at);
  int q = int(d.month() + 2) / 3;
  Date first = *Date::from_ymd(d.year(), unsigned(3 * q - 2), 1);
  return {d.year(), q, ahead::day_begins(first)};
}

void before(Connection& db, const Quarter& q,
            const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& f) {
  // Two ranges of the primary key: year keys are below 10000, quarter keys above.
  auto r = db.stream_whole(
      "SELECT station_id, volunteer_id, minutes FROM credit_totals "
      "WHERE period < ? OR (period > ? AND period < ?)",
      params(std::int64_t(q.year), std::int64_t(q.year) * 10,
             std::int64_t(q.year) * 10 + q.quarter));
  while (r->next()) f(r->i64(0), r->i64(1), r->i64(2));
}

void every_year(Connection& db,
                const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& f) {
  // Year keys are below 10000, quarter keys above.
  auto r = db.stream_whole(
      "SELECT station_id, volunteer_id, minutes FROM credit_totals WHERE period < 10000");
  while (r->next()) f(r->i64(0), r->i64(1), r->i64(2));
}

void in_period(Connection& db, std::int64_t key,
               const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& f) {
  auto r = db.stream_whole(
      "SELECT station_id, volunteer_id, minutes FROM credit_totals WHERE period = ? "
      "ORDER BY station_id, volunteer_id",
      params(key));
  while (r->next()) f(r->i64(0), r->i64(1), r->i64(2));
}

std::vector<Row> recount(Connection& db) {
  return sorted_rows(sum_sessions(
      db,
      "SELECT eff_in, station_id, volunteer_id, credited_min FROM sessions WHERE credited_min > 0",
      {}));
}

std::vector<Difference> differences(Connection& db, std::size_t limit) {
  return totals::first_differences<Difference>(
      db, limit, [&](auto f) { compare(db, recount(db), f); });
}

std::int64_t rebuild(Connection& db) {
  Transaction tx(db);
  auto diffs = totals::all_differences<Difference>([&](auto f) { compare(db, recount(db), f); });
  std::vector<Row> set;
  for (const auto& d : diffs) {
    if (d.counted == 0)
      db.execute(
          "DELETE FROM credit_totals WHERE period = ? AND station_id = ? AND volunteer_id = ?",
          params(d.period, d.station, d.volunteer));
    else
      set.push_back({d.period, d.station, d.volunteer, d.counted});
  }
  upsert(db, kSet, set);
  tx.commit();
  return std::int64_t(diffs.size());
}

std::vector<Credited> credited_after(Connection& db, std::int64_t after) {
  std::vector<Credited> out;
  auto r = db.stream(
      "SELECT eff_in, station_id, volunteer_id, credited_min, COALESCE(shift_id, 0), "
      "COALESCE(project_id, 0) FROM sessions WHERE id > ? AND credited_min > 0",
      params(after));
  while (r->next())
    out.push_back({r->i64(0), r->i64(1), r->i64(2), r->i64(3), r->i64(4), r->i64(5)});
  return out;
}

std::vector<Row> count(const std::vector<Credited>& sessions) {
  Sums sums;
  for (const Credited& s : sessions)
    sums[{periods_of(Instant{s.at}).quarter, s.station, s.volunteer}] += s.minutes;
  return sorted_rows(with_years(std::move(sums)));
}

void add_counted(Connection& db, const std::vector<Row>& counted) {
  upsert(db, kAdd, counted);
}

}  // namespace vstation::store::credit
