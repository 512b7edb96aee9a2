// The maintained incident totals (incident_totals.hpp): the months, the read of a span of them,
// and the recount that checks and rebuilds them.

#include "vstation/store/incident_totals.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "ahead_calendar.hpp"
#include "batched_upsert.hpp"
#include "totals_compare.hpp"

namespace vstation::store::incident_totals {
namespace {

std::tuple<std::int64_t, std::int64_t, const std::string&> key_of(const Row& r) {
  return {r.period, r.station, r.type};
}

struct Sums {
  std::int64_t incidents = 0, people = 0;
};
// A month, station and type (an index into the types seen) as one hash key.
struct Key {
  std::int64_t period, station;
  std::uint32_t type;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    std::uint64_t h = std::uint64_t(k.period) * 0x9e3779b97f4a7c15ull;
    h ^= std::uint64_t(k.station) * 0xff51afd7ed558ccdull + k.type + (h << 6) + (h >> 2);
    return std::size_t(h ^ (h >> 31));
  }
};

// The rows of the incidents `sql` reads (at, station_id, type, people_served), by key: summed
// in a hash table (a tree keyed by text was seconds over a district's millions), then sorted.
std::vector<Row> count_incidents(Connection& db, std::string_view sql, std::vector<Value> args) {
  std::unordered_map<Key, Sums, KeyHash> sums;
  std::vector<std::string> types;
  std::uint32_t last = 0;
  auto r = db.stream(sql, std::move(args));
  while (r->next()) {
    std::string_view type = r->text(2);
    if (last >= types.size() || types[last] != type) {  // rows of one type often follow each other
      last = std::uint32_t(std::find(types.begin(), types.end(), type) - types.begin());
      if (last == types.size()) types.emplace_back(type);
    }
    Sums& s = sums[{month_of(Instant{r->i64(0)}), r->i64(1), last}];
    ++s.incidents;
    s.people += r->i64(3);
  }
  std::vector<Row> out;
  out.reserve(sums.size());
  for (const auto& [k, s] : sums)
    if (s.incidents != 0 || s.people != 0)
      out.push_back({k.period, k.station, types[k.type], s.incidents, s.people});
  std::sort(out.begin(), out.end(),
            [](const Row& a, const Row& b) { return key_of(a) < key_of(b); });
  return out;
}

// Writes `rows`, adding to what is stored or (`set`) replacing it, many rows a statement.
void upsert(Connection& db, bool set, const std::vector<Row>& rows) {
  batched::write(
      db,
      "INSERT INTO incident_totals (period, station_id, type, incidents, people_served) VALUES ", 5,
      set ? " ON CONFLICT (period, station_id, type) DO UPDATE SET incidents = excluded.incidents, "
            "people_served = excluded.people_served"
          : " ON CONFLICT (period, station_id, type) DO UPDATE SET incidents = "
            "incident_totals.incidents + excluded.incidents, people_served = "
            "incident_totals.people_served + excluded.people_served",
      rows.size(), [&](std::size_t i, std::vector<Value>& args) {
        args.emplace_back(rows[i].period);
        args.emplace_back(rows[i].station);
        args.emplace_back(rows[i].type);
        args.emplace_back(rows[i].incidents);
        args.emplace_back(rows[i].people_served);
      });
}

// Calls f for each row of the table that differs from the recount's, by key; stops when f
// returns false.
template <class F>
void compare(Connection& db, const std::vector<Row>& counted, F f) {
  auto r = db.stream(
      "SELECT period, station_id, type, incidents, people_served FROM incident_totals "
      "ORDER BY period, station_id, type");
  totals::compare(
      *r,
      [](Rows& x) {
        return Row{x.i64(0), x.i64(1), x.str(2), x.i64(3), x.i64(4)};
      },
      counted, key_of,
      [](const Row& x) {
        return Row{x.period, x.station, x.type, 0, 0};
      },
      [&](const Row& stored, const Row& c) {
        return f(Difference{stored.period, stored.station, stored.type, stored.incidents,
                            stored.people_served, c.incidents, c.people_served});
      });
}

}  // namespace

std::int64_t month_of(Instant at) {
  return month_of(ahead::date_of(at));
}

std::int64_t month_of(Date d) {
  return std::int64_t(d.year()) * 100 + d.month();
}

Instant month_begins(std::int64_t key) {
  return ahead::day_begins(*Date::from_ymd(int(key / 100), unsigned(key % 100), 1));
}

std::int64_t next_month(std::int64_t key) {
  return key % 100 == 12 ? (key / 100 + 1) * 100 + 1 : key + 1;
}

std::string month_label(std::int64_t key) {
  std::string m = std::to_string(key % 100);
  return std::to_string(key / 100) + "-" + (m.size() < 2 ? "0" : "") + m;
}

void sum_months(Connection& db, std::int64_t first, std::int64_t last,
                std::optional<StationId> station,
                const std::function<void(std::string_view, std::int64_t, std::int64_t)>& f) {
  std::string sql = "FROM incident_totals WHERE period >= ? AND period <= ?";
  std::vector<Value> args{first, last};
  if (station) {
    sql += " AND station_id = ?";
    args.emplace_back(station->value);
  }
  // SQLite sorts for a GROUP BY: there the rows are summed by the caller. PostgreSQL hashes it
  // and sends one row a type.
  auto r =
      db.backend() == "sqlite"
          ? db.query("SELECT type, incidents, people_served " + sql, std::move(args))
          : db.query("SELECT type, SUM(incidents), SUM(people_served) " + sql + " GROUP BY type",
                     std::move(args));
  while (r->next()) f(r->text(0), r->i64(1), r->i64(2));
}

std::vector<Row> recount(Connection& db) {
  return count_incidents(db, "SELECT at, station_id, type, people_served FROM incidents", {});
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
    if (d.counted_incidents == 0 && d.counted_people == 0)
      db.execute("DELETE FROM incident_totals WHERE period = ? AND station_id = ? AND type = ?",
                 params(d.period, d.station, d.type));
    else
      set.push_back({d.period, d.station, d.type, d.counted_incidents, d.counted_people});
  }
  upsert(db, true, set);
  tx.commit();
  return std::int64_t(diffs.size());
}

void add_incidents_after(Connection& db, std::int64_t after) {
  upsert(
      db, false,
      count_incidents(db, "SELECT at, station_id, type, people_served FROM incidents WHERE id > ?",
                      params(after)));
}

}  // namespace vstation::store::incident_totals
