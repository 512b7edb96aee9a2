// The shifts the report pass reads beside the sessions (stats_scan_parts.hpp): each day's shift
// fill and the projects active in each planned range.

#include <algorithm>

#include "stats_scan_parts.hpp"

namespace vstation::store::stats::scan {

ShiftDays read_shift_days(Connection& on, const Layout& layout,
                          const std::vector<DateRange>& ranges, std::int64_t max_project,
                          bool paired) {
  ShiftDays out;
  out.fill.assign(std::size_t(layout.span_days), {});
  ActiveProjects active(ranges.size(), max_project);
  auto add = [&](std::int32_t day, std::int64_t slots, std::int64_t filled, std::int64_t project) {
    ShiftFill& fill = out.fill[std::size_t(day)];
    ++fill.shifts;
    fill.slots_demanded += slots;
    fill.slots_filled += std::min(filled, slots);
    active.mark(small_id(project), &layout.day_mask[std::size_t(day) * layout.words]);
  };
  // Each uncancelled shift starting on the span's days outside the ranges summed alone, and the
  // slots filled (each shift's distinct credited volunteers, kept on its row: shift_fill.hpp).
  // SQLite reads every range's shifts as rows: marking their projects here is quicker than its
  // COUNT(DISTINCT), which builds a b-tree (a quarter report on the 10-million-session district:
  // 2.0 s of CPU before, 1.6 s after). A server sums the layout's ranges alone where they are.
  const bool sum_narrow = on.backend() != "sqlite";
  const std::vector<DateRange> summed = sum_narrow ? layout.alone : std::vector<DateRange>{};
  std::vector<std::size_t> cursors(layout.zone_days.size(), 0);
  std::vector<Value> a;
  const std::string head = "SELECT sh.starts_at, sh.slots, sh.credited_volunteers, " +
                           (paired ? two_ids("sh.station_id", "sh.project_id")
                                   : std::string("sh.station_id, sh.project_id")) +
                           " FROM shifts sh WHERE sh.cancelled = 0 AND ";
  const std::string select =
      sum_narrow ? layout.over_stretches(head, "sh.starts_at", "sh.station_id", layout.span.first,
                                         layout.span.last.plus_days(1), a, {}, &summed)
                 : head + detail::local_range("sh.starts_at", "sh.station_id", layout.zones,
                                              layout.span.first, layout.span.last.plus_days(1), a);
  for (auto q = select.empty() ? nullptr : on.stream(select, std::move(a)); q && q->next();) {
    auto [station, project] = paired ? split_ids(q->i64(3)) : std::pair{q->i64(3), q->i64(4)};
    std::uint32_t st = layout.station_of(station);
    if (st == UINT32_MAX) continue;  // a station added since the zones were read
    std::uint32_t z = layout.station_zone[st];
    std::int32_t day = layout.zone_days[z].day_of(q->i64(0), cursors[z]);
    if (day >= 0 && day < layout.span_days) add(day, q->i64(1), q->i64(2), project);
  }
  // A range's shifts summed where they are: its fill (all on its first day) and active projects
  // are all the pass asks of them.
  for (const DateRange& n : summed) {
    std::vector<Value> na;
    std::string w = detail::local_range("sh.starts_at", "sh.station_id", layout.zones, n.first,
                                        n.last.plus_days(1), na);
    auto q = on.query(
        "SELECT COUNT(*), COALESCE(SUM(sh.slots), 0), COALESCE(SUM(CASE WHEN "
        "sh.credited_volunteers < sh.slots THEN sh.credited_volunteers ELSE sh.slots END), 0), "
        "COUNT(DISTINCT sh.project_id) FROM shifts sh WHERE sh.cancelled = 0 AND " +
            w,
        std::move(na));
    q->next();
    ShiftFill& fill = out.fill[std::size_t(layout.day_index(n.first))];
    fill.shifts += q->i64(0);
    fill.slots_demanded += q->i64(1);
    fill.slots_filled += q->i64(2);
    active.add(std::size_t(std::find(ranges.begin(), ranges.end(), n) - ranges.begin()), q->i64(3));
  }
  out.projects_active = active.counts();
  return out;
}

}  // namespace vstation::store::stats::scan
