#include "vstation/report/model.hpp"

#include <algorithm>
#include <map>

#include "vstation/domain/error.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/stats_scan.hpp"

namespace vstation::report {
namespace stats = store::stats;
namespace {

constexpr Msg kLabel{"{}", "{}"};
constexpr Msg kNone{"(none)", "（无）"};
constexpr Msg kImported{"(imported aggregates, no names)", "（导入的汇总记录，无个人信息）"};
constexpr Msg kNoActivity{"no recorded activity to report on", "没有任何可统计的活动记录"};

struct ByEntry {
  By by;
  std::string_view code;
  Msg title;
};
constexpr ByEntry kBy[] = {
    {By::project, "project", {"By project", "按服务项目"}},
    {By::category, "category", {"By category", "按服务类别"}},
    {By::volunteer, "volunteer", {"By volunteer", "按志愿者"}},
    {By::week, "week", {"By ISO week", "按周"}},
    {By::month, "month", {"By month", "按月"}},
    {By::station, "station", {"By station", "按服务站"}},
};

Month next_month(Month m) { return m.month == 12 ? Month{m.year + 1, 1} : Month{m.year, m.month + 1}; }

DateRange clip(DateRange part, DateRange whole) {
  return {std::max(part.first, whole.first), std::min(part.last, whole.last)};
}

// Sessions plus imported aggregates over a period (within one of the pass's periods).
stats::ServiceTotals service_with_imports(store::Connection& db, const stats::CreditedSessions& sessions,
                                          const stats::Period& p) {
  auto s = sessions.totals(p.days);
  auto a = stats::aggregate_totals(db, p);
  s.person_times += a.attended;
  s.credited_minutes += a.minutes;
  return s;
}

// The figures of a period that do not come from the pass: each its own look-up, so that they
// can be read on either connection while the pass reads.
struct SideFigures {
  std::int64_t projects_published = 0;
  std::vector<stats::IncidentCount> incidents;
  stats::TrainingTotals training;
  stats::ReviewBacklog review;
};

// The figures of a period the pass planned.
// `fill`, when given, is the period's shift fill already counted.
Figures figures(store::Connection& db, const stats::CreditedSessions& sessions, const stats::Period& p,
                SideFigures side, std::optional<stats::ShiftFill> fill = std::nullopt) {
  Figures f;
  f.service = sessions.totals(p.days);
  f.imported = stats::aggregate_totals(db, p);
  f.service.person_times += f.imported.attended;
  f.service.credited_minutes += f.imported.minutes;
  f.new_volunteers = sessions.new_volunteers(p.days);
  f.projects_published = side.projects_published;
  auto active = sessions.projects_active(p.days);
  f.projects_active = active ? *active : stats::projects_active(db, p);
  f.fill = fill ? *fill : stats::shift_fill(db, p);
  f.fill.shifts += f.imported.rows;
  f.fill.slots_demanded += f.imported.demand;
  f.fill.slots_filled += f.imported.filled;
  for (const auto& e : enum_entries<IncidentType>()) {
    stats::IncidentCount c{e.value, 0, 0};
    for (const auto& got : side.incidents)
      if (got.type == e.value) c = got;
    f.incidents.push_back(c);
    f.incident_records += c.count;
    f.people_served += c.people_served;
    if (c.type == IncidentType::rescue_assist) f.rescue_assists = c.count;
  }
  f.training = side.training;
  f.review = side.review;
  return f;
}

// A breakdown row's label: the name of its project, volunteer or station (`name`, where one was
// read for its key), a category's own label, or the key itself.
Text label_for(By by, const std::string& key, const std::string* name) {
  if (key.empty()) return Text(kNone);
  if (by == By::category) return label_of(parse_enum<Category>(key));
  return Text::of(kLabel, name ? *name : key);
}

stats::Group group_of(By by) {
  return by == By::project    ? stats::Group::project
         : by == By::category ? stats::Group::category
         : by == By::station  ? stats::Group::station
                              : stats::Group::volunteer;
}

Breakdown breakdown(store::Connection& db, const stats::CreditedSessions& sessions, const stats::Period& p, By by) {
  Breakdown b{by, {}};
  if (by == By::week) {
    for (IsoWeek w = IsoWeek::of(p.days.first); w.monday() <= p.days.last; w = w.next())
      b.rows.push_back({w.str(), Text::of(kLabel, w.str()),
                        service_with_imports(db, sessions, {clip(w.days(), p.days), p.station, p.volunteer})});
    return b;
  }
  if (by == By::month) {
    for (Month m = Month::of(p.days.first); m.days().first <= p.days.last; m = next_month(m))
      b.rows.push_back({m.str(), Text::of(kLabel, m.str()),
                        service_with_imports(db, sessions, {clip(m.days(), p.days), p.station, p.volunteer})});
    return b;
  }
  stats::Group g = group_of(by);
  // The pass's rows are sorted by key, one each (a row per volunteer of the district: no map of
  // them); the imported aggregates' few keys that are not among them are merged in order.
  std::vector<stats::GroupTotals> rows = sessions.by(db, p.days, g);
  std::map<std::string, stats::ServiceTotals> other;
  auto totals_of = [&](const std::string& key) -> stats::ServiceTotals& {
    auto it = std::lower_bound(rows.begin(), rows.end(), key,
                               [](const stats::GroupTotals& r, const std::string& k) { return r.key < k; });
    return it != rows.end() && it->key == key ? it->service : other[key];
  };
  for (auto& a : stats::aggregates_by(db, p, g)) {
    auto& t = totals_of(a.key);
    t.person_times += a.totals.attended;
    t.credited_minutes += a.totals.minutes;
  }
  if (by == By::volunteer) {
    auto a = stats::aggregate_totals(db, p);
    if (a.rows > 0) totals_of("") = {a.attended, 0, a.minutes, 0};
  }
  // The pass's rows carry their names; only the other keys' are looked up.
  std::vector<std::string> keys;
  for (const auto& row : other) keys.push_back(row.first);
  auto names = stats::group_names(db, g, std::move(keys));
  b.rows.reserve(rows.size() + other.size());
  auto add = [&](const std::string& key, const stats::ServiceTotals& service,
                 const std::string* name) {
    Text label = by == By::volunteer && key.empty() ? Text(kImported) : label_for(by, key, name);
    b.rows.push_back({key, std::move(label), service});
  };
  auto other_name = [&](const std::string& key) {
    auto found = names.find(key);
    return found == names.end() ? nullptr : &found->second;
  };
  auto it = other.begin();
  for (const auto& row : rows) {
    for (; it != other.end() && it->first < row.key; ++it)
      add(it->first, it->second, other_name(it->first));
    add(row.key, row.service, row.name ? &*row.name : nullptr);
  }
  for (; it != other.end(); ++it) add(it->first, it->second, other_name(it->first));
  return b;
}

}  // namespace

std::string_view by_code(By b) {
  for (const auto& e : kBy)
    if (e.by == b) return e.code;
  return "?";
}
std::optional<By> parse_by(std::string_view s) {
  for (const auto& e : kBy)
    if (e.code == s) return e.by;
  return std::nullopt;
}
Msg by_title(By b) {
  for (const auto& e : kBy)
    if (e.by == b) return e.title;
  return {"?", "?"};
}

ReportRequest quarter_request(Quarter q) {
  ReportRequest r;
  r.kind = PeriodKind::quarter;
  r.label = q.str();
  r.days = q.days();
  r.previous = q.previous().days();
  r.previous_label = q.previous().str();
  return r;
}

ReportRequest month_request(Month m) {
  ReportRequest r;
  r.kind = PeriodKind::month;
  r.label = m.str();
  r.days = m.days();
  r.previous = m.previous().days();
  r.previous_label = m.previous().str();
  return r;
}

ReportRequest range_request(DateRange days) {
  ReportRequest r;
  r.kind = PeriodKind::range;
  r.label = days.first.iso() + ".." + days.last.iso();
  r.days = days;
  DateRange prev{days.first.plus_days(-days.days()), days.first.plus_days(-1)};
  r.previous = prev;
  r.previous_label = prev.first.iso() + ".." + prev.last.iso();
  return r;
}

ReportRequest since_opening_request(store::Connection& db, std::optional<StationId> station, Date as_of) {
  auto span = stats::activity_span(db, station);
  if (!span) throw DataError(kNoActivity);
  ReportRequest r;
  r.kind = PeriodKind::since_opening;
  r.days = {span->first, std::max(span->last, as_of)};
  r.label = r.days.first.iso() + ".." + r.days.last.iso();
  return r;
}

Date review_cutoff(Date as_of) {
  Date d = as_of;
  while (working_days_between(d.plus_days(-1), as_of) <= kReviewDeadlineWorkingDays) d = d.plus_days(-1);
  return d;
}

Report compute_report(store::Connection& db, const ReportRequest& req) {
  Report r;
  r.request = req;
  if (req.station) {
    if (auto st = store::stations::get(db, *req.station)) {
      r.station_code = st->code;
      r.station_name = st->name;
    }
  }
  // One read transaction: one snapshot for every figure, and on SQLite one check of the page
  // cache instead of one per statement (the pass reads again each repeated pair's sessions).
  // A helper on the same snapshot: the pass reads the shifts there while it reads the
  // sessions, and the other figures are read on whichever connection is free (stats::Beside).
  store::SharedRead read(db, 1);
  r.overdue_before = review_cutoff(req.as_of);
  stats::Period p{req.days, req.station, std::nullopt};
  std::vector<stats::Period> periods{p};
  if (req.previous) periods.push_back({*req.previous, req.station, std::nullopt});
  std::vector<SideFigures> side(periods.size());
  stats::Beside beside{read.helper(0), {}};
  // Each reads into its period's figures (the periods and figures are not resized meanwhile).
  for (std::size_t i = 0; i < periods.size(); ++i) {  // the longest first
    const stats::Period* period = &periods[i];
    SideFigures* f = &side[i];
    beside.also.push_back(
        [period, f](store::Connection& on) { f->training = stats::training_totals(on, *period); });
    beside.also.push_back([period, f, &r](store::Connection& on) {
      f->review = stats::review_backlog(on, *period, r.overdue_before);
    });
    beside.also.push_back([period, f](store::Connection& on) {
      f->incidents = stats::incidents_by_type(on, *period);
    });
    beside.also.push_back([period, f](store::Connection& on) {
      f->projects_published = stats::projects_published(on, *period);
    });
  }
  std::vector<DateRange> month_days;
  for (Month m = Month::of(req.days.first); m.days().first <= req.days.last; m = next_month(m))
    month_days.push_back(clip(m.days(), req.days));
  // One pass over the credited sessions up to the last day serves both periods, their months
  // and weeks, the breakdowns and the star levels (stats_scan.hpp); it is told beforehand
  // which ranges and groups will be asked.
  stats::ScanPlan plan{{req.days}, {}, req.days};
  plan.parts = month_days;
  if (req.category_chart) plan.groups.push_back(stats::Group::category);
  if (req.previous) plan.ranges.push_back(*req.previous);
  plan.projects_asked = plan.ranges;  // the periods' figures: not their weeks' or months'
  for (By by : req.by) {
    if (by == By::week)
      for (IsoWeek w = IsoWeek::of(req.days.first); w.monday() <= req.days.last; w = w.next())
        plan.ranges.push_back(clip(w.days(), req.days));
    else if (by == By::month)  // their totals, not only the parts' minutes and fill
      plan.ranges.insert(plan.ranges.end(), month_days.begin(), month_days.end());
    else
      plan.groups.push_back(group_of(by));
  }
  std::sort(plan.ranges.begin(), plan.ranges.end());
  plan.ranges.erase(std::unique(plan.ranges.begin(), plan.ranges.end()), plan.ranges.end());
  stats::CreditedSessions sessions(db, req.station, req.days.last, std::move(plan), std::move(beside));
  // The months partition the period: their shift fill, and their sum for the period's.
  auto month_fill = sessions.fill_parts(month_days).value_or(std::vector<stats::ShiftFill>{});
  if (month_fill.empty()) month_fill = stats::shift_fill_parts(db, p, month_days);
  stats::ShiftFill fill;
  for (const auto& m : month_fill) {
    fill.shifts += m.shifts;
    fill.slots_demanded += m.slots_demanded;
    fill.slots_filled += m.slots_filled;
  }
  r.current = figures(db, sessions, p, std::move(side[0]), fill);
  if (req.previous) {
    std::optional<stats::ShiftFill> previous_fill;
    if (auto f = sessions.fill_parts({*req.previous})) previous_fill = f->at(0);
    r.previous = figures(db, sessions, periods[1], std::move(side[1]), previous_fill);
  }

  std::vector<std::int64_t> levels(req.stars.hours.size() + 1, 0);
  for (std::int64_t m : sessions.cumulative())
    ++levels[std::size_t(req.stars.level_for_minutes(m))];
  for (std::size_t i = 0; i < req.stars.hours.size(); ++i)
    r.stars.push_back({int(i + 1), req.stars.hours[i], levels[i + 1]});

  for (By by : req.by) r.breakdowns.push_back(breakdown(db, sessions, p, by));
  if (req.category_chart) r.categories = breakdown(db, sessions, p, By::category);
  std::size_t i = 0;
  for (Month m = Month::of(req.days.first); m.days().first <= req.days.last; m = next_month(m), ++i) {
    stats::Period mp{month_days[i], req.station, std::nullopt};
    const auto& fill = month_fill[i];
    auto a = stats::aggregate_totals(db, mp);
    r.months.push_back({m.str(), sessions.minutes(month_days[i]) + a.minutes,
                        fill.slots_demanded + a.demand, fill.slots_filled + a.filled});
  }
  return r;
}

}  // namespace vstation::report
