// A report's range of every credited session counted from the maintained totals alone
// (stats_scan_parts.hpp, design.md §3.8): the day totals and the credit totals' years.

#include <algorithm>
#include <future>
#include <unordered_map>

#include "station_filter.hpp"
#include "stats_scan_parts.hpp"
#include "stats_sql.hpp"
#include "vstation/store/credit_totals.hpp"
#include "vstation/store/day_totals.hpp"
#include "vstation/store/project_shifts.hpp"
#include "vstation/store/stats_scan.hpp"

namespace vstation::store::stats::scan {
namespace {

// The stations of zone group `g` as day_totals filters them: every station when the scope is the
// database and has one zone.
std::optional<std::vector<std::int64_t>> stations_of(const detail::Zones& zones,
                                                     const detail::ZoneGroup& g) {
  if (zones.every_station && zones.groups.size() == 1) return std::nullopt;
  return g.stations;
}

// Whether a row of `what` (a table and the condition its rows must meet) at the group's stations
// has its `at` in [from, to).
struct Dated {
  const char *table, *where, *at;
};
constexpr Dated kCredited{"sessions", "credited_min > 0", "eff_in"};
constexpr Dated kUncancelled{"shifts", "cancelled = 0", "starts_at"};
bool any_between(Connection& db, const Dated& what, std::optional<std::int64_t> from,
                 std::optional<std::int64_t> to,
                 const std::optional<std::vector<std::int64_t>>& stations) {
  std::string sql = std::string("SELECT 1 FROM ") + what.table + " WHERE " + what.where;
  std::vector<Value> args;
  if (from) sql += std::string(" AND ") + what.at + " >= ?", args.emplace_back(*from);
  if (to) sql += std::string(" AND ") + what.at + " < ?", args.emplace_back(*to);
  sql += station_filter(stations, args);
  return db.scalar(sql + " LIMIT 1", std::move(args)).has_value();
}
// Whether every row of `what` lies in `range` at its station's zone.
bool all_inside(Connection& db, const Dated& what, const detail::Zones& zones, DateRange range) {
  for (const auto& g : zones.groups) {
    const auto stations = stations_of(zones, g);
    if (any_between(db, what, std::nullopt, range.first.start_at(g.zone).seconds, stations) ||
        any_between(db, what, range.last.plus_days(1).start_at(g.zone).seconds, std::nullopt,
                    stations))
      return false;
  }
  return true;
}

}  // namespace

PartTotals part_totals(Connection& db, const detail::Zones& zones,
                       const std::vector<DateRange>& parts, day_totals::Sums* all) {
  PartTotals out;
  std::int64_t from_day = INT64_MIN / 2, to_day = INT64_MAX / 2;
  if (!all) {
    from_day = INT64_MAX / 2, to_day = INT64_MIN / 2;
    for (const auto& g : zones.groups)
      for (const DateRange& p : parts) {
        from_day = std::min(from_day, day_totals::day_of(p.first.start_at(g.zone).seconds));
        to_day = std::max(to_day, day_totals::day_of(p.last.plus_days(1).start_at(g.zone).seconds));
      }
  }
  out.minutes.assign(parts.size(), 0);
  out.fill.assign(parts.size(), {});
  for (const auto& g : zones.groups) {
    const auto stations = stations_of(zones, g);
    // Every day read (one read of the table gives the sum of them all too), and the sums of the
    // days before each: a part is a difference.
    const auto days = day_totals::by_day(db, from_day, to_day, stations);
    std::vector<day_totals::Sums> running(days.size() + 1);
    for (std::size_t i = 0; i < days.size(); ++i) (running[i + 1] = running[i]) += days[i].second;
    if (all) *all += running.back();
    auto before = [&](std::int64_t day) {
      auto at = std::lower_bound(days.begin(), days.end(), day,
                                 [](const auto& row, std::int64_t d) { return row.first < d; });
      return running[std::size_t(at - days.begin())];
    };
    std::unordered_map<std::int64_t, day_totals::Sums> edge;  // by instant: its day's hours before
    auto hours_before = [&](std::int64_t at) {
      auto it = edge.find(at);
      if (it == edge.end())
        it = edge.emplace(at, day_totals::between(
                                  db, day_totals::day_begins(day_totals::day_of(at)), at, stations))
                 .first;
      return it->second;
    };
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::int64_t b = parts[i].first.start_at(g.zone).seconds,
                         e = parts[i].last.plus_days(1).start_at(g.zone).seconds;
      day_totals::Sums s = before(day_totals::day_of(e));
      s -= before(day_totals::day_of(b));
      s -= hours_before(b);
      s += hours_before(e);
      out.minutes[i] += s.minutes;
      out.fill[i].shifts += s.shifts;
      out.fill[i].slots_demanded += s.slots;
      out.fill[i].slots_filled += s.filled;
    }
  }
  return out;
}

