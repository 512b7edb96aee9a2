// The shifts the report pass reads beside the sessions (stats_scan_parts.hpp): each day's shift
// fill and the projects active in each planned range.

#include <algorithm>

#include "stats_scan_parts.hpp"

namespace vstation::store::stats::scan {
namespace {

// Slots filled: each shift's distinct credited volunteers (kept on its row: shift_fill.hpp), up
// to its slots.
constexpr const char* kFilled =
    "CASE WHEN sh.credited_volunteers < sh.slots THEN sh.credited_volunteers ELSE sh.slots END";

void add(ShiftFill& fill, std::int64_t shifts, std::int64_t slots, std::int64_t filled) {
  fill.shifts += shifts;
  fill.slots_demanded += slots;
  fill.slots_filled += filled;
}

// SQLite reads every shift of the span as a row, and marks its project in the bit table of each
// range its day is in: quicker there than its COUNT(DISTINCT), which builds a b-tree (a quarter
// report on the 10-million-session district: 2.0 s of CPU before, 1.6 s after).
ShiftDays read_rows(Connection& on, const Layout& layout, const std::vector<DateRange>& ranges,
                    std::int64_t max_project, bool paired) {
  ShiftDays out;
  out.fill.assign(std::size_t(layout.span_days), {});
  ActiveProjects active(ranges.size(), max_project);
  std::vector<std::size_t> cursors(layout.zone_days.size(), 0);
  std::vector<Value> a;
  const std::string select =
      "SELECT sh.starts_at, sh.slots, " + std::string(kFilled) + ", " +
      (paired ? two_ids("sh.station_id", "sh.project_id")
              : std::string("sh.station_id, sh.project_id")) +
      " FROM shifts sh WHERE sh.cancelled = 0 AND " +
      detail::local_range("sh.starts_at", "sh.station_id", layout.zones, layout.span.first,
                          layout.span.last.plus_days(1), a);
  for (auto q = on.stream(select, std::move(a)); q->next();) {
    auto [station, project] = paired ? split_ids(q->i64(3)) : std::pair{q->i64(3), q->i64(4)};
    std::uint32_t st = layout.station_of(station);
    if (st == UINT32_MAX) continue;  // a station added since the zones were read
    std::uint32_t z = layout.station_zone[st];
    std::int32_t day = layout.zone_days[z].day_of(q->i64(0), cursors[z]);
    if (day < 0 || day >= layout.span_days) continue;
    add(out.fill[std::size_t(day)], 1, q->i64(1), q->i64(2));
    active.mark(small_id(project), &layout.day_mask[std::size_t(day) * layout.words]);
  }
  out.projects_active = active.counts();
  return out;
}

// A server sums the shifts where they are and sends the sums (a by-month quarter of the
// 20-million-session district sent 1.44 million shift rows before, 273 sums now):
//  - each day's fill, as the sums of the shifts of each start time (a day has a few), placed in
//    their local day here; one query per zone, and a range apart from every other
//    (Layout::alone: nothing asks for its days one by one) summed whole, on its first day;
//  - the projects active in each range asked for them (`asked`), by COUNT(DISTINCT); -1 for the
//    others.
ShiftDays sum_on_server(Connection& on, const Layout& layout, const std::vector<DateRange>& ranges,
                        const std::vector<bool>& asked) {
  ShiftDays out;
  out.fill.assign(std::size_t(layout.span_days), {});
  out.projects_active.assign(ranges.size(), -1);
  const auto& groups = layout.zones.groups;
  for (std::size_t z = 0; z < groups.size(); ++z) {
    // Several zones: each query keeps the stations of its own.
    Layout::Also members;
    if (groups.size() > 1)
      members = [&g = groups[z]](std::vector<Value>& a) {
        return " AND " + detail::stations_in("sh.station_id", g, a);
      };
    std::vector<Value> a;
    const std::string stretches =
        layout.over_stretches("SELECT sh.starts_at, sh.slots, " + std::string(kFilled) +
                                  " AS filled FROM shifts sh WHERE sh.cancelled = 0 AND ",
                              "sh.starts_at", "sh.station_id", layout.span.first,
                              layout.span.last.plus_days(1), a, members, &layout.alone);
    if (stretches.empty()) continue;
    std::size_t cursor = 0;
    for (auto q = on.stream("SELECT starts_at, COUNT(*), SUM(slots), SUM(filled) FROM (" +
                                stretches + ") AS x GROUP BY starts_at",
                            std::move(a));
         q->next();) {
      const std::int32_t day = layout.zone_days[z].day_of(q->i64(0), cursor);
      if (day >= 0 && day < layout.span_days)
        add(out.fill[std::size_t(day)], q->i64(1), q->i64(2), q->i64(3));
    }
  }
  for (std::size_t r = 0; r < ranges.size(); ++r) {
    const DateRange& n = ranges[r];
    const bool alone = std::find(layout.alone.begin(), layout.alone.end(), n) != layout.alone.end();
    if (!alone && !asked[r]) continue;
    std::vector<Value> a;
    const std::string where = detail::local_range("sh.starts_at", "sh.station_id", layout.zones,
                                                  n.first, n.last.plus_days(1), a);
    auto q = on.query(std::string("SELECT ") + (asked[r] ? "COUNT(DISTINCT sh.project_id)" : "0") +
                          (alone ? std::string(", COUNT(*), COALESCE(SUM(sh.slots), 0), "
                                               "COALESCE(SUM(") +
                                       kFilled + "), 0)"
                                 : "") +
                          " FROM shifts sh WHERE sh.cancelled = 0 AND " + where,
                      std::move(a));
    q->next();
    if (asked[r]) out.projects_active[r] = q->i64(0);
    if (alone)
      add(out.fill[std::size_t(layout.day_index(n.first))], q->i64(1), q->i64(2), q->i64(3));
  }
  return out;
}

}  // namespace

ShiftDays read_shift_days(Connection& on, const Layout& layout, const ScanPlan& plan,
                          std::int64_t max_project, bool paired) {
  if (on.backend() == "sqlite") return read_rows(on, layout, plan.ranges, max_project, paired);
  std::vector<bool> asked(plan.ranges.size(), true);
  if (plan.projects_asked)
    for (std::size_t r = 0; r < asked.size(); ++r)
      asked[r] = std::find(plan.projects_asked->begin(), plan.projects_asked->end(),
                           plan.ranges[r]) != plan.projects_asked->end();
  return sum_on_server(on, layout, plan.ranges, asked);
}

}  // namespace vstation::store::stats::scan
