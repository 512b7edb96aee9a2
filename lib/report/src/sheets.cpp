// The report as titled tables: one place decides the rows and columns every tabular format
// shows.

#include <fmt/format.h>

#include <ostream>

#include "vstation/report/render.hpp"

namespace vstation::report {
namespace {

constexpr Msg kTitle{"{} — {} ({} to {})", "{} — {}（{} 至 {}）"};
constexpr Msg kAllStations{"all stations", "全部站点"};
constexpr Msg kSummary{"Totals", "合计"};
constexpr Msg kMetric{"metric", "指标"};
constexpr Msg kValue{"value", "数值"};
constexpr Msg kChange{"change", "变化"};
constexpr Msg kIncidents{"Service log by type", "服务记录分类"};
constexpr Msg kType{"type", "类型"};
constexpr Msg kRecords{"records", "条数"};
constexpr Msg kServed{"people served", "服务人次"};
constexpr Msg kStars{"Volunteers per star level (cumulative hours at the end of the period)",
                     "星级志愿者人数（截至期末累计时长）"};
constexpr Msg kLevel{"level", "星级"};
constexpr Msg kFrom{"from hours", "起点时长"};
constexpr Msg kVolunteers{"volunteers", "人数"};
constexpr Msg kStarN{"{} star", "{}星"};
constexpr Msg kMonths{"Hours and fill rate by month", "各月服务时长与到岗率"};
constexpr Msg kMonth{"month", "月份"};
constexpr Msg kHours{"hours", "时长（小时）"};
constexpr Msg kDemanded{"slots demanded", "需求岗位"};
constexpr Msg kFilled{"slots filled", "到岗岗位"};
constexpr Msg kFillRate{"fill rate", "到岗率"};
constexpr Msg kKey{"key", "编号"};
constexpr Msg kName{"name", "名称"};
constexpr Msg kPersonTimes{"person-times", "人次"};
constexpr Msg kWalkIns{"walk-ins", "临时签到"};
constexpr Msg kNoteAsOf{"As of {}: sessions checked in before {} are past the {}-working-day review deadline.",
                        "统计日 {}：{} 之前签到的记录已超过 {} 个工作日的审核期限。"};
constexpr Msg kNoteRules{"Counting rules: see the README, section \"Counting rules\". Training hours are never part of service hours.",
                         "统计口径见 README“计数规则”一节。培训时长不计入服务时长。"};
constexpr Msg kNoteCompare{"Compared with {} ({} to {}).", "对比期间：{}（{} 至 {}）。"};

Cell num(double v, Unit u = Unit::count) { return Cell{format_value(u, v), v, u}; }
Cell txt(std::string s) { return Cell{std::move(s), std::nullopt, Unit::count}; }

}  // namespace

std::string report_title(const Report& r, Lang lang) {
  std::string scope = r.station_name.empty() ? std::string(kAllStations.in(lang)) : r.station_name;
  return Text::of(kTitle, scope, r.request.label, r.request.days.first.iso(), r.request.days.last.iso())
      .render(lang);
}

std::vector<std::string> report_notes(const Report& r, Lang lang) {
  std::vector<std::string> out;
  if (r.request.previous)
    out.push_back(Text::of(kNoteCompare, r.request.previous_label, r.request.previous->first.iso(),
                           r.request.previous->last.iso())
                      .render(lang));
  out.push_back(Text::of(kNoteAsOf, r.request.as_of.iso(), r.overdue_before.iso(), kReviewDeadlineWorkingDays)
                    .render(lang));
  out.push_back(std::string(kNoteRules.in(lang)));
  return out;
}

std::vector<Cell> breakdown_cells(const BreakdownRow& row, Lang lang) {
  return {txt(row.key),
          txt(row.label.render(lang)),
          num(double(row.service.person_times)),
          num(double(row.service.walk_ins)),
          num(double(row.service.volunteers)),
          num(hours(row.service.credited_minutes), Unit::hours)};
}

std::vector<Sheet> tabulate(const Report& r, Lang lang, bool breakdown_rows) {
  auto tr = [lang](Msg m) { return std::string(m.in(lang)); };
  std::vector<Sheet> out;

  Sheet sum{"summary", tr(kSummary), {tr(kMetric), tr(kValue)}, {}};
  if (r.previous) {
    sum.headers.push_back(r.request.previous_label);
    sum.headers.push_back(tr(kChange));
  }
  for (const auto& m : metrics(r)) {
    std::vector<Cell> row{txt(tr(m.label)), num(m.value, m.unit)};
    if (m.previous) {
      row.push_back(num(*m.previous, m.unit));
      row.push_back(txt(format_change(m.unit, m.value, *m.previous)));
    }
    sum.rows.push_back(std::move(row));
  }
  out.push_back(std::move(sum));

  Sheet inc{"service_log", tr(kIncidents), {tr(kType), tr(kRecords), tr(kServed)}, {}};
  for (const auto& c : r.current.incidents)
    inc.rows.push_back({txt(label_of(c.type).render(lang)), num(double(c.count)), num(double(c.people_served))});
  out.push_back(std::move(inc));

  Sheet stars{"star_levels", tr(kStars), {tr(kLevel), tr(kFrom), tr(kVolunteers)}, {}};
  for (const auto& s : r.stars)
    stars.rows.push_back({txt(Text::of(kStarN, s.level).render(lang)), num(s.hours), num(double(s.volunteers))});
  out.push_back(std::move(stars));

  Sheet months{"months", tr(kMonths), {tr(kMonth), tr(kHours), tr(kDemanded), tr(kFilled), tr(kFillRate)}, {}};
  for (const auto& m : r.months)
    months.rows.push_back({txt(m.month), num(hours(m.credited_minutes), Unit::hours), num(double(m.slots_demanded)),
                           num(double(m.slots_filled)),
                           num(m.slots_demanded ? double(m.slots_filled) / double(m.slots_demanded) : 0.0,
                               Unit::percent)});
  out.push_back(std::move(months));

  for (const auto& b : r.breakdowns) {
    Sheet s{"by_" + std::string(by_code(b.by)), tr(by_title(b.by)),
            {tr(kKey), tr(kName), tr(kPersonTimes), tr(kWalkIns), tr(kVolunteers), tr(kHours)}, {}};
    if (breakdown_rows)
      for (const auto& row : b.rows) s.rows.push_back(breakdown_cells(row, lang));
    else
      s.source = &b;
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Format> parse_format(std::string_view s) {
  if (s == "table") return Format::table;
  if (s == "csv") return Format::csv;
  if (s == "json") return Format::json;
  if (s == "html") return Format::html;
  if (s == "xlsx") return Format::xlsx;
  return std::nullopt;
}

std::string render(const Report& r, Format f, Lang lang) {
  switch (f) {
    case Format::table: return render_table(r, lang);
    case Format::csv: return render_csv(r, lang);
    case Format::json: return render_json(r, lang);
    case Format::html: return render_html(r, lang);
    case Format::xlsx: return render_xlsx(r, lang);
  }
  return "";
}

void render(const Report& r, Format f, Lang lang, std::ostream& out) {
  if (f == Format::json)
    render_json(r, lang, out);
  else if (f == Format::csv)
    render_csv(r, lang, out);
  else if (f == Format::table)
    render_table(r, lang, out);
  else if (f == Format::html)
    render_html(r, lang, out);
  else
    out << render(r, f, lang);
}

}  // namespace vstation::report
