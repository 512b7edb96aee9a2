#include "vstation/report/totals.hpp"

#include <fmt/format.h>

#include "vstation/domain/hours_policy.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/width.hpp"

namespace vstation::report {
namespace {

constexpr Msg kTitle{"{} — {} to {}", "{} — {} 至 {}"};
constexpr Msg kAllStations{"all stations", "全部站点"};
constexpr Msg kPersonTimes{"person-times", "服务人次"};
constexpr Msg kVolunteers{"volunteers who served", "参与志愿者人数"};
constexpr Msg kHours{"credited service hours", "计入服务时长（小时）"};
constexpr Msg kWalkIns{"  of which walk-in sessions", "  其中临时签到"};
constexpr Msg kPublished{"projects published", "发布服务项目"};
constexpr Msg kActive{"projects active", "开展服务项目"};
constexpr Msg kIncidents{"service log by type (records / people served):",
                         "服务记录分类（条数 / 服务人数）："};
constexpr Msg kRescue{"rescue assists", "协助救援次数"};
constexpr Msg kServed{"people served", "服务群众人次"};

std::string thousands(std::int64_t v) {
  std::string s = std::to_string(v < 0 ? -v : v);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(std::size_t(i), ",");
  return (v < 0 ? "-" : "") + s;
}

}  // namespace

Totals compute_totals(store::Connection& db, const store::stats::Period& period) {
  Totals t;
  t.days = period.days;
  if (period.station) {
    auto st = store::stations::get(db, *period.station);
    if (st) t.scope = st->name;
  }
  t.service = store::stats::service_totals(db, period);
  t.projects_published = store::stats::projects_published(db, period);
  t.projects_active = store::stats::projects_active(db, period);
  auto counts = store::stats::incidents_by_type(db, period);
  for (const auto& e : enum_entries<IncidentType>()) {
    store::stats::IncidentCount c{e.value, 0, 0};
    for (const auto& got : counts)
      if (got.type == e.value) c = got;
    t.incidents.push_back(c);
    t.people_served += c.people_served;
    if (c.type == IncidentType::rescue_assist) t.rescue_assists = c.count;
  }
  return t;
}

std::string render_totals_table(const Totals& t, Lang lang) {
  auto tr = [lang](Msg m) { return std::string(m.in(lang)); };
  std::vector<std::pair<std::string, std::string>> rows{
      {tr(kPersonTimes), thousands(t.service.person_times)},
      {tr(kWalkIns), thousands(t.service.walk_ins)},
      {tr(kVolunteers), thousands(t.service.volunteers)},
      {tr(kHours), fmt::format("{:.1f}", double(t.service.credited_minutes) / 60.0)},
      {tr(kPublished), thousands(t.projects_published)},
      {tr(kActive), thousands(t.projects_active)},
      {tr(kRescue), thousands(t.rescue_assists)},
      {tr(kServed), thousands(t.people_served)},
  };
  std::size_t w = 0;
  for (const auto& [k, v] : rows) w = std::max(w, text::display_width(k));
  for (const auto& c : t.incidents) w = std::max(w, text::display_width(label_of(c.type).render(lang)) + 2);
  std::string scope = t.scope.empty() ? tr(kAllStations) : t.scope;
  std::string out = Text::of(kTitle, scope, t.days.first.iso(), t.days.last.iso()).render(lang) + "\n\n";
  for (const auto& [k, v] : rows) out += text::pad(k, w) + "  " + text::pad(v, 10, text::Align::right) + "\n";
  out += "\n" + tr(kIncidents) + "\n";
  for (const auto& c : t.incidents)
    out += "  " + text::pad(label_of(c.type).render(lang), w - 2) + "  " +
           text::pad(thousands(c.count), 10, text::Align::right) + "  " +
           text::pad(thousands(c.people_served), 8, text::Align::right) + "\n";
  return out;
}

}  // namespace vstation::report
