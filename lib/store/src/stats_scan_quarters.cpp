// A quarter the report pass counts from the maintained quarter totals (stats_scan_parts.hpp,
// design.md §3.8): the rows of `credit_totals` and `quarter_service`, corrected at its edges.

#include <algorithm>
#include <set>
#include <tuple>

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

void QuarterTotals::read_service(Connection& on, const detail::Zones& zones, bool by_key,
                                 bool by_project, bool paired_ids) {
  paired_ids_ = paired_ids;
  stations_.reset();
  if (!zones.every_station) {
    stations_.emplace();
    for (const auto& g : zones.groups)
      stations_->insert(stations_->end(), g.stations.begin(), g.stations.end());
  }
  by_key_ = by_key;
  by_project_ = by_key && by_project;
  // By key, the rows are streamed by finish (a district quarter has a million of them by
  // project), and summed there.
  if (!by_key) sums_ = quarter_service::in_quarter(on, key_, stations_);
  // The head: the quarter's sessions before the range's first local day, at each zone.
  std::vector<Value> args;
  std::string w =
      detail::local_range("s.eff_in", "s.station_id", zones, std::nullopt, days_.first, args);
  args.emplace_back(begins_.seconds);
  auto r = on.stream_whole(
      "SELECT s.station_id, s.volunteer_id, s.credited_min, COALESCE(s.shift_id, 0), "
      "COALESCE(s.project_id, 0) FROM sessions s WHERE s.credited_min > 0 AND " +
          w + " AND s.eff_in >= ?",
      std::move(args));
  while (r->next())
    head_.push_back({r->i64(0), r->i64(1), r->i64(2), r->i64(3), r->i64(4)});
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
  std::int64_t walk_ins_off = 0, shifts_off = 0;
  std::set<std::pair<std::int64_t, std::int64_t>> head_pairs;  // (shift, volunteer)
  for (const Head& h : head_) {
    if (h.shift == 0)
      ++walk_ins_off;
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
    if (head_pairs.count(edge[i]) && !has_inside[i]) ++shifts_off;
    if (std::binary_search(tail_pairs.begin(), tail_pairs.end(), edge[i]) && has_inside[i])
      ++shifts_off;
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
  const quarter_service::Sums sums = by_key_ ? keyed(db, tail, edge, has_inside, each_key) : sums_;
  out.totals.walk_ins = sums.walk_ins - walk_ins_off;
  out.totals.person_times = out.totals.walk_ins + sums.shifts - shifts_off;
  return out;
}

quarter_service::Sums QuarterTotals::keyed(
    Connection& db, const std::vector<Edge>& tail,
    const std::vector<std::pair<std::int64_t, std::int64_t>>& edge,
    const std::vector<bool>& has_inside, const std::function<void(const Keyed&)>& each_key) const {
  // The edges' parts of a key's figures: less the head's sessions and its pairs without a
  // session inside, plus the tail's sessions and its pairs without one (a tail pair with one is
  // in the quarter's shifts already), each pair at its session's station and project.
  std::vector<Keyed> edges;
  auto pair_at = [&](std::pair<std::int64_t, std::int64_t> p) {
    return std::size_t(std::lower_bound(edge.begin(), edge.end(), p) - edge.begin());
  };
  auto add_edge = [&](const Edge& e, std::int64_t sign,
                      std::set<std::pair<std::int64_t, std::int64_t>>& done) {
    const std::int64_t project = by_project_ ? e.project : 0;
    edges.push_back(
        {e.station, e.volunteer, project, sign * e.minutes, e.shift == 0 ? sign : 0, 0});
    if (e.shift != 0 && !has_inside[pair_at({e.shift, e.volunteer})] &&
        done.insert({e.shift, e.volunteer}).second)
      edges.push_back({e.station, e.volunteer, project, 0, 0, sign});
  };
  std::set<std::pair<std::int64_t, std::int64_t>> head_done, tail_done;
  for (const Head& e : head_) add_edge(e, -1, head_done);
  for (const Edge& e : tail) add_edge(e, 1, tail_done);
  auto key = [](const auto& r) { return std::tuple{r.station, r.volunteer, r.project}; };
  std::sort(edges.begin(), edges.end(),
            [&](const Keyed& a, const Keyed& b) { return key(a) < key(b); });
  // The quarter's rows as they come, by key (one a key, with their minutes), and the edges
  // merged; the rows' walk-ins and shifts summed.
  quarter_service::Sums sums;
  std::size_t e = 0;
  auto emit = [&](Keyed sum) {
    for (; e < edges.size() && key(edges[e]) == key(sum); ++e) {
      sum.minutes += edges[e].minutes;
      sum.walk_ins += edges[e].walk_ins;
      sum.shifts += edges[e].shifts;
    }
    if (sum.minutes != 0 || sum.walk_ins != 0 || sum.shifts != 0) each_key(sum);
  };
  quarter_service::each_in_quarter(
      db, key_, stations_, by_project_,
      [&](const quarter_service::Row& row) {
        sums.walk_ins += row.walk_ins;
        sums.shifts += row.shifts;
        const Keyed here{row.station, row.volunteer, row.project,
                         row.minutes, row.walk_ins,  row.shifts};
        while (e < edges.size() && key(edges[e]) < key(here))
          emit({edges[e].station, edges[e].volunteer, edges[e].project, 0, 0, 0});
        emit(here);
      },
      paired_ids_);
  while (e < edges.size()) emit({edges[e].station, edges[e].volunteer, edges[e].project, 0, 0, 0});
  return sums;
}

}  // namespace vstation::store::stats::scan

namespace vstation::store::stats {

bool ScanPlan::groups_from_quarter_totals() const {
  auto disjoint = [](DateRange a, DateRange b) { return a.last < b.first || b.last < a.first; };
  return !groups.empty() && quarter_totals && history_from_totals && narrow_apart &&
         std::all_of(groups.begin(), groups.end(),
                     [](Group g) {
                       return g == Group::station || g == Group::volunteer || g == Group::project;
                     }) &&
         scan::QuarterTotals::of(group_days).has_value() &&
         std::count(ranges.begin(), ranges.end(), group_days) > 0 &&
         std::all_of(ranges.begin(), ranges.end(),
                     [&](DateRange r) { return r == group_days || disjoint(r, group_days); });
}

void CreditedSessions::add_keyed(std::uint32_t station, std::uint32_t volunteer,
                                 std::uint32_t project, const Tally& figures) {
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
  if (projects_.planned) {
    add(projects_, project);
    scan::add_distinct(projects_.distinct, std::uint64_t(project) << 32 | volunteer);
  }
}

}  // namespace vstation::store::stats
