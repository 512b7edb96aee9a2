// The secretary's page (/staff/reports, issue 16): pick a period and breakdowns, see the figures
// with their charts, and download the report as xlsx, CSV, HTML or JSON. Every number and every
// file is lib/report's: report::compute_report and the renderers `vstation report` writes with
// (the page embeds render_html_fragment, whose charts are SVG drawn with attributes and classes,
// styled by app.css: nothing inline for the page's policy to refuse). The same report as JSON at
// /api/v1/staff/report. A coordinator or secretary sees their station; the district any station
// or every one (`?station=ID`).

#include "document.hpp"
#include "page.hpp"
#include "staff_report_query.hpp"
#include "vstation/report/render.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Reports", "报表"};
constexpr Msg kIntro{
    "Choose a period and breakdowns; the figures follow the counting rules of "
    "`vstation report`, and the downloads are the files it writes.",
    "选择统计期间和分项；数字按 `vstation report` 的统计规则计算，下载的文件与其输出相同。"};
constexpr Msg kDownloads{"Download this report", "下载此报表"};
constexpr Msg kXlsx{"Excel workbook (xlsx)", "Excel 工作簿（xlsx）"};
constexpr Msg kCsv{"Spreadsheet text (CSV)", "表格文本（CSV）"};
constexpr Msg kHtml{"Page to print (HTML)", "可打印网页（HTML）"};
constexpr Msg kJson{"Data (JSON)", "数据（JSON）"};
constexpr Msg kBadFormat{"Format: '{}' is not one of xlsx, csv, html or json.",
                         "格式：“{}”不是 xlsx、csv、html 或 json 之一。"};

constexpr const char* kPage = R"(<p class="help">{{intro}}</p>
{{{form}}}
{{#report}}<section class="report" aria-labelledby="report-title">
<h2 id="report-title">{{title}}</h2>
<nav class="downloads" aria-label="{{downloads}}"><span>{{downloads}}:</span>
{{#formats}}<a href="/staff/reports/download?{{query}}&amp;format={{format}}" download>{{label}}</a>
{{/formats}}</nav>
{{{figures}}}
</section>
{{/report}})";

struct Download {
  report::Format format;
  const char* code;
  const char* extension;
  const char* content_type;
  Msg label;
};
constexpr Download kDownloadFormats[] = {
    {report::Format::xlsx, "xlsx", "xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kXlsx},
    {report::Format::csv, "csv", "csv", "text/csv; charset=utf-8", kCsv},
    {report::Format::html, "html", "html", "text/html; charset=utf-8", kHtml},
    {report::Format::json, "json", "json", "application/json", kJson},
};

// The refusal of a query as a page (400 with why, or 404 out of scope).
Response refuse(const Ctx& c, const QueryRefusal& r) {
  if (r.status == 404) return c.out_of_scope();
  return c.message(Text(kTitle), r.why, r.status, "/staff/reports");
}

Head wide() {
  Head h;
  h.body_class = "wide";
  return h;
}

Response page(Ctx& c) {
  Data d;
  d.set("intro", std::string(kIntro.in(c.lang)));
  // The bare page shows the form for the last full quarter and its figures.
  auto parsed = report_query(c);
  if (auto* refused = std::get_if<QueryRefusal>(&parsed)) return refuse(c, *refused);
  const auto& q = std::get<ReportQuery>(parsed);
  d.set("form", report_form_html(c, q, "/staff/reports", true));
  const auto r = report::compute_report(c.db, q.request);
  Data rep;
  rep.set("title", report::report_title(r, c.lang));
  rep.set("downloads", std::string(kDownloads.in(c.lang)));
  Data formats{Data::type::list};
  for (const auto& f : kDownloadFormats) {
    Data o;
    o.set("query", q.query());
    o.set("format", f.code);
    o.set("label", std::string(f.label.in(c.lang)));
    formats.push_back(o);
  }
  rep.set("formats", formats);
  rep.set("figures", report::render_html_fragment(r, c.lang));
  d.set("report", rep);
  return c.page(Text(kTitle), render(kPage, d), wide());
}

// "report-icity-2023Q2.xlsx", "report-all-2023-04-01_2023-04-30.csv".
std::string file_name(const ReportQuery& q, const Download& f) {
  std::string label = q.request.label;
  if (auto dots = label.find(".."); dots != std::string::npos) label.replace(dots, 2, "_");
  return "report-" + (q.station ? q.station->code : std::string("all")) + "-" + label + "." +
         f.extension;
}

Response download(Ctx& c) {
  const std::string format = c.req.param("format").value_or("");
  const Download* f = nullptr;
  for (const auto& d : kDownloadFormats)
    if (format == d.code) f = &d;
  if (!f) return c.message(Text(kTitle), Text::of(kBadFormat, format), 400, "/staff/reports");
  auto parsed = report_query(c);
  if (auto* refused = std::get_if<QueryRefusal>(&parsed)) return refuse(c, *refused);
  const auto& q = std::get<ReportQuery>(parsed);
  const auto r = report::compute_report(c.db, q.request);
  return document(report::render(r, f->format, c.lang), f->content_type, file_name(q, *f));
}

Response api_report(Ctx& c) {
  auto parsed = report_query(c);
  if (auto* refused = std::get_if<QueryRefusal>(&parsed)) {
    if (refused->status == 404) return c.out_of_scope();
    return json_error(c, refused->status, "bad_request", refused->why);
  }
  const auto& q = std::get<ReportQuery>(parsed);
  return json(report::render_json(report::compute_report(c.db, q.request), c.lang));
}

}  // namespace

void add_staff_report_routes(Routes& routes) {
  const StaffRoles readers{StaffRole::coordinator, StaffRole::secretary, StaffRole::district};
  routes.add("GET", "/staff/reports", readers, page);
  routes.add("GET", "/staff/reports/download", readers, download);
  routes.add("GET", "/api/v1/staff/report", readers, api_report);
}

}  // namespace vstation::web::detail