std::optional<HistoryTotals> HistoryTotals::of(Connection& db, std::optional<StationId> station,
                                               const ScanPlan& plan) {
  // One station's sessions may lie on shifts of another: its pairs are not its shifts'.
  if (!plan.history_totals || !plan.history_from_totals || station || plan.ranges.size() != 1 ||
      !plan.groups.empty())
    return std::nullopt;
  HistoryTotals h;
  h.range = plan.ranges.front();
  h.parts = plan.parts;
  // Day numbers count from 1970-01-01 (day_totals.hpp).
  if (h.range.first < *Date::from_ymd(1970, 1, 3)) return std::nullopt;
  for (const DateRange& p : h.parts)
    if (p.first < h.range.first || p.last > h.range.last || p.last < p.first) return std::nullopt;
  h.zones = detail::zone_groups(db, std::nullopt);
  if (!all_inside(db, kCredited, h.zones, h.range)) return std::nullopt;
  return h;
}

void HistoryTotals::read_minutes(Connection& db) {
  // Each volunteer's minutes: the credit totals' years, summed here.
  std::vector<std::int64_t> flat;
  std::unordered_map<std::int64_t, std::int64_t> others;
  credit::every_year(db, [&](std::int64_t, std::int64_t volunteer, std::int64_t m) {
    if (volunteer >= 0 && volunteer < (std::int64_t(1) << 26)) {
      if (std::size_t(volunteer) >= flat.size()) flat.resize(std::size_t(volunteer) * 2 + 1, 0);
      flat[std::size_t(volunteer)] += m;
    } else {
      others[volunteer] += m;
    }
  });
  for (std::size_t v = 0; v < flat.size(); ++v)
    if (flat[v] > 0) minutes.emplace_back(std::int64_t(v), flat[v]);
  for (const auto& [v, m] : others)
    if (m > 0) minutes.emplace_back(v, m);
  totals.volunteers = std::int64_t(minutes.size());
}

void HistoryTotals::read_days(Connection& db) {
  day_totals::Sums all;  // every day of every station
  auto sums = part_totals(db, zones, parts, &all);
  part_minutes = std::move(sums.minutes);
  part_fill = std::move(sums.fill);
  totals.credited_minutes = all.minutes;
  totals.walk_ins = all.walk_ins;
  totals.person_times = all.walk_ins + all.pairs;
}

void HistoryTotals::read_projects(Connection& db) {
  // Projects with an uncancelled shift starting in the range: when the range holds every such
  // shift, those with one at all (project_shifts); otherwise each found by its first one in the
  // range (shifts_by_project).
  if (all_inside(db, kUncancelled, zones, range)) {
    projects_active = project_shifts::with_shifts(db);
    return;
  }
  std::vector<Value> args;
  const std::string in_range = detail::local_range("sh.starts_at", "sh.station_id", zones,
                                                   range.first, range.last.plus_days(1), args);
  projects_active =
      db.scalar(
            "SELECT COUNT(*) FROM projects p WHERE EXISTS (SELECT 1 FROM shifts sh WHERE "
            "sh.project_id = p.id AND sh.cancelled = 0 AND " +
                in_range + ")",
            std::move(args))
          .value_or(0);
}

}  // namespace vstation::store::stats::scan

namespace vstation::store::stats {

void CreditedSessions::from_history(Connection& db, scan::HistoryTotals history, Beside& beside) {
  // The totals' reads and the helper's other figures, each on whichever connection is free (the
  // longest first).
  scan::Chores chores;
  chores.add([&](Connection& on) { history.read_projects(on); });
  chores.add([&](Connection& on) { history.read_days(on); });
  chores.add([&](Connection& on) { history.read_minutes(on); });
  for (auto& read : beside.also) chores.add(std::move(read));
  std::future<void> helper;
  if (beside.db) helper = std::async(std::launch::async, [&] { chores.run(*beside.db); });
  chores.run(db);
  if (helper.valid()) helper.get();

  from_totals_ = true;
  span_ = history.range;
  days_.assign(std::size_t(span_.days()), {});
  served_ = {history.totals.volunteers};
  ServiceTotals summed = history.totals;
  summed.volunteers = 0;  // served_ gives them
  summed_ = {summed};
  for (const auto& [volunteer, minutes] : history.minutes) {
    volunteer_ids_.push_back(volunteer);
    people_.push_back({minutes, 0});
  }
  projects_active_ = {history.projects_active};
  parts_from_days_ = true;
  part_minutes_ = std::move(history.part_minutes);
  part_fill_ = std::move(history.part_fill);
}

}  // namespace vstation::store::stats
