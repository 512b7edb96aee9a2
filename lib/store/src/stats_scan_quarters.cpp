// A quarter the report pass counts from the maintained quarter totals (stats_scan_parts.hpp,
// design.md §3.8): the rows of `credit_totals` and `quarter_service`, corrected at its edges.

#include <algorithm>
#include <set>

#include "ahead_calendar.hpp"
#include "stats_scan_parts.hpp"
#include "stats_sql.hpp"
#include "vstation/store/credit_totals.hpp"
#include "vstation/store/quarter_service.hpp"

namespace vstation::store::stats::scan {

std::optional<QuarterTotals> QuarterTotals::of(DateRange days) {
  const unsigned m = days.first.month();
  if (days.first.day() != 1 || (m - 1) % 3 != 0) return std::nullopt;
  auto next = m == 10 ? Date::from_ymd(days.first.year() + 1, 1, 1)
                      : Date::from_ymd(days.first.year(), m + 3, 1);
  if (!next || days.last.plus_days(1) != *next) return std::nullopt;
  QuarterTotals q;
  q.days_ = days;
  q.key_ = std::int64_t(days.first.year()) * 10 + std::int64_t(m + 2) / 3;
  q.begins_ = ahead::day_begins(days.first);
  q.ends_ = ahead::day_begins(*next);
  return q;
}

void QuarterTotals::read_minutes(Connection& on,
                                 const std::function<bool(std::int64_t)>& in_scope) {
  credit::in_period(on, key_,
                    [&](std::int64_t station, std::int64_t volunteer, std::int64_t minutes) {
    if (in_scope(station)) minutes_.push_back({station, volunteer, minutes});
                    });
}

void QuarterTotals::read_service(Connection& on, const detail::Zones& zones, bool by_key) {
  std::optional<std::vector<std::int64_t>> stations;
  if (!zones.every_station) {
    stations.emplace();
    for (const auto& g : zones.groups)
      stations->insert(stations->end(), g.stations.begin(), g.stations.end());
  }
  by_key_ = by_key;
  if (by_key) {
    quarter_service::each_in_quarter(on, key_, stations, [&](const quarter_service::Row& r) {
      walk_ins_ += r.walk_ins;
      shifts_ += r.shifts;
      service_.push_back(r);
    });
  } else {
    auto sums = quarter_service::in_quarter(on, key_, stations);
    walk_ins_ = sums.walk_ins;
    shifts_ = sums.shifts;
  }
  // The head: the quarter's sessions before the range's first local day, at each zone.
  std::vector<Value> args;
  std::string w =
      detail::local_range("s.eff_in", "s.station_id", zones, std::nullopt, days_.first, args);
  args.emplace_back(begins_.seconds);
  auto r = on.stream(
      "SELECT s.station_id, s.volunteer_id, s.credited_min, COALESCE(s.shift_id, 0) FROM "
      "sessions s WHERE s.credited_min > 0 AND " +
          w + " AND s.eff_in >= ?",
      std::move(args));
  while (r->next()) head_.push_back({r->i64(0), r->i64(1), r->i64(2), r->i64(3)});
  std::sort(head_.begin(), head_.end(), [](const Head& a, const Head& b) {
    return std::pair{a.station, a.volunteer} < std::pair{b.station, b.volunteer};
  });
}

QuarterTotals::Inside QuarterTotals::finish(
    Connection& db, std::vector<Edge> tail,
    const std::function<std::int64_t(std::int64_t)>& first_instant,
    const std::function<void(const Keyed&)>& each_key) const {
  // The tail's distinct (shift, volunteer) pairs.
  std::vector<std::pair<std::int64_t, std::int64_t>> tail_pairs;
  for (const Edge& e : tail)
    if (e.shift != 0) tail_pairs.emplace_back(e.shift, e.volunteer);
  std::sort(tail_pairs.begin(), tail_pairs.end());
  tail_pairs.erase(std::unique(tail_pairs.begin(), tail_pairs.end()), tail_pairs.end());
  // The quarter's walk-ins and shifts less the head's and the edge pairs' (below).
  std::int64_t walk_ins = walk_ins_, shifts = shifts_;
  std::set<std::pair<std::int64_t, std::int64_t>> head_pairs;  // (shift, volunteer)
  for (const Head& h : head_) {
    if (h.shift == 0)
      --walk_ins;
    else
      head_pairs.insert({h.shift, h.volunteer});
  }
  // The pairs at either edge, and whether each has a session inside (the range and the quarter
  // both): a head pair without one is not the range's; a tail pair with one is counted already.
  std::vector<std::pair<std::int64_t, std::int64_t>> edge(head_pairs.begin(), head_pairs.end());
  edge.insert(edge.end(), tail_pairs.begin(), tail_pairs.end());
  std::sort(edge.begin(), edge.end());
  edge.erase(std::unique(edge.begin(), edge.end()), edge.end());
  std::vector<bool> has_inside(edge.size(), false);
  for (const PairSession& s : pair_sessions(db, edge, 0, edge.size()))
    if (is_inside(first_instant(s.station), s.at)) has_inside[s.pair] = true;
  for (std::size_t i = 0; i < edge.size(); ++i) {
    if (head_pairs.count(edge[i]) && !has_inside[i]) --shifts;
    if (std::binary_search(tail_pairs.begin(), tail_pairs.end(), edge[i]) && has_inside[i])
      --shifts;
  }
  // Each volunteer's minutes per station less the head's: both lists by station and volunteer.
  Inside out;
  auto key = [](const auto& r) { return std::pair{r.station, r.volunteer}; };
  auto add = [&](std::int64_t volunteer, std::int64_t minutes) {
    out.totals.credited_minutes += minutes;
    if (minutes != 0) out.minutes.emplace_back(volunteer, minutes);
  };
  std::size_t h = 0;
  for (const Minutes& m : minutes_) {
    for (; h < head_.size() && key(head_[h]) < key(m); ++h)
      add(head_[h].volunteer, -head_[h].minutes);
    std::int64_t minutes = m.minutes;
    for (; h < head_.size() && key(head_[h]) == key(m); ++h) minutes -= head_[h].minutes;
    add(m.volunteer, minutes);
  }
  for (; h < head_.size(); ++h) add(head_[h].volunteer, -head_[h].minutes);
  out.totals.walk_ins = walk_ins;
  out.totals.person_times = walk_ins + shifts;
  if (by_key_) keyed(tail, edge, has_inside, each_key);
  return out;
}

void QuarterTotals::keyed(const std::vector<Edge>& tail,
                          const std::vector<std::pair<std::int64_t, std::int64_t>>& edge,
                          const std::vector<bool>& has_inside,
                          const std::function<void(const Keyed&)>& each_key) const {
  // The edges' parts of a key's figures: less the head's sessions and its pairs without a
  // session inside, plus the tail's sessions and its pairs without one (a tail pair with one is
  // in the quarter's shifts already), each pair at its session's station.
  std::vector<Keyed> edges;
  auto pair_at = [&](std::pair<std::int64_t, std::int64_t> p) {
    return std::size_t(std::lower_bound(edge.begin(), edge.end(), p) - edge.begin());
  };
  auto add_edge = [&](const Edge& e, std::int64_t sign,
                      std::set<std::pair<std::int64_t, std::int64_t>>& done) {
    edges.push_back({e.station, e.volunteer, sign * e.minutes, e.shift == 0 ? sign : 0, 0});
    if (e.shift != 0 && !has_inside[pair_at({e.shift, e.volunteer})] &&
        done.insert({e.shift, e.volunteer}).second)
      edges.push_back({e.station, e.volunteer, 0, 0, sign});
  };
  std::set<std::pair<std::int64_t, std::int64_t>> head_done, tail_done;
  for (const Head& e : head_) add_edge(e, -1, head_done);
  for (const Edge& e : tail) add_edge(e, 1, tail_done);
  auto key = [](const auto& r) { return std::pair{r.station, r.volunteer}; };
  std::sort(edges.begin(), edges.end(),
            [&](const Keyed& a, const Keyed& b) { return key(a) < key(b); });
  // The quarter's minutes and rows, both by station and volunteer, and the edges merged.
  std::size_t m = 0, r = 0, e = 0;
  while (m < minutes_.size() || r < service_.size() || e < edges.size()) {
    std::pair<std::int64_t, std::int64_t> k{INT64_MAX, INT64_MAX};
    if (m < minutes_.size()) k = std::min(k, key(minutes_[m]));
    if (r < service_.size()) k = std::min(k, key(service_[r]));
    if (e < edges.size()) k = std::min(k, key(edges[e]));
    Keyed sum{k.first, k.second, 0, 0, 0};
    for (; m < minutes_.size() && key(minutes_[m]) == k; ++m) sum.minutes += minutes_[m].minutes;
    for (; r < service_.size() && key(service_[r]) == k; ++r) {
      sum.walk_ins += service_[r].walk_ins;
      sum.shifts += service_[r].shifts;
    }
    for (; e < edges.size() && key(edges[e]) == k; ++e) {
      sum.minutes += edges[e].minutes;
      sum.walk_ins += edges[e].walk_ins;
      sum.shifts += edges[e].shifts;
    }
    if (sum.minutes != 0 || sum.walk_ins != 0 || sum.shifts != 0) each_key(sum);
  }
}

}  // namespace vstation::store::stats::scan

