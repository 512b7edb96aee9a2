// The coordinator's "today" pages (issue 16 point 3): /staff/today and its JSON, the review queue
// with the volunteer's proposed time and confirm/fix/reject (audited under the account's name,
// refusals changing nothing), the printable sheet, and the scope rule: a coordinator of station B
// cannot reach station A's sessions by URL or API, the district only reads. Both backends.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/web/app.hpp"
#include "web_staff_fixture.hpp"

using namespace vstation;
using web::Response;

namespace {

bool has(const Response& r, const std::string& text) {
  return r.body.find(text) != std::string::npos;
}

// Monday 2023-07-03 10:00 at I城: V1 here since 09:05 on the 09:00 shift, V2 rostered on it and
// not come, V3 rostered at 14:00, V4 came 08:00–09:30 as a walk-in. V2 forgot to check out on
// 2023-05-01 and says they left at 11:30.
struct TodayWorld : StaffWorld {
  Shift morning, afternoon;
  SessionId forgotten, walk_in;

  TodayWorld() : StaffWorld(Instant{1'688'349'600}, 4) {
    auto make = [&](const char* from, const char* to) {
      Shift s = shift;
      s.time = {at(from), at(to)};
      s.id = store::shifts::insert(*db, s);
      return s;
    };
    morning = make("2023-07-03T09:00", "2023-07-03T12:00");
    afternoon = make("2023-07-03T14:00", "2023-07-03T17:00");
    auto assign = [&](const Shift& s, VolunteerId v) {
      Assignment a;
      a.shift = s.id;
      a.volunteer = v;
      store::assignments::insert(*db, a);
    };
    assign(morning, volunteers[0]);
    assign(morning, volunteers[1]);
    assign(afternoon, volunteers[2]);
    roster(volunteers[1]);  // the May shift
    kiosk::Ledger ledger(*db, "kiosk");
    forgotten = ledger.check_in(volunteers[1], station.id, at("2023-05-01T09:00")).session.id;
    ledger.auto_close_due(at("2023-05-02T09:00"));
    ledger.propose(forgotten, at("2023-05-01T11:30"), at("2023-05-02T09:00"));
    walk_in = ledger.check_in(volunteers[3], station.id, at("2023-07-03T08:00")).session.id;
    ledger.check_out(volunteers[3], at("2023-07-03T09:30"));
    ledger.check_in(volunteers[0], station.id, at("2023-07-03T09:05"));
  }
  Session session(SessionId id) const { return *store::sessions::get(*db, id); }
  std::size_t audit_rows(SessionId id) const {
    return store::audit::of(*db, "session", id.value).size();
  }
};

}  // namespace

TEST_CASE("today: who is here, who is rostered and missing, who has left; the JSON says the same") {
  TodayWorld w;
  auto alice = w.sign_in("alice");
  auto page = w.get("/staff/today", alice);
  REQUIRE(page.status == 200);
  CHECK(has(page, R"(<meta http-equiv="refresh" content="60">)"));
  CHECK(has(page, R"(<a href="/staff/today" aria-current="page">Today</a>)"));
  CHECK(has(page, "I城 · 2023-07-03 · updated 10:00"));
  CHECK(has(page, "V1 张*"));
  CHECK(has(page, "since 09:05 · 09:00–12:00 交通劝导"));
  CHECK(has(page, "started 09:00, not checked in"));
  CHECK(has(page, "starts 14:00"));
  CHECK(has(page, "08:00–09:30 · walk-in (no shift)"));
  CHECK(has(page, "credited 1 h 30 min"));
  CHECK(has(w.get("/staff/today?lang=zh", alice), "已排班未到"));

  auto api = w.get("/api/v1/staff/today", alice);
  REQUIRE(api.status == 200);
  auto j = nlohmann::json::parse(api.body);
  CHECK(j["day"] == "2023-07-03");
  REQUIRE(j["here"].size() == 1);
  CHECK(j["here"][0]["volunteer"]["number"] == "V1");
  CHECK(j["here"][0]["shift"]["starts"] == "09:00");
  REQUIRE(j["missing"].size() == 2);
  CHECK(j["missing"][0]["volunteer"]["number"] == "V2");
  CHECK(j["missing"][0]["started"] == true);
  CHECK(j["missing"][1]["started"] == false);
  REQUIRE(j["left"].size() == 1);
  CHECK(j["left"][0]["credited_minutes"] == 90);

  // Once V2 checks in, they are here, not missing.
  kiosk::Ledger(*w.db, "kiosk").check_in(w.volunteers[1], w.station.id, w.at("2023-07-03T10:00"));
  j = nlohmann::json::parse(w.get("/api/v1/staff/today", alice).body);
  CHECK(j["here"].size() == 2);
  CHECK(j["missing"].size() == 1);
}

TEST_CASE("the review queue: confirm a forgotten check-out with the volunteer's time, audited") {
  TodayWorld w;
  auto alice = w.sign_in("alice");
  auto queue = w.get("/staff/review", alice);
  REQUIRE(queue.status == 200);
  CHECK(has(queue, "Says they left at 11:30."));
  CHECK(has(queue, "Confirm as they said (11:30)"));
  CHECK(has(queue, "Confirm to the rostered end (12:00)"));
  CHECK(has(queue, "Confirm as it stands"));  // the walk-in
  CHECK(has(queue, R"(<label for="reject-reason-)"));
  CHECK(has(w.get("/staff/review?lang=zh", alice), "按本人所说确认（11:30）"));
  const auto csrf = csrf_in(queue.body);
  const auto id = std::to_string(w.forgotten.value);

  // A choice the queue never offers is refused, not confirmed as something else.
  auto bogus = w.post("/staff/review/" + id + "/confirm", "csrf=" + csrf + "&as=bogus", alice);
  CHECK(bogus.status == 400);
  CHECK(has(bogus, "holds a value this page does not offer"));
  CHECK(w.session(w.forgotten).status == SessionStatus::auto_closed);
  auto done = w.post("/staff/review/" + id + "/confirm", "csrf=" + csrf + "&as=proposed", alice);
  REQUIRE(done.status == 303);
  CHECK(done.header("Location") == "/staff/review?done=" + id);
  auto s = w.session(w.forgotten);
  CHECK(s.status == SessionStatus::confirmed);
  CHECK(s.credited_minutes == 150);
  auto rows = store::audit::of(*w.db, "session", w.forgotten.value);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.back().actor == "web coordinator alice");
  CHECK(rows.back().action == "confirm");
  auto after = w.get("/staff/review?done=" + id, alice);
  CHECK(has(after, "is now confirmed: credited 2 h 30 min"));
  CHECK_FALSE(has(after, "Says they left at 11:30."));

  // Confirmed already: a second decision is refused and changes nothing.
  const auto audits = w.audit_rows(w.forgotten);
  auto again = w.post("/staff/review/" + id + "/reject", "csrf=" + csrf + "&reason=x", alice);
  CHECK(again.status == 409);
  CHECK(w.session(w.forgotten).status == SessionStatus::confirmed);
  CHECK(w.audit_rows(w.forgotten) == audits);
}

TEST_CASE("fix and reject need a reason; a fix that credits nothing needs a tick") {
  TodayWorld w;
  auto alice = w.sign_in("alice");
  const auto csrf = csrf_in(w.get("/staff/review", alice).body);
  const auto id = std::to_string(w.forgotten.value);
  const auto before = w.session(w.forgotten);
  const auto audits = w.audit_rows(w.forgotten);
  auto unchanged = [&] {
    auto s = w.session(w.forgotten);
    CHECK(s.status == before.status);
    CHECK(s.effective_out == before.effective_out);
    CHECK(w.audit_rows(w.forgotten) == audits);
  };
  const std::string times = "&in=2023-05-01T09%3A00&out=2023-05-01T11%3A00";
  auto blank = w.post("/staff/review/" + id + "/fix", "csrf=" + csrf + times + "&reason=+", alice);
  CHECK(blank.status == 400);
  CHECK(has(blank, "Give a reason"));
  unchanged();
  auto reversed =
      w.post("/staff/review/" + id + "/fix",
             "csrf=" + csrf + "&in=2023-05-01T11%3A00&out=2023-05-01T09%3A00&reason=r", alice);
  CHECK(reversed.status == 400);
  unchanged();
  auto bad = w.post("/staff/review/" + id + "/fix",
                    "csrf=" + csrf + "&in=yesterday&out=2023-05-01T09%3A00&reason=r", alice);
  CHECK(bad.status == 400);
  CHECK(has(bad, "is not a date and time"));
  unchanged();
  for (const char* missing :
       {"&out=2023-05-01T09%3A00&reason=r", "&in=&out=2023-05-01T09%3A00&reason=r"}) {
    auto none = w.post("/staff/review/" + id + "/fix", "csrf=" + csrf + missing, alice);
    CHECK(none.status == 400);
    CHECK(has(none, "Check-in: required"));
    unchanged();
  }
  const std::string nothing = "&in=2023-05-01T08%3A00&out=2023-05-01T08%3A30&reason=came+early";
  auto tick = w.post("/staff/review/" + id + "/fix", "csrf=" + csrf + nothing, alice);
  CHECK(tick.status == 400);
  CHECK(has(tick, "It would be credited nothing."));
  CHECK(has(tick, R"(name="yes")"));
  unchanged();
  CHECK(w.post("/staff/review/" + id + "/reject", "csrf=" + csrf + "&reason=", alice).status ==
        400);
  unchanged();
  // A reason holding a control character, a direction override or a byte that is not UTF-8 is
  // refused as the command line refuses it, naming the field; in Chinese too.
  for (const char* reason : {"nul%00here", "a%0Ab", "%1B%5B2J", "x%E2%80%AEevil", "%FF"}) {
    CAPTURE(reason);
    auto r = w.post("/staff/review/" + id + "/reject", "csrf=" + csrf + "&reason=" + reason, alice);
    CHECK(r.status == 400);
    CHECK(has(r, "The field &apos;reason&apos;"));
    unchanged();
  }
  CHECK(has(
      w.post("/staff/review/" + id + "/reject?lang=zh", "csrf=" + csrf + "&reason=a%09b", alice),
      "字段“reason”的第 2 个字符为控制字符（\\t）"));
  unchanged();
  CHECK(w.post("/staff/review/" + id + "/fix", times.substr(1) + "&reason=r", alice).status ==
        403);  // no form token
  unchanged();

  auto fixed =
      w.post("/staff/review/" + id + "/fix", "csrf=" + csrf + times + "&reason=asked", alice);
  CHECK(fixed.status == 303);
  CHECK(w.session(w.forgotten).status == SessionStatus::corrected);
  CHECK(w.session(w.forgotten).credited_minutes == 120);
  auto walk = std::to_string(w.walk_in.value);
  CHECK(w.post("/staff/review/" + walk + "/reject", "csrf=" + csrf + "&reason=not+on+duty", alice)
            .status == 303);
  CHECK(w.session(w.walk_in).status == SessionStatus::rejected);
  CHECK(store::audit::of(*w.db, "session", w.walk_in.value).back().actor ==
        "web coordinator alice");
}

TEST_CASE("a coordinator of station B cannot reach station A's sessions; the district reads") {
  TodayWorld w;
  auto bob = w.sign_in("bob");
  const auto id = std::to_string(w.forgotten.value);
  const auto a = std::to_string(w.station.id.value);
  auto audits = w.audit_rows(w.forgotten);
  auto home = w.get("/staff", bob);
  auto token = csrf_in(home.body);
  CHECK(w.post("/staff/review/" + id + "/confirm", "csrf=" + token + "&as=proposed", bob).status ==
        404);
  CHECK(w.post("/staff/review/" + id + "/reject", "csrf=" + token + "&reason=x", bob).status ==
        404);
  CHECK(w.post("/staff/review/999999/reject", "csrf=" + token + "&reason=x", bob).status == 404);
  CHECK(w.session(w.forgotten).status == SessionStatus::auto_closed);
  CHECK(w.audit_rows(w.forgotten) == audits);
  CHECK(w.get("/staff/today?station=" + a, bob).status == 404);
  CHECK(w.get("/staff/review?station=" + a, bob).status == 404);
  CHECK(w.get("/staff/sheet?station=" + a, bob).status == 404);
  auto api = w.get("/api/v1/staff/today?station=" + a, bob);
  CHECK(api.status == 404);
  CHECK(has(api, R"("code":"not_found")"));
  // Bob's own station has nobody today.
  CHECK(has(w.get("/staff/today", bob), "Nobody is checked in."));
  CHECK_FALSE(has(w.get("/staff/review", bob), "Says they left"));

  // The secretary's role does not open these pages.
  auto sue = w.sign_in("sue");
  CHECK(w.get("/staff/today", sue).status == 403);
  CHECK(w.get("/api/v1/staff/today", sue).status == 403);

  // The district picks a station and reads; it decides nothing.
  auto dora = w.sign_in("dora");
  auto pick = w.get("/staff/today", dora);
  CHECK(pick.status == 200);
  CHECK(has(pick, R"(href="/staff/today?station=)" + a + "\""));
  CHECK(w.get("/api/v1/staff/today", dora).status == 400);
  CHECK(has(w.get("/staff/today?station=" + a, dora), "since 09:05"));
  CHECK(w.get("/staff/today?station=999", dora).status == 404);
  // A station that is no id is a malformed address, named: 400, not "no such page".
  for (const char* page : {"/staff/today", "/staff/review", "/staff/sheet", "/staff/week"}) {
    for (const char* bad : {"abc", "", "1x", "0", "-1"}) {
      auto r = w.get(std::string(page) + "?station=" + bad, dora);
      CHECK_MESSAGE(r.status == 400, page, " ", bad);
      // (The board reads an empty station as none named: "Pick a station".)
      CHECK_MESSAGE(has(r, *bad || std::string(page) != "/staff/week" ? "Station: " : "Pick a"),
                    page, " ", bad);
    }
  }
  auto bad_api = w.get("/api/v1/staff/today?station=abc", dora);
  CHECK(bad_api.status == 400);
  CHECK(has(bad_api, "Station: 'abc' is not a number"));
  // A long value is quoted back short.
  auto long_api = w.get("/api/v1/staff/today?station=" + std::string(3000, '9'), dora);
  CHECK(long_api.status == 400);
  CHECK(has(long_api, "Station: '" + std::string(60, '9') + "…' is not a number"));
  CHECK(long_api.body.size() < 400);
  auto queue = w.get("/staff/review?station=" + a, dora);
  CHECK(has(queue, "Says they left at 11:30."));
  CHECK_FALSE(has(queue, "/confirm\""));
  auto dtoken = csrf_in(w.get("/staff", dora).body);
  CHECK(
      w.post("/staff/review/" + id + "/confirm", "csrf=" + dtoken + "&as=proposed", dora).status ==
      403);
  CHECK(w.session(w.forgotten).status == SessionStatus::auto_closed);
  CHECK(w.audit_rows(w.forgotten) == audits);
}

TEST_CASE("the printable sheet: the week's roster and the sign-in poster") {
  TodayWorld w;
  auto alice = w.sign_in("alice");
  auto sheet = w.get("/staff/sheet", alice);
  REQUIRE(sheet.status == 200);
  CHECK(has(sheet, R"(<body class="sheet">)"));
  CHECK(has(sheet, "2023-W27"));
  CHECK(has(sheet, "09:00–12:00"));
  CHECK(has(sheet, "V1 张*"));
  CHECK(has(sheet, "<svg"));
  CHECK(has(sheet, "http://127.0.0.1:8080/signin"));
  CHECK(has(sheet, "week=2023-W28"));
  CHECK(has(w.get("/staff/sheet?week=2023-W30", alice), "No shifts in 2023-W30 yet."));
  CHECK(w.get("/staff/sheet?week=soon", alice).status == 400);
  CHECK(has(w.get("/staff/sheet?week=2025-W53", alice), "2025 has 52 ISO weeks"));
  CHECK(has(w.get("/staff/sheet?lang=zh", alice), "公告栏打印页"));
}
