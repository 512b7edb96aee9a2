// The district's page (/staff/district, issue 16): every station's headline figures for one
// period side by side (person-times, volunteers, credited hours: report::metrics of each
// station's report::compute_report, so each equals the station's own report), and every station
// together, each with a link to open its full report. Read-only.

#include "page.hpp"
#include "staff_report_query.hpp"
#include "vstation/report/render.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"District", "全区"};
constexpr Msg kIntro{
    "Every station's headline figures for the period; open a station's report for "
    "the charts, breakdowns and downloads.",
    "各站点在所选期间的主要数字；打开某站点的报表可查看图表、分项并下载。"};
constexpr Msg kCaption{"Stations side by side: {}", "各站点对比：{}"};
constexpr Msg kStation{"Station", "站点"};
constexpr Msg kEveryStation{"Every station", "全部站点"};
constexpr Msg kOpen{"Report", "报表"};
constexpr Msg kOpenOf{"Open the report of {}", "打开{}的报表"};
constexpr Msg kRetired{"(retired)", "（已停用）"};
constexpr Msg kNothing{"nothing recorded", "暂无记录"};

constexpr const char* kHeadline[] = {"person_times", "volunteers", "service_hours"};

constexpr const char* kPage = R"(<p class="help">{{intro}}</p>
<div class="table-scroll"><table class="district">
<caption>{{caption}}</caption>
<thead><tr><th scope="col">{{station_label}}</th>{{#heads}}<th scope="col" class="n">{{.}}</th>{{/heads}}<th scope="col">{{open_label}}</th></tr></thead>
<tbody>{{#rows}}<tr{{#total}} class="total"{{/total}}><th scope="row">{{name}}</th>{{#values}}<td class="n">{{.}}</td>{{/values}}{{#empty}}<td colspan="3">{{nothing}}</td>{{/empty}}<td><a href="/staff/reports?{{query}}" aria-label="{{open_of}}">{{open}}</a></td></tr>
{{/rows}}</tbody>
</table></div>
{{{form}}}
)";

Data row(const Ctx& c, const std::string& name, const std::string& query,
         const std::optional<report::Report>& r) {
  Data d;
  d.set("name", name);
  d.set("query", query);
  d.set("open", std::string(kOpen.in(c.lang)));
  d.set("open_of", Text::of(kOpenOf, name).render(c.lang));
  Data values{Data::type::list};
  if (r)
    for (const char* code : kHeadline)
      for (const auto& m : report::metrics(*r))
        if (m.code == code) values.push_back(Data(report::format_value(m.unit, m.value)));
  d.set("values", values);
  d.set("empty", !r);
  d.set("nothing", std::string(kNothing.in(c.lang)));
  return d;
}

// One station's report for the period the district chose (since opening: the station's own).
std::optional<report::Report> station_report(const Ctx& c, const ReportQuery& q,
                                             const Station& st) {
  report::ReportRequest req = q.request;
  req.station = st.id;
  req.by.clear();
  req.as_of = report_today(c, st);
  try {
    if (req.kind == report::PeriodKind::since_opening)
      req = report::since_opening_request(c.db, st.id, req.as_of);
    req.station = st.id;
    return report::compute_report(c.db, req);
  } catch (const DataError&) {  // nothing recorded at the station yet
    return std::nullopt;
  }
}

Response page(Ctx& c) {
  auto parsed = report_query(c);
  if (auto* refused = std::get_if<QueryRefusal>(&parsed)) {
    if (refused->status == 404) return c.out_of_scope();
    return c.message(Text(kTitle), refused->why, refused->status, "/staff/district");
  }
  auto q = std::get<ReportQuery>(std::move(parsed));
  q.station.reset();  // the district page is about every station
  q.request.station.reset();
  q.request.by.clear();
  Data d;
  d.set("intro", std::string(kIntro.in(c.lang)));
  d.set("form", report_form_html(c, q, "/staff/district", false));
  d.set("caption", Text::of(kCaption, q.request.label).render(c.lang));
  d.set("station_label", std::string(kStation.in(c.lang)));
  d.set("open_label", std::string(kOpen.in(c.lang)));
  Data heads{Data::type::list};
  report::Report empty;
  for (const char* code : kHeadline)
    for (const auto& m : report::metrics(empty))
      if (m.code == code) heads.push_back(Data(std::string(m.label.in(c.lang))));
  d.set("heads", heads);
  Data rows{Data::type::list};
  for (const auto& st : store::stations::all(c.db)) {
    ReportQuery one = q;
    one.station = st;
    std::string name = st.name + " (" + st.code + ")";
    if (st.retired) name += std::string(kRetired.in(c.lang));
    rows.push_back(row(c, name, one.query(), station_report(c, q, st)));
  }
  std::optional<report::Report> all;
  try {
    all = report::compute_report(c.db, q.request);
  } catch (const DataError&) {
  }
  Data total = row(c, std::string(kEveryStation.in(c.lang)), q.query(), all);
  total.set("total", true);
  rows.push_back(total);
  d.set("rows", rows);
  Head head;
  head.body_class = "wide";
  return c.page(Text(kTitle), render(kPage, d), head);
}

}  // namespace

void add_staff_district_routes(Routes& routes) {
  routes.add("GET", "/staff/district", StaffRoles{StaffRole::district}, page);
}

}  // namespace vstation::web::detail
