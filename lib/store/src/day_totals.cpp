// The maintained sums per station and day (day_totals.hpp): the recount that checks and rebuilds
// them, an import's catch-up, and the reads of a report.

#include "vstation/store/day_totals.hpp"

#include <algorithm>
#include <unordered_map>

#include "ahead_calendar.hpp"
#include "batched_upsert.hpp"
#include "station_filter.hpp"
#include "totals_compare.hpp"

namespace vstation::store::day_totals {
// One calendar for every maintained total (the public header cannot name the private one).
static_assert(kAhead == ahead::kSeconds);

namespace {

struct Key {
  std::int64_t day, station;
  bool operator==(const Key&) const = default;
  auto operator<=>(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    return std::size_t(std::uint64_t(k.day) * 0x9e3779b97f4a7c15ull ^ std::uint64_t(k.station));
  }
};
Key key_of(const Row& r) {
  return {r.day, r.station};
}

// A credited session's part of its day.
void add_session(Sums& s, std::int64_t minutes, bool walk_in) {
  s.minutes += minutes;
  s.walk_ins += walk_in ? 1 : 0;
}
// A shift's part of its day: its credited volunteers, and if not cancelled the shift, its slots
// and slots filled (its credited volunteers up to its slots).
void add_shift(Sums& s, bool cancelled, std::int64_t slots, std::int64_t volunteers) {
  s.pairs += volunteers;
  if (cancelled) return;
  s.shifts += 1;
  s.slots += slots;
  s.filled += std::min(volunteers, slots);
}

constexpr std::string_view kSessions =
    "SELECT eff_in, station_id, credited_min, CASE WHEN shift_id IS NULL THEN 1 ELSE 0 END "
    "FROM sessions "
    "WHERE credited_min > 0";
constexpr std::string_view kShifts =
    "SELECT starts_at, station_id, CASE WHEN cancelled <> 0 THEN 1 ELSE 0 END, slots, "
    "credited_volunteers FROM shifts";

template <class F>
void compare(Connection& db, const std::vector<Row>& counted, F f) {
  auto r = db.stream(
      "SELECT day, station_id, minutes, walk_ins, pairs, shifts, slots, filled FROM day_totals "
      "ORDER BY day, station_id");
  totals::compare(
      *r,
      [](Rows& x) {
        return Row{x.i64(0), x.i64(1),
                   Sums{x.i64(2), x.i64(3), x.i64(4), x.i64(5), x.i64(6), x.i64(7)}};
      },
      counted, key_of,
      [](const Row& x) {
        return Row{x.day, x.station, {}};
      },
      [&](const Row& stored, const Row& c) {
        return f(Difference{stored, c});
      });
}

constexpr std::string_view kHead =
    "INSERT INTO day_totals (day, station_id, minutes, walk_ins, pairs, shifts, slots, filled) "
    "VALUES ";

void bind_row(const Row& r, std::vector<Value>& args) {
  const Sums& s = r.sums;
  for (std::int64_t v :
       {r.day, r.station, s.minutes, s.walk_ins, s.pairs, s.shifts, s.slots, s.filled})
    args.emplace_back(v);
}

void upsert(Connection& db, const std::vector<Row>& rows, bool add) {
  const std::string tail =
      add ? " ON CONFLICT (day, station_id) DO UPDATE SET minutes = day_totals.minutes + "
            "excluded.minutes, walk_ins = day_totals.walk_ins + excluded.walk_ins, pairs = "
            "day_totals.pairs + excluded.pairs, shifts = day_totals.shifts + excluded.shifts, "
            "slots = day_totals.slots + excluded.slots, filled = day_totals.filled + "
            "excluded.filled"
          : " ON CONFLICT (day, station_id) DO UPDATE SET minutes = excluded.minutes, walk_ins = "
            "excluded.walk_ins, pairs = excluded.pairs, shifts = excluded.shifts, slots = "
            "excluded.slots, filled = excluded.filled";
  batched::write(db, kHead, 8, tail, rows.size(),
                 [&](std::size_t i, std::vector<Value>& args) { bind_row(rows[i], args); });
}

class Counter {
 public:
  Sums& at(std::int64_t instant, std::int64_t station) { return on(day_of(instant), station); }
  Sums& on(std::int64_t day, std::int64_t station) { return sums_[Key{day, station}]; }
  std::vector<Row> rows() && {
    std::vector<Row> out;
    out.reserve(sums_.size());
    for (const auto& [k, s] : sums_)
      if (!(s == Sums{})) out.push_back({k.day, k.station, s});
    std::sort(out.begin(), out.end(),
              [](const Row& a, const Row& b) { return key_of(a) < key_of(b); });
    return out;
  }