namespace vstation::store::stats {

bool ScanPlan::groups_from_quarter_totals() const {
  auto disjoint = [](DateRange a, DateRange b) { return a.last < b.first || b.last < a.first; };
  return !groups.empty() && quarter_totals && history_from_totals && narrow_apart &&
         std::all_of(groups.begin(), groups.end(),
                     [](Group g) { return g == Group::station || g == Group::volunteer; }) &&
         scan::QuarterTotals::of(group_days).has_value() &&
         std::count(ranges.begin(), ranges.end(), group_days) > 0 &&
         std::all_of(ranges.begin(), ranges.end(),
                     [&](DateRange r) { return r == group_days || disjoint(r, group_days); });
}

void CreditedSessions::add_keyed(std::uint32_t station, std::uint32_t volunteer,
                                 const Tally& figures) {
  auto add = [&](Grouping& g, std::uint32_t member) {
    if (member >= g.tally.size()) g.tally.resize(member + 1);
    g.tally[member].minutes += figures.minutes;
    g.tally[member].walk_ins += figures.walk_ins;
    g.tally[member].rostered += figures.rostered;  // its distinct shifts: Grouping::pairs_distinct
  };
  if (stations_.planned) {
    add(stations_, station);
    scan::add_distinct(stations_.distinct, std::uint64_t(station) << 32 | volunteer);
  }
  if (volunteers_.planned) add(volunteers_, volunteer);
}

}  // namespace vstation::store::stats
