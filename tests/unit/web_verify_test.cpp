// The public certificate check (issue 16 point 6) through App::handle on both backends: a valid
// certificate, typed input folded, a wrong code, an unknown or malformed serial, records changed
// since issue, the per-address limit of wrong checks, the JSON route, the QR code's address, and
// nothing about the person on the page.

#include <doctest/doctest.h>

#include <regex>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/text/qr.hpp"
#include "vstation/web/app.hpp"
#include "web_fixture.hpp"

using namespace vstation;
using web::Request;
using web::Response;

namespace {

constexpr Instant kNow{1'688'349'600};  // 2023-07-03 10:00 in Shanghai

struct VerifyWorld : KioskWorld {
  web::App app{[this] {
                 return store::open_database(path, {false, false});
               },
               web::Config{std::nullopt, [] { return kNow; }}};
  report::Certificate cert;
  std::string code;  // as printed: "1a2b-3c4d-5e6f-7a8b"

  VerifyWorld() {
    // V1 has an ID document and a phone: neither may reach the public page.
    auto v = *store::volunteers::get(*db, volunteers[0]);
    v.id_type = IdDocType::passport;
    v.id_number = "E12345678";
    store::volunteers::update(*db, v);
    roster(volunteers[0]);
    kiosk::Ledger ledger(*db, "test");
    ledger.check_in(volunteers[0], station.id, at("2023-05-01T08:55"));
    ledger.check_out(volunteers[0], at("2023-05-01T12:05"));
    cert = report::issue_certificate(*db, v, station,
                                     {parse_date("2023-04-01"), parse_date("2023-06-30")},
                                     parse_date("2023-07-03"), kNow, "test");
    code = report::verification_code(cert);
  }

  Response get(const std::string& target, const std::string& from = "127.0.0.1") const {
    Request r = web_request("GET", target, "", "", "vs.example");
    r.remote = from;
    return app.handle(r);
  }
  Response check(const std::string& serial, const std::string& typed_code,
                 const std::string& from = "127.0.0.1") const {
    return get("/verify?serial=" + web::url_encode(serial) + "&code=" + web::url_encode(typed_code),
               from);
  }
};

bool has(const std::string& body, std::string_view what) {
  return body.find(what) != std::string::npos;
}

// Nothing about the person: not their name, number, phone or ID (whole or masked).
void no_personal_data(const std::string& body) {
  CHECK_FALSE(has(body, "张三1"));
  CHECK_FALSE(has(body, "张"));
  CHECK_FALSE(has(body, "13800000001"));
  CHECK_FALSE(has(body, "E12345678"));
  CHECK_FALSE(has(body, "*****"));
  CHECK_FALSE(std::regex_search(body, std::regex(R"(\bV1\b)")));
}

constexpr const char* kNoMatch = "no certificate has this serial number and verification code";

}  // namespace

TEST_CASE("verify: the form, with both fields labelled, for anyone") {
  VerifyWorld w;
  auto r = w.get("/verify");
  CHECK(r.status == 200);
  CHECK(has(r.body, R"(<label for="serial">)"));
  CHECK(has(r.body, R"(<label for="code">)"));
  CHECK(has(r.body, R"(<form method="get" action="/verify")"));
  CHECK_FALSE(has(r.body, "Valid"));
  auto zh = w.get("/verify?lang=zh");
  CHECK(has(zh.body, "校验码"));
}

TEST_CASE("verify: a valid certificate shows the hours, the period and the station only") {
  VerifyWorld w;
  auto r = w.check(w.cert.serial, w.code);
  REQUIRE(r.status == 200);
  CHECK(has(r.body, "Valid: this certificate matches the records"));
  CHECK(has(r.body, w.cert.serial));
  CHECK(has(r.body, "I城"));
  CHECK(has(r.body, "2023-04-01 to 2023-06-30"));
  CHECK(has(r.body, "<dd>3.0</dd>"));  // 09:00-12:00 credited
  CHECK(has(r.body, "2023-07-03"));
  CHECK(r.header("X-Robots-Tag") == "noindex");
  no_personal_data(r.body);
  auto zh = w.get("/verify?lang=zh&serial=" + w.cert.serial + "&code=" + w.code);
  CHECK(has(zh.body, "有效"));
  CHECK(has(zh.body, "2023-04-01 至 2023-06-30"));
  no_personal_data(zh.body);

  // Typed as people type: full-width, lower case, spaces around, the code without dashes and in
  // capitals.
  std::string serial = w.cert.serial;  // ICITY-2023-000001
  std::string full_width = "ｉｃｉｔｙ-２０２３-" + serial.substr(11);
  std::string code = w.code;
  code.erase(std::remove(code.begin(), code.end(), '-'), code.end());
  for (char& ch : code) ch = char(std::toupper(static_cast<unsigned char>(ch)));
  CHECK(w.check(" " + full_width + " ", code).status == 200);
  CHECK(has(w.check("icity-2023-" + serial.substr(11), " " + code + " ").body, "Valid"));
}

TEST_CASE("verify: a wrong code and an unknown serial get one answer; a malformed one is named") {
  VerifyWorld w;
  std::string wrong = w.code;
  wrong[0] = wrong[0] == '0' ? '1' : '0';
  auto forged = w.check(w.cert.serial, wrong);
  CHECK(forged.status == 404);
  CHECK(has(forged.body, kNoMatch));
  CHECK_FALSE(has(forged.body, "I城"));  // nothing of the certificate behind the serial
  no_personal_data(forged.body);
  auto unknown = w.check("ICITY-2023-000999", w.code);
  CHECK(unknown.status == 404);
  CHECK(has(unknown.body, kNoMatch));
  // A serial that cannot be one, or a field left out, is said as such: no verdict on any
  // certificate (it tells nothing of which serials exist).
  for (const char* bad : {"ICITY", "ICITY-23-1", "<script>-2023-000001", "ICITY-2023-00000X",
                          "ICITY 2023 000001", "%00", "VSTATION-CERT:ICITY-2023-000001:abcd"}) {
    CAPTURE(bad);
    auto r = w.check(bad, w.code);
    CHECK(r.status == 400);
    CHECK(has(r.body, "is not one (a serial is written like"));
    CHECK_FALSE(has(r.body, kNoMatch));
    CHECK_FALSE(has(r.body, "<script>-"));
    CHECK(r.body.find('\0') == std::string::npos);
  }
  CHECK(has(w.check("", w.code).body, "Serial number: required."));
  auto no_code = w.check(w.cert.serial, "");
  CHECK(no_code.status == 400);
  CHECK(has(no_code.body, "Verification code: required."));
  CHECK(w.check(w.cert.serial, std::string(200, 'a')).status == 404);
  CHECK(w.get("/verify?serial=" + w.cert.serial).status == 400);  // no code at all
  auto api = w.get("/api/v1/certificates/verify?serial=" + w.cert.serial);
  CHECK(api.status == 400);
  CHECK(has(api.body, "Verification code: required."));
  auto zh = w.get("/verify?lang=zh&serial=ICITY-2023-000999&code=" + w.code);
  CHECK(has(zh.body, "没有与此编号和校验码相符的证明"));
}

TEST_CASE("verify: records changed since issue make it not valid, said so") {
  VerifyWorld w;
  kiosk::Ledger ledger(*w.db, "test");
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-06-01T09:00"));
  ledger.check_out(w.volunteers[0], w.at("2023-06-01T10:00"));
  auto r = w.check(w.cert.serial, w.code);
  CHECK(r.status == 200);
  CHECK(has(r.body, "NOT valid: the records behind this certificate have changed"));
  CHECK_FALSE(has(r.body, "Valid: "));
  no_personal_data(r.body);
  auto api = w.get("/api/v1/certificates/verify?serial=" + w.cert.serial + "&code=" + w.code);
  CHECK(api.status == 200);
  CHECK(has(api.body, R"("valid":false)"));
  CHECK(has(api.body, R"("status":"records_changed")"));
}

TEST_CASE("verify: wrong checks are limited per address like failed sign-ins") {
  VerifyWorld w;
  // Right checks never count.
  for (int i = 0; i < 25; ++i) REQUIRE(w.check(w.cert.serial, w.code).status == 200);
  for (int i = 0; i < 20; ++i)
    REQUIRE(w.check("ICITY-2023-" + std::to_string(100000 + i), w.code).status == 404);
  auto limited = w.check(w.cert.serial, w.code);
  CHECK(limited.status == 429);
  CHECK(has(limited.body, "Too many checks from this address"));
  CHECK_FALSE(has(limited.body, "I城"));
  auto api = w.get("/api/v1/certificates/verify?serial=" + w.cert.serial + "&code=" + w.code);
  CHECK(api.status == 429);
  CHECK(has(api.body, R"("code":"rate_limited")"));
  // Another address is not held back, and signing in has its own count.
  CHECK(w.check(w.cert.serial, w.code, "10.0.0.7").status == 200);
  CHECK(store::web::count_attempts(*w.db, "signin", "127.0.0.1", kNow, 600) == 0);
  CHECK(store::web::count_attempts(*w.db, "certcheck", "127.0.0.1", kNow, 600) == 20);
}

TEST_CASE("verify: the JSON route, public, with the same answers") {
  VerifyWorld w;
  auto ok = w.get("/api/v1/certificates/verify?serial=" + w.cert.serial + "&code=" + w.code);
  REQUIRE(ok.status == 200);
  CHECK(ok.header("Content-Type").value_or("").rfind("application/json", 0) == 0);
  CHECK(has(ok.body, R"("valid":true)"));
  CHECK(has(ok.body, R"("station":"I城")"));
  CHECK(has(ok.body, R"("from":"2023-04-01")"));
  CHECK(has(ok.body, R"("hours":"3.0")"));
  CHECK(has(ok.body, R"("credited_minutes":180)"));
  no_personal_data(ok.body);
  auto wrong = w.get("/api/v1/certificates/verify?serial=ICITY-2023-000999&code=" + w.code);
  CHECK(wrong.status == 404);
  CHECK(has(wrong.body, R"("code":"no_match")"));
  CHECK(w.get("/api/v1/certificates/verify?serial=nonsense&code=1").status == 400);
  CHECK(w.get("/api/v1/certificates/verify").status == 400);
}

TEST_CASE("verify: the QR code of a certificate issued with a public address opens the check") {
  VerifyWorld w;
  store::web::set_public_url(*w.db, w.station.id, std::string("https://vs.example"));
  CHECK(store::web::public_url(*w.db, w.station.id) == "https://vs.example");
  const std::string site = *store::web::public_url(*w.db, w.station.id);
  const std::string url = report::verification_payload(w.cert, site);
  CHECK(url == "https://vs.example/verify?serial=" + w.cert.serial + "&code=" + w.code);
  CHECK(report::verification_payload(w.cert) == "VSTATION-CERT:" + w.cert.serial + ":" + w.code);
  auto r = w.get(url.substr(std::string("https://vs.example").size()));
  CHECK(r.status == 200);
  CHECK(has(r.body, "Valid: "));
  const std::string html = report::render_certificate_html(w.cert, Lang::en, site);
  CHECK(has(html, "open https://vs.example/verify and type the serial number"));
  CHECK_FALSE(has(html, "vstation certificate verify"));
  // The QR code drawn is the one of that address.
  CHECK(has(html, text::qr_svg_element(text::qr_encode(url), 24)));
  CHECK_FALSE(has(report::render_certificate_html(w.cert, Lang::en),
                  text::qr_svg_element(text::qr_encode(url), 24)));
  CHECK(has(html, R"(<meta name="viewport" content="width=device-width, initial-scale=1">)"));
  store::web::set_public_url(*w.db, w.station.id, std::nullopt);
  CHECK_FALSE(store::web::public_url(*w.db, w.station.id));
  CHECK_THROWS(store::web::set_public_url(*w.db, w.station.id, std::string("ftp://x")));
}