 private:
  std::unordered_map<Key, Sums, KeyHash> sums_;
};

}  // namespace

Sums& Sums::operator+=(const Sums& o) {
  minutes += o.minutes, walk_ins += o.walk_ins, pairs += o.pairs;
  shifts += o.shifts, slots += o.slots, filled += o.filled;
  return *this;
}
Sums& Sums::operator-=(const Sums& o) {
  minutes -= o.minutes, walk_ins -= o.walk_ins, pairs -= o.pairs;
  shifts -= o.shifts, slots -= o.slots, filled -= o.filled;
  return *this;
}

std::vector<Row> recount(Connection& db) {
  Counter counter;
  for (auto r = db.stream_whole(kSessions); r->next();)
    add_session(counter.at(r->i64(0), r->i64(1)), r->i64(2), r->i64(3) != 0);
  for (auto r = db.stream_whole(kShifts); r->next();)
    add_shift(counter.at(r->i64(0), r->i64(1)), r->i64(2) != 0, r->i64(3), r->i64(4));
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
    if (d.counted.sums == Sums{})
      db.execute("DELETE FROM day_totals WHERE day = ? AND station_id = ?",
                 params(d.stored.day, d.stored.station));
    else
      set.push_back(d.counted);
  }
  upsert(db, set, false);
  tx.commit();
  return std::int64_t(diffs.size());
}

std::vector<Row> count_sessions(const std::vector<credit::Credited>& sessions) {
  Counter counter;
  for (const auto& s : sessions) add_session(counter.at(s.at, s.station), s.minutes, s.shift == 0);
  return std::move(counter).rows();
}

void add_counted(Connection& db, const std::vector<Row>& counted,
                 const std::vector<Refilled>& refilled) {
  if (refilled.empty()) return upsert(db, counted, true);
  Counter counter;
  for (const auto& row : counted) counter.on(row.day, row.station) += row.sums;
  for (const auto& r : refilled) {
    Sums after, before;
    add_shift(after, r.cancelled, r.slots, r.after);
    add_shift(before, r.cancelled, r.slots, r.before);
    counter.at(r.starts_at, r.station) += after -= before;
  }
  upsert(db, std::move(counter).rows(), true);
}

void add_shifts_after(Connection& db, std::int64_t after) {
  Counter counter;
  for (auto r = db.stream(std::string(kShifts) + " WHERE id > ?", params(after)); r->next();)
    add_shift(counter.at(r->i64(0), r->i64(1)), r->i64(2) != 0, r->i64(3), r->i64(4));
  upsert(db, std::move(counter).rows(), true);
}

std::vector<std::pair<std::int64_t, Sums>> by_day(
    Connection& db, std::int64_t from, std::int64_t to,
    const std::optional<std::vector<std::int64_t>>& stations) {
  std::vector<Value> args{from, to};
  const std::string where = station_filter(stations, args);
  auto r = db.query(
      "SELECT day, SUM(minutes), SUM(walk_ins), SUM(pairs), SUM(shifts), SUM(slots), "
      "SUM(filled) FROM day_totals WHERE day >= ? AND day <= ?" +
          where + " GROUP BY day ORDER BY day",
      std::move(args));
  std::vector<std::pair<std::int64_t, Sums>> out;
  while (r->next())
    out.emplace_back(r->i64(0),
                     Sums{r->i64(1), r->i64(2), r->i64(3), r->i64(4), r->i64(5), r->i64(6)});
  return out;
}

Sums between(Connection& db, std::int64_t from, std::int64_t to,
             const std::optional<std::vector<std::int64_t>>& stations) {
  Sums out;
  {
    std::vector<Value> args{from, to};
    const std::string where = station_filter(stations, args);
    auto r = db.query(
        "SELECT COALESCE(SUM(credited_min), 0), COALESCE(SUM(CASE WHEN shift_id IS NULL THEN 1 "
        "ELSE 0 END), 0) FROM sessions WHERE credited_min > 0 AND eff_in >= ? AND eff_in < ?" +
            where,
        std::move(args));
    r->next();
    out.minutes = r->i64(0);
    out.walk_ins = r->i64(1);
  }
  std::vector<Value> args{from, to};
  const std::string where = station_filter(stations, args);
  auto r = db.query(
      "SELECT CASE WHEN cancelled <> 0 THEN 1 ELSE 0 END, slots, credited_volunteers FROM shifts "
      "WHERE starts_at >= ? AND "
      "starts_at < ?" +
          where,
      std::move(args));
  while (r->next()) add_shift(out, r->i64(0) != 0, r->i64(1), r->i64(2));
  out.pairs = 0;  // a pair counts where its sessions are, not by its shift's start
  return out;
}

}  // namespace vstation::store::day_totals
