// The secretary's pages (issue 16 points 5 and 7): /staff/reports and its downloads (the bytes
// `vstation report` writes, from the same renderers), the district's side-by-side figures, the
// certificates issued, listed and printed from the web; the scope of each account, refusals of
// bad parameters (400, in both languages). Runs on SQLite and PostgreSQL.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/report/render.hpp"
#include "vstation/store/certificates.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/web/app.hpp"
#include "web_staff_fixture.hpp"

using namespace vstation;
using web::Response;

namespace {

struct SecretaryWorld : StaffWorld {
  // 2023-07-03 10:00 at the station: the last full quarter is 2023Q2.
  SecretaryWorld() {
    // Two volunteers serve three hours at I城 in May, one two hours at B城 in June.
    kiosk::Ledger ledger(*db, "test");
    for (int i = 0; i < 2; ++i) {
      ledger.check_in(volunteers[i], station.id, at("2023-05-01T09:00"));
      ledger.check_out(volunteers[i], at("2023-05-01T12:00"));
    }
    ledger.check_in(volunteers[2], other, at("2023-06-02T09:00"));
    ledger.check_out(volunteers[2], at("2023-06-02T11:00"));
  }
  // What `vstation report quarter 2023Q2 [--station S] [--by …] --format F` writes.
  std::string cli_report(std::optional<StationId> st, report::Format f, Lang lang,
                         std::vector<report::By> by = {}) const {
    auto req = report::quarter_request(Quarter{2023, 2});
    req.station = st;
    req.by = std::move(by);
    req.as_of = parse_date("2023-07-03");
    return report::render(report::compute_report(*db, req), f, lang);
  }
};

bool has(const Response& r, std::string_view text) {
  return r.body.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("the secretary sees the last full quarter with its charts, under the page's policy") {
  SecretaryWorld w;
  auto sue = w.sign_in("sue");
  auto page = w.get("/staff/reports", sue);
  REQUIRE(page.status == 200);
  CHECK(has(page, "2023Q2"));
  CHECK(has(page, "<svg"));
  CHECK(has(page, R"(<input type="radio" name="period" value="quarter" checked>)"));
  CHECK(has(page, R"(<option value="2023Q2" selected>)"));
  CHECK(has(page, "/staff/reports/download?station=" + std::to_string(w.station.id.value) +
                      "&amp;period=quarter&amp;quarter=2023Q2&amp;format=xlsx"));
  // Nothing inline for the policy (style-src 'self') to refuse.
  CHECK_FALSE(has(page, "style="));
  CHECK_FALSE(has(page, "<style"));
  CHECK_FALSE(has(page, "<script>"));
  // The figures are the HTML report's own, under the page's title.
  auto fragment = report::render_html_fragment(
      [&] {
        auto req = report::quarter_request(Quarter{2023, 2});
        req.station = w.station.id;
        req.as_of = parse_date("2023-07-03");
        return report::compute_report(*w.db, req);
      }(),
      Lang::en);
  CHECK(has(page, fragment));
  CHECK(has(page, R"(<a href="/staff/reports" aria-current="page">Reports</a>)"));
  CHECK(has(page, R"(<a href="/staff/certificates">Certificates</a>)"));
  CHECK_FALSE(has(page, R"(href="/staff/district")"));
  CHECK(has(w.get("/staff/reports?lang=zh", sue), "查看统计"));
  // A coordinator of the station reads it too; the district every station.
  CHECK(w.get("/staff/reports", w.sign_in("alice")).status == 200);
  auto dora = w.get("/staff/reports", w.sign_in("dora"));
  CHECK(dora.status == 200);
  CHECK(has(dora, R"(<option value="">Every station</option>)"));
}

TEST_CASE("downloads are the bytes `vstation report` writes, with type and file name") {
  SecretaryWorld w;
  auto sue = w.sign_in("sue");
  struct Case {
    const char* format;
    report::Format f;
    const char* type;
  };
  for (const auto& c : {Case{"xlsx", report::Format::xlsx,
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
                        Case{"csv", report::Format::csv, "text/csv; charset=utf-8"},
                        Case{"html", report::Format::html, "text/html; charset=utf-8"},
                        Case{"json", report::Format::json, "application/json"}}) {
    CAPTURE(c.format);
    auto r = w.get(std::string("/staff/reports/download?period=quarter&quarter=2023Q2&by=project"
                               "&by=volunteer,month&format=") +
                       c.format,
                   sue);
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == c.type);
    CHECK(r.header("Content-Disposition") ==
          std::string("attachment; filename=\"report-icity-2023Q2.") + c.format + "\"");
    CHECK(r.body == w.cli_report(w.station.id, c.f, Lang::en,
                                 {report::By::project, report::By::volunteer, report::By::month}));
  }
  auto zh = w.get("/staff/reports/download?quarter=2023Q2&format=csv&lang=zh", sue);
  CHECK(zh.body == w.cli_report(w.station.id, report::Format::csv, Lang::zh));
  // The printable HTML keeps its own style sheet: allowed by its hash alone, no script.
  auto html = w.get("/staff/reports/download?format=html", sue);
  auto csp = html.header("Content-Security-Policy").value_or("");
  CHECK(csp.find("style-src 'sha256-") != std::string::npos);
  CHECK(csp.find("script") == std::string::npos);
  CHECK(csp.find("default-src 'none'") != std::string::npos);
  // The page's policy elsewhere is unchanged.
  CHECK(w.get("/staff/reports", sue).header("Content-Security-Policy")->find("style-src 'self'") !=
        std::string::npos);
  // The district's every-station report; a month, a range, since opening.
  auto dora = w.sign_in("dora");
  auto all = w.get("/staff/reports/download?format=json", dora);
  CHECK(all.header("Content-Disposition") == "attachment; filename=\"report-all-2023Q2.json\"");
  CHECK(all.body == w.cli_report(std::nullopt, report::Format::json, Lang::en));
  auto range =
      w.get("/staff/reports/download?period=range&from=2023-05-01&to=2023-05-31&format=csv", sue);
  CHECK(range.status == 200);
  CHECK(range.header("Content-Disposition") ==
        "attachment; filename=\"report-icity-2023-05-01_2023-05-31.csv\"");
  CHECK(w.get("/staff/reports?period=month&month=2023-05", sue).status == 200);
  CHECK(has(w.get("/staff/reports?period=since-opening", sue), "2023-05-01"));
  // The API gives the JSON report.
  auto api = w.get("/api/v1/staff/report?quarter=2023Q2", sue);
  CHECK(api.status == 200);
  CHECK(api.body == w.cli_report(w.station.id, report::Format::json, Lang::en));
}

TEST_CASE("a station's account reads only its own reports; the district any, read-only") {
  SecretaryWorld w;
  auto sue = w.sign_in("sue");
  const std::string other = std::to_string(w.other.value);
  CHECK(w.get("/staff/reports?station=" + other, sue).status == 404);
  CHECK(w.get("/staff/reports/download?format=csv&station=" + other, sue).status == 404);
  CHECK(w.get("/api/v1/staff/report?station=" + other, sue).status == 404);
  CHECK(w.get("/staff/reports?station=999", sue).status == 404);
  CHECK(w.get("/staff/reports?station=" + std::to_string(w.station.id.value), sue).status == 200);
  auto bob = w.sign_in("bob");
  CHECK(w.get("/staff/reports?station=" + std::to_string(w.station.id.value), bob).status == 404);
  auto dora = w.sign_in("dora");
  auto b = w.get("/staff/reports/download?format=csv&station=" + other, dora);
  CHECK(b.status == 200);
  CHECK(b.body == w.cli_report(w.other, report::Format::csv, Lang::en));
  CHECK(w.get("/staff/reports?station=999", dora).status == 404);
  // Only the district opens the district page; strangers sign in first.
  CHECK(w.get("/staff/district", sue).status == 403);
  CHECK(w.get("/staff/district", w.sign_in("alice")).status == 403);
  CHECK(w.get("/staff/reports").header("Location") == "/staff/signin");
  CHECK(w.get("/api/v1/staff/report").status == 401);
  // The district does not issue certificates.
  auto page = w.get("/staff/certificates", dora);
  CHECK(page.status == 200);
  CHECK_FALSE(has(page, R"(action="/staff/certificates")"));
  CHECK(w.post("/staff/certificates", "volunteer=V1&csrf=" + csrf_in(w.get("/staff", dora).body),
               dora)
            .status == 403);
}

TEST_CASE("bad report parameters are refused with 400 and say why, in both languages") {
  SecretaryWorld w;
  auto sue = w.sign_in("sue");
  auto q5 = w.get("/staff/reports?period=quarter&quarter=2026Q5", sue);
  CHECK(q5.status == 400);
  CHECK(has(q5, "Quarter: "));
  CHECK(has(q5, "2026Q5"));
  auto q5zh = w.get("/staff/reports?period=quarter&quarter=2026Q5&lang=zh", sue);
  CHECK(q5zh.status == 400);
  CHECK(has(q5zh, "季度："));
  auto reversed = w.get("/staff/reports?period=range&from=2023-05-31&to=2023-05-01", sue);
  CHECK(reversed.status == 400);
  CHECK(has(reversed, "To: 2023-05-01 is before the first day 2023-05-31."));
  CHECK(has(w.get("/staff/reports?period=range&from=2023-05-31&to=2023-05-01&lang=zh", sue),
            "截止日期：2023-05-01 早于开始日期 2023-05-31。"));
  auto by = w.get("/staff/reports?by=project,colour", sue);
  CHECK(by.status == 400);
  CHECK(has(by, "unknown breakdown &apos;colour&apos;"));
  CHECK(has(w.get("/staff/reports?by=colour&lang=zh", sue), "未知的分项"));
  CHECK(w.get("/staff/reports?period=decade", sue).status == 400);
  CHECK(w.get("/staff/reports?period=month&month=2023-13", sue).status == 400);
  CHECK(w.get("/staff/reports?period=range&from=yesterday&to=2023-05-01", sue).status == 400);
  CHECK(w.get("/staff/reports?station=abc", sue).status == 400);
  auto pdf = w.get("/staff/reports/download?format=pdf", sue);
  CHECK(pdf.status == 400);
  CHECK(has(pdf, "Format: &apos;pdf&apos; is not one of xlsx, csv, html or json."));
  CHECK(w.get("/staff/reports/download?format=xlsx&quarter=2026Q5", sue).status == 400);
  auto api = w.get("/api/v1/staff/report?quarter=2026Q5", sue);
  CHECK(api.status == 400);
  CHECK(api.header("Content-Type")->starts_with("application/json"));
  CHECK(has(api, R"("code":"bad_request")"));
}

TEST_CASE("the district sees every station's headline figures side by side") {
  SecretaryWorld w;
  auto dora = w.sign_in("dora");
  auto page = w.get("/staff/district", dora);
  REQUIRE(page.status == 200);
  CHECK(has(page, "I城 (icity)"));
  CHECK(has(page, "B城 (bcity)"));
  CHECK(has(page, "Stations side by side: 2023Q2"));
  // I城: 2 person-times, 2 volunteers, 6.0 h; B城: 1, 1, 2.0 h; together 3, 3, 8.0 h.
  CHECK(has(page, R"(<th scope="row">I城 (icity)</th><td class="n">2</td><td class="n">2</td>)"
                  R"(<td class="n">6.0</td>)"));
  CHECK(has(page, R"(<th scope="row">B城 (bcity)</th><td class="n">1</td><td class="n">1</td>)"
                  R"(<td class="n">2.0</td>)"));
  CHECK(has(page, R"(<td class="n">3</td><td class="n">3</td><td class="n">8.0</td>)"));
  CHECK(has(page, "/staff/reports?station=" + std::to_string(w.other.value) +
                      "&amp;period=quarter&amp;quarter=2023Q2"));
  CHECK(has(w.get("/staff/district?period=month&month=2023-06", dora),
            R"(<th scope="row">I城 (icity)</th><td class="n">0</td>)"));
  CHECK(has(w.get("/staff/district?lang=zh", dora), "各站点对比"));
  CHECK(w.get("/staff/district?quarter=2026Q5", dora).status == 400);
}

TEST_CASE("the secretary issues, lists and prints a certificate; the audit trail names them") {
  SecretaryWorld w;
  auto sue = w.sign_in("sue");
  auto page = w.get("/staff/certificates", sue);
  REQUIRE(page.status == 200);
  CHECK(has(page, "No certificates issued yet."));
  auto csrf = csrf_in(page.body);
  CHECK(w.post("/staff/certificates", "volunteer=V1", sue).status == 403);  // no form token
  auto issued = w.post("/staff/certificates", "csrf=" + csrf + "&volunteer=V1&from=&to=", sue);
  REQUIRE(issued.status == 303);
  CHECK(issued.header("Location") == "/staff/certificates?issued=ICITY-2023-000001");
  auto stored = store::certificates::find(*w.db, "ICITY-2023-000001");
  REQUIRE(stored);
  CHECK(stored->period.first == parse_date("2023-05-01"));
  CHECK(stored->minutes == 180);
  auto rows = store::audit::of(*w.db, "certificate", stored->id);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].actor == "web secretary sue");
  CHECK(rows[0].new_value == "ICITY-2023-000001");
  // The same form sent again (a double click) gets the same certificate, not a second serial;
  // minutes later it is a new issue.
  auto twice = w.post("/staff/certificates", "csrf=" + csrf + "&volunteer=V1&from=&to=", sue);
  CHECK(twice.header("Location") == "/staff/certificates?issued=ICITY-2023-000001");
  CHECK(store::certificates::of_volunteer(*w.db, stored->volunteer).size() == 1);
  w.now = w.now.plus_minutes(2);
  auto later = w.post("/staff/certificates", "csrf=" + csrf + "&volunteer=V1&from=&to=", sue);
  CHECK(later.header("Location") == "/staff/certificates?issued=ICITY-2023-000002");
  w.now = w.now.plus_minutes(-2);
  auto list = w.get("/staff/certificates?issued=ICITY-2023-000001", sue);
  CHECK(has(list, "Issued certificate ICITY-2023-000001."));
  CHECK(has(list, "<td>ICITY-2023-000001</td><td>2023-07-03</td><td>V1</td>"));
  CHECK(has(list, "2023-05-01 – 2023-05-01"));
  // Printed: the HTML `vstation certificate issue --format html` wrote, opened in the browser.
  auto print = w.get("/staff/certificates/ICITY-2023-000001", sue);
  REQUIRE(print.status == 200);
  CHECK(print.header("Content-Disposition") == "inline; filename=\"ICITY-2023-000001.html\"");
  auto now = report::verify_certificate(*w.db, "ICITY-2023-000001");
  REQUIRE(now);
  CHECK(print.body == report::render_certificate_html(now->now, Lang::en));
  CHECK(print.header("Content-Security-Policy")->find("style-src 'sha256-") != std::string::npos);
  CHECK(w.get("/staff/certificates/icity-2023-000001?lang=zh", sue).body ==
        report::render_certificate_html(now->now, Lang::zh));
  // Another station's coordinator cannot reach it; the district can.
  auto bob = w.sign_in("bob");
  CHECK(w.get("/staff/certificates/ICITY-2023-000001", bob).status == 404);
  CHECK_FALSE(has(w.get("/staff/certificates", bob), "ICITY-2023-000001"));
  auto dora = w.sign_in("dora");
  CHECK(w.get("/staff/certificates/ICITY-2023-000001", dora).status == 200);
  CHECK(has(w.get("/staff/certificates", dora), "ICITY-2023-000001"));
  CHECK(w.get("/staff/certificates/ICITY-2023-000009", sue).status == 404);
  CHECK(w.get("/staff/certificates/nonsense", sue).status == 404);
}

