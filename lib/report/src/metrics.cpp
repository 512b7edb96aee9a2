// The headline numbers of a report as one ordered list, so every renderer shows the same
// rows with the same labels.

#include <fmt/format.h>

#include <cmath>

#include "vstation/report/model.hpp"

namespace vstation::report {
namespace {

std::string thousands(std::int64_t v) {
  std::string s = std::to_string(v < 0 ? -v : v);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(std::size_t(i), ",");
  return (v < 0 ? "-" : "") + s;
}

using Get = double (*)(const Figures&);
struct Def {
  std::string_view code;
  Msg label;
  Unit unit;
  Get get;
};

constexpr Def kDefs[] = {
    {"person_times", {"person-times", "服务人次"}, Unit::count,
     [](const Figures& f) { return double(f.service.person_times); }},
    {"walk_in_sessions", {"  of which walk-in sessions", "  其中临时签到"}, Unit::count,
     [](const Figures& f) { return double(f.service.walk_ins); }},
    {"imported_person_times", {"  of which from imported aggregates", "  其中来自导入的汇总记录"}, Unit::count,
     [](const Figures& f) { return double(f.imported.attended); }},
    {"volunteers", {"volunteers who served", "参与志愿者人数"}, Unit::count,
     [](const Figures& f) { return double(f.service.volunteers); }},
    {"new_volunteers", {"new volunteers (first service)", "新增志愿者（首次服务）"}, Unit::count,
     [](const Figures& f) { return double(f.new_volunteers); }},
    {"service_hours", {"credited service hours", "计入服务时长（小时）"}, Unit::hours,
     [](const Figures& f) { return hours(f.service.credited_minutes); }},
    {"imported_hours", {"  of which from imported aggregates", "  其中来自导入的汇总记录"}, Unit::hours,
     [](const Figures& f) { return hours(f.imported.minutes); }},
    {"projects_published", {"projects published", "发布服务项目"}, Unit::count,
     [](const Figures& f) { return double(f.projects_published); }},
    {"projects_active", {"projects active", "开展服务项目"}, Unit::count,
     [](const Figures& f) { return double(f.projects_active); }},
    {"shifts", {"shifts", "班次"}, Unit::count, [](const Figures& f) { return double(f.fill.shifts); }},
    {"slots_demanded", {"slots demanded", "需求岗位"}, Unit::count,
     [](const Figures& f) { return double(f.fill.slots_demanded); }},
    {"slots_filled", {"slots filled", "到岗岗位"}, Unit::count,
     [](const Figures& f) { return double(f.fill.slots_filled); }},
    {"fill_rate", {"fill rate", "到岗率"}, Unit::percent, [](const Figures& f) { return f.fill_rate(); }},
    {"service_records", {"service log records", "服务记录条数"}, Unit::count,
     [](const Figures& f) { return double(f.incident_records); }},
    {"rescue_assists", {"rescue assists", "协助救援次数"}, Unit::count,
     [](const Figures& f) { return double(f.rescue_assists); }},
    {"people_served", {"people served", "服务群众人次"}, Unit::count,
     [](const Figures& f) { return double(f.people_served); }},
    {"trainings", {"trainings held", "培训场次"}, Unit::count,
     [](const Figures& f) { return double(f.training.trainings); }},
    {"training_hours", {"training hours (volunteer-hours, not service)", "培训时长（人·小时，不计入服务时长）"},
     Unit::hours, [](const Figures& f) { return hours(f.training.attendee_minutes); }},
    {"volunteers_trained", {"volunteers trained", "参训志愿者人数"}, Unit::count,
     [](const Figures& f) { return double(f.training.attendees); }},
    {"sessions_awaiting_review", {"sessions awaiting review", "待审核签到记录"}, Unit::count,
     [](const Figures& f) { return double(f.review.awaiting); }},
    {"sessions_overdue_review", {"  of which past 10 working days", "  其中已超过 10 个工作日"}, Unit::count,
     [](const Figures& f) { return double(f.review.overdue); }},
};

}  // namespace

// Rounded half up to a tenth of an hour in integer arithmetic, so every format (and Excel's own
// display rounding) shows the same digit: 5703 min is 95.05 h, shown 95.1 everywhere.
double hours(std::int64_t minutes) {
  std::int64_t tenths = minutes >= 0 ? (minutes * 10 + 30) / 60 : -((-minutes * 10 + 30) / 60);
  return double(tenths) / 10.0;
}

std::vector<Metric> metrics(const Report& r) {
  std::vector<Metric> out;
  for (const auto& d : kDefs) {
    Metric m{d.code, d.label, d.unit, d.get(r.current), std::nullopt};
    if (r.previous) m.previous = d.get(*r.previous);
    out.push_back(m);
  }
  return out;
}

std::string format_value(Unit u, double v) {
  switch (u) {
    case Unit::count: return thousands(std::llround(v));
    case Unit::hours: return fmt::format("{:.1f}", v);
    case Unit::percent: return fmt::format("{:.1f}%", v * 100.0);
  }
  return "";
}

std::string format_change(Unit u, double now, double before) {
  double d = now - before;
  std::string sign = d > 0 ? "+" : "";
  std::string abs = u == Unit::percent ? fmt::format("{}{:.1f} pp", sign, d * 100.0) : sign + format_value(u, d);
  if (u == Unit::percent || before == 0) return abs;
  return fmt::format("{} ({}{:.0f}%)", abs, sign, d / before * 100.0);
}

}  // namespace vstation::report
