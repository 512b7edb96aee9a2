// Certificates: their hours equal the report's hours for the volunteer and period, and
// verification detects records changed after issue.

#include <doctest/doctest.h>

#include "vstation/store/certificates.hpp"

#include "demo_fixture.hpp"
#include "report_oracle.hpp"
#include "store_fixture.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/report/model.hpp"
#include "vstation/store/records.hpp"
#include "vstation/text/csv.hpp"

using namespace vstation;

TEST_CASE("sha256_hex: the FIPS 180-2 test vector") {
  CHECK(report::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("a certificate's hours equal the report's hours for that volunteer and period") {
  TempDb t;
  auto& db = *t.db;
  load_demo(db);
  auto st = store::stations::find(db, "icity");
  REQUIRE(st);
  Date today = parse_date("2023-07-03");
  for (auto period : {Quarter{2023, 2}.days(), Month{2023, 5}.days(), DateRange{parse_date("2023-03-04"), today}}) {
    auto req = report::range_request(period);
    req.station = st->id;
    req.as_of = today;
    req.by = {report::By::volunteer};
    auto r = report::compute_report(db, req);
    auto oracle = oracle::count(db, period, st->id, today);
    int checked = 0;
    for (const auto& row : r.breakdowns.at(0).rows) {
      if (++checked > 25) break;  // enough volunteers to be convincing, and fast
      auto v = store::volunteers::find(db, row.key);
      REQUIRE(v);
      auto c = report::issue_certificate(db, *v, *st, period, today, Instant{0}, "test");
      CAPTURE(c.serial);
      CHECK(c.service.credited_minutes == row.service.credited_minutes);
      CHECK(c.service.person_times == row.service.person_times);
      CHECK(c.service.credited_minutes == oracle.minutes_by_volunteer[row.key]);
      auto service = report::certificate_service(db, *v, *st, period);  // the volunteer's page
      CHECK(service.credited_minutes == c.service.credited_minutes);
      CHECK(service.person_times == c.service.person_times);
      std::int64_t by_project = 0, by_category = 0;
      for (const auto& p : c.projects) by_project += p.service.credited_minutes;
      for (const auto& k : c.categories) by_category += k.service.credited_minutes;
      CHECK(by_project == c.service.credited_minutes);
      CHECK(by_category == c.service.credited_minutes);
      std::string text = report::render_certificate_text(c, Lang::en);
      CHECK(text.find(report::format_value(report::Unit::hours, report::hours(row.service.credited_minutes)) +
                      " hours") != std::string::npos);
    }
    CHECK(checked > 0);
  }
}

TEST_CASE("serials count up per station and year; verify detects changed records") {
  TempDb t;
  auto& db = *t.db;
  load_demo(db);
  auto st = store::stations::find(db, "icity");
  auto v = store::volunteers::find(db, "V0031");
  REQUIRE(st);
  REQUIRE(v);
  DateRange q2 = Quarter{2023, 2}.days();
  auto a = report::issue_certificate(db, *v, *st, q2, parse_date("2023-07-03"), Instant{1}, "test");
  // Each issue is an audit row naming who issued it and the serial.
  auto rows = store::audit::of(db, "certificate", store::certificates::find(db, a.serial)->id);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].actor == "test");
  CHECK(rows[0].action == "issue");
  CHECK(rows[0].new_value == a.serial);
  auto b = report::issue_certificate(db, *v, *st, q2, parse_date("2023-07-04"), Instant{2}, "test");
  CHECK(a.serial == "ICITY-2023-000001");
  CHECK(b.serial == "ICITY-2023-000002");
  CHECK(a.digest != b.digest);  // the serial and issue date are part of the contents
  CHECK(a.digest == report::sha256_hex(report::canonical_text(a)));
  CHECK(report::render_certificate_text(a, Lang::zh).find("{") == std::string::npos);

  auto ok = report::verify_certificate(db, "icity-2023-000001");
  REQUIRE(ok);
  CHECK(ok->matches);
  CHECK_FALSE(report::verify_certificate(db, "ICITY-2023-999999").has_value());

  // A later correction of one of the sessions behind it: the certificate no longer matches.
  for (auto s : store::sessions::of_volunteer(db, v->id)) {
    if (s.credited_minutes <= 0 || !q2.contains(local_date(s.effective_in, st->zone))) continue;
    s.credited_minutes += 15;
    store::sessions::update(db, s);
    break;
  }
  auto changed = report::verify_certificate(db, "ICITY-2023-000001");
  REQUIRE(changed);
  CHECK_FALSE(changed->matches);
  CHECK(changed->now.service.credited_minutes == changed->stored.minutes + 15);
}

TEST_CASE("a typed serial and check code: folded as people type them, else refused") {
  CHECK(report::typed_serial("ICITY-2023-000001") == "ICITY-2023-000001");
  CHECK(report::typed_serial(" icity-2023-000001 ") == "ICITY-2023-000001");
  CHECK(report::typed_serial("ｉｃｉｔｙ－２０２３－０００００１") == "ICITY-2023-000001");
  CHECK(report::typed_serial("WEST_2-2024-000012") == "WEST_2-2024-000012");
  for (const char* bad : {"", "ICITY", "-2023-000001", "ICITY-23-000001", "ICITY-2023-1",
                          "ICITY-2023-00000X", "ICITY 2023 000001", "IC TY-2023-000001",
                          "I<b>-2023-000001", "VSTATION-CERT:ICITY-2023-000001:x"}) {
    CAPTURE(bad);
    CHECK_FALSE(report::typed_serial(bad));
  }
  CHECK_FALSE(report::typed_serial(std::string(100, 'A') + "-2023-000001"));

  store::certificates::Issued c;
  c.digest = "0a1b2c3d4e5f6789" + std::string(48, '0');
  for (const char* same : {"0a1b-2c3d-4e5f-6789", "0A1B2C3D4E5F6789", " 0a1b 2c3d 4e5f 6789 ",
                           "０ａ１ｂ－２ｃ３ｄ－４ｅ５ｆ－６７８９"}) {
    CAPTURE(same);
    CHECK(report::check_code_matches(c, same));
  }
  for (const char* other : {"", "0a1b-2c3d-4e5f-678", "0a1b-2c3d-4e5f-67890", "1a1b-2c3d-4e5f-6789",
                            "0a1b2c3d4e5f6789" "0000"}) {
    CAPTURE(other);
    CHECK_FALSE(report::check_code_matches(c, other));
  }
}
