// Where the report pass puts a row (stats_scan_parts.hpp): its station's dense index and zone,
// its local day, the day's planned ranges, and which ranges are read narrow.

#include <algorithm>

#include "stats_scan_parts.hpp"

namespace vstation::store::stats::scan {

Layout::Layout(Connection& db, std::optional<StationId> station, DateRange range,
               const ScanPlan& plan)
    : span(range),
      span_days(std::int32_t(std::max<std::int64_t>(range.days(), 0))),
      zones(detail::zone_groups(db, station)),
      words((plan.ranges.size() + 63) / 64) {
  for (const auto& g : zones.groups) {
    for (std::int64_t id : g.stations) {
      station_index_.emplace(id, std::uint32_t(station_ids.size()));
      station_ids.push_back(id);
      station_zone.push_back(std::uint32_t(zone_days.size()));
    }
    ZoneDays z;
    for (std::int32_t d = 0; d <= span_days; ++d)
      z.starts.push_back(span.first.plus_days(d).start_at(g.zone).seconds);
    zone_days.push_back(std::move(z));
  }
  // Station ids are small integer keys: a flat table id -> dense index for the per-row lookup.
  for (std::size_t i = 0; i < station_ids.size(); ++i) {
    std::int64_t id = station_ids[i];
    if (id < 0 || id >= (std::int64_t(1) << 20)) continue;
    if (std::size_t(id) >= station_flat_.size())
      station_flat_.resize(std::size_t(id) + 1, UINT32_MAX);
    station_flat_[std::size_t(id)] = std::uint32_t(i);
  }

  // Each day's planned ranges as a bit mask.
  day_mask.assign(std::size_t(span_days) * words, 0);
  for (std::size_t r = 0; r < plan.ranges.size(); ++r)
    for (std::int32_t d = day_index(plan.ranges[r].first); d <= day_index(plan.ranges[r].last); ++d)
      day_mask[std::size_t(d) * words + r / 64] |= std::uint64_t(1) << (r % 64);

  // The ranges apart from every other range (ScanPlan::narrow_apart), and of them those read
  // narrow: apart from the group days too, unless the groups come from the quarter totals (the
  // pass's quarters need zones).
  auto disjoint = [](DateRange a, DateRange b) { return a.last < b.first || b.last < a.first; };
  const bool groups_apart = plan.groups_from_quarter_totals() && !zones.groups.empty();
  for (std::size_t r = 0; plan.narrow_apart && r < plan.ranges.size(); ++r) {
    bool apart = true;
    for (std::size_t q = 0; q < plan.ranges.size(); ++q)
      apart = apart && (q == r || disjoint(plan.ranges[q], plan.ranges[r]));
    if (apart) alone.push_back(plan.ranges[r]);
  }
  std::sort(alone.begin(), alone.end());
  for (const DateRange& r : alone)
    if (plan.groups.empty() || disjoint(r, plan.group_days) ||
        (groups_apart && r == plan.group_days))
      narrow.push_back(r);
}

std::string Layout::over_stretches(const std::string& head, const char* col,
                                   const char* station_col, std::optional<Date> from, Date until,
                                   std::vector<Value>& args, const Also& also,
                                   const std::vector<DateRange>* skip) const {
  std::string select;
  auto add = [&](std::optional<Date> lo, Date hi) {
    // One after the other: each appends its parameters in the order the text names them.
    std::string where = detail::local_range(col, station_col, zones, lo, hi, args);
    if (also) where += also(args);
    select += (select.empty() ? "" : " UNION ALL ") + head + where;
  };
  for (const DateRange& n : skip ? *skip : narrow) {
    if (!from || *from < n.first) add(from, n.first);
    from = n.last.plus_days(1);
  }
  if (!from || *from < until) add(from, until);
  return select;
}

}  // namespace vstation::store::stats::scan