TEST_CASE("a certificate the records do not support is refused and nothing is stored") {
  SecretaryWorld w;
  auto alice = w.sign_in("alice");
  auto csrf = csrf_in(w.get("/staff/certificates", alice).body);
  auto issue = [&](const std::string& fields, const std::string& extra = "") {
    return w.post("/staff/certificates" + extra, "csrf=" + csrf + "&" + fields, alice);
  };
  auto unknown = issue("volunteer=V99");
  CHECK(unknown.status == 400);
  CHECK(has(unknown, "Volunteer number: "));
  for (const char* none : {"from=", "volunteer=", "volunteer=%20%20"}) {  // named, not looked up
    auto r = issue(none);
    CHECK(r.status == 400);
    CHECK(has(r, "Volunteer number: required."));
  }
  auto none = issue("volunteer=V3");  // served at B城 only
  CHECK(none.status == 400);
  CHECK(has(none, "V3 has no credited service at I城"));
  CHECK(issue("volunteer=V1&from=2023-06-01&to=2023-06-30").status == 400);
  auto reversed = issue("volunteer=V1&from=2023-06-01&to=2023-05-01");
  CHECK(reversed.status == 400);
  CHECK(has(reversed, "Last day covered: 2023-05-01 is before 2023-06-01."));
  CHECK(issue("volunteer=V1&from=someday").status == 400);
  CHECK(has(w.post("/staff/certificates?lang=zh", "csrf=" + csrf + "&volunteer=V3", alice),
            "没有计入的服务时长"));
  CHECK(store::certificates::issued(*w.db).empty());
  CHECK(issue("volunteer=V2").status == 303);  // a coordinator issues too
  CHECK(store::audit::of(*w.db, "certificate", store::certificates::issued(*w.db)[0].id)[0].actor ==
        "web coordinator alice");
}
