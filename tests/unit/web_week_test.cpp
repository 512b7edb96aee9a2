// The coordinator's week board (issue 16): the board with its gaps and candidates, a build shown
// before it is saved and saved exactly as shown, a week changed meanwhile previewed again,
// assign / take off / drop-out / pin with audit rows, refusals that change nothing, the
// district's read-only view, and a coordinator of another station kept out by URL and API.
// Runs on SQLite and PostgreSQL.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/web/app.hpp"
#include "web_staff_fixture.hpp"

using namespace vstation;
using web::Response;

namespace {

constexpr const char* kWeek = "2023-W18";  // the fixture's shift: Mon 2023-05-01 09:00–12:00

struct WeekWorld : StaffWorld {
  WeekWorld() : StaffWorld(Instant{1'682'899'200}) {  // 2023-05-01 08:00 at the station
    // V1 and V2 offer Monday; V3 does not.
    for (int i = 0; i < 2; ++i)
      store::availability::insert_window(
          *db, {AvailabilityId{}, volunteers[i], Weekday::mon, TimeOfDay{0}, TimeOfDay{24 * 60}});
  }
  std::string csrf(const std::string& cookie) { return csrf_in(get("/staff", cookie).body); }
  // An edit of the fixture's shift as the board's forms post it, up to the volunteer's id.
  std::string edit_form(const std::string& cookie) {
    return "csrf=" + csrf(cookie) + "&week=" + kWeek + "&shift=" + std::to_string(shift.id.value) +
           "&volunteer=";
  }
  std::string id_of(int i) const { return std::to_string(volunteers[std::size_t(i)].value); }
  // Who is on the fixture's shift (not dropped out).
  std::vector<std::string> on_shift() {
    std::vector<std::string> out;
    for (const auto& a : store::assignments::of_shift(*db, shift.id))
      if (a.status != AssignmentStatus::cancelled)
        out.push_back(store::volunteers::get(*db, a.volunteer)->number);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::size_t audit_rows(const std::string& actor) {
    std::size_t n = 0;
    for (const auto& a : store::assignments::of_shift(*db, shift.id))
      for (const auto& e : store::audit::of(*db, "assignment", a.id.value)) n += e.actor == actor;
    return n;
  }
};

// The value of a hidden field on a page.
std::string value_of(const std::string& page, const std::string& name) {
  auto at = page.find("name=\"" + name + "\" value=\"");
  REQUIRE(at != std::string::npos);
  at += name.size() + 15;
  return page.substr(at, page.find('"', at) - at);
}

// The confirm form of a preview, as the browser posts it.
std::string confirm_body(const std::string& preview) {
  std::string body;
  for (const char* f : {"csrf", "week", "kind", "fresh", "dropping", "basis", "changes"})
    body += std::string(body.empty() ? "" : "&") + f + "=" + web::url_encode(value_of(preview, f));
  return body;
}

}  // namespace

TEST_CASE("the week board shows the shifts, the gaps and who could fill them") {
  WeekWorld w;
  auto alice = w.sign_in("alice");
  auto page = w.get(std::string("/staff/week?week=") + kWeek, alice);
  REQUIRE(page.status == 200);
  const auto sid = std::to_string(w.shift.id.value);
  CHECK(page.body.find("#" + sid + " 0/3") != std::string::npos);
  CHECK(page.body.find("3 of 3 places empty") != std::string::npos);
  CHECK(page.body.find("free then: could take it") != std::string::npos);
  CHECK(page.body.find("Not available then: 1 more.") != std::string::npos);
  CHECK(page.body.find(R"(<a href="/staff/week" aria-current="page">Week board</a>)") !=
        std::string::npos);
  CHECK(page.body.find(R"(action="/staff/week/build")") != std::string::npos);
  CHECK(page.body.find(R"(src="/static/week.js")") != std::string::npos);
  auto zh = w.get(std::string("/staff/week?lang=zh&week=") + kWeek, alice);
  CHECK(zh.body.find("本周排班") != std::string::npos);
  CHECK(zh.body.find("该时段有空，可以排入") != std::string::npos);
  CHECK(w.get("/staff/week?week=2023-W99x", alice).status == 400);
  // The refusal names the value and a week that exists; a year's missing 53rd week says so.
  auto bad = w.get("/staff/week?week=2025-W53", alice);
  CHECK(bad.status == 400);
  CHECK(bad.body.find("2025 has 52 ISO weeks") != std::string::npos);
  CHECK(w.get("/staff/week?week=soon", alice).body.find("e.g. 2024-W23") != std::string::npos);
}

TEST_CASE("a build is previewed, saved exactly as shown, and previewed again if the week changed") {
  WeekWorld w;
  auto alice = w.sign_in("alice");
  auto csrf = w.csrf(alice);
  auto preview = w.post("/staff/week/build", "csrf=" + csrf + "&week=" + kWeek, alice);
  REQUIRE(preview.status == 200);
  CHECK(preview.body.find("+ V1") != std::string::npos);
  CHECK(preview.body.find("+ V2") != std::string::npos);
  CHECK(w.on_shift().empty());  // nothing saved yet
  auto api = w.get(std::string("/api/v1/staff/week?week=") + kWeek, alice);
  REQUIRE(api.status == 200);
  CHECK(api.body.find("\"version\":") != std::string::npos);
  auto saved = w.post("/staff/week/apply", confirm_body(preview.body), alice);
  CHECK(saved.status == 303);
  CHECK(w.on_shift() == std::vector<std::string>{"V1", "V2"});
  CHECK(w.audit_rows("web coordinator alice") == 2);
  CHECK(w.get(std::string("/api/v1/staff/week?week=") + kWeek, alice).body != api.body);

  // A second preview; meanwhile V1 is taken off: the old proposal is not saved.
  auto again = w.post("/staff/week/build", "csrf=" + csrf + "&week=" + kWeek + "&fresh=1", alice);
  REQUIRE(again.status == 200);
  auto a = store::assignments::find(*w.db, w.shift.id, w.volunteers[0]);
  store::assignments::remove(*w.db, a->id);
  auto stale = w.post("/staff/week/apply", confirm_body(again.body), alice);
  CHECK(stale.status == 409);
  CHECK(stale.body.find("The week changed since the proposal was made") != std::string::npos);
  CHECK(w.on_shift() == std::vector<std::string>{"V2"});
  // A forged change list is refused by the library, nothing saved.
  auto body = confirm_body(stale.body);
  auto forged = body.substr(0, body.find("&changes=")) + "&changes=" +
                web::url_encode("a." + std::to_string(w.volunteers[2].value) + "." +
                                std::to_string(w.project.value) + "." +
                                std::to_string(w.shift.time.begin.seconds));
  auto refused = w.post("/staff/week/apply", forged, alice);
  CHECK(refused.status == 409);
  CHECK(refused.body.find("breaks a rule") != std::string::npos);
  CHECK(w.on_shift() == std::vector<std::string>{"V2"});
  // The change list left out of the form (not sent empty, which is a plan with none): the form
  // is refused as incomplete, not answered as a week that changed.
  auto cut = w.post("/staff/week/apply", body.substr(0, body.find("&changes=")), alice);
  CHECK(cut.status == 400);
  CHECK(cut.body.find("This form is incomplete") != std::string::npos);
  CHECK(w.on_shift() == std::vector<std::string>{"V2"});
}

TEST_CASE("a repair is previewed and saved with its drop-out; one posted for someone else is not") {
  WeekWorld w;
  auto alice = w.sign_in("alice");
  auto csrf = w.csrf(alice);
  auto preview = w.post("/staff/week/build", "csrf=" + csrf + "&week=" + kWeek, alice);
  REQUIRE(w.post("/staff/week/apply", confirm_body(preview.body), alice).status == 303);
  REQUIRE(w.on_shift() == std::vector<std::string>{"V1", "V2"});
  auto repair = w.post("/staff/week/repair",
                       "csrf=" + csrf + "&week=" + kWeek + "&volunteer=" + w.id_of(0), alice);
  REQUIRE(repair.status == 200);
  CHECK(repair.body.find("V1 张*1 drops out of") != std::string::npos);
  // The same proposal posted back naming another volunteer as the one dropping out: V1 would be
  // taken off without their drop-out remembered (a later build could put them back).
  auto body = confirm_body(repair.body);
  const std::string theirs = "&dropping=" + w.id_of(0);
  REQUIRE(body.find(theirs) != std::string::npos);
  auto forged = body;
  forged.replace(forged.find(theirs), theirs.size(), "&dropping=" + w.id_of(1));
  CHECK(w.post("/staff/week/apply", forged, alice).status == 409);
  CHECK(w.on_shift() == std::vector<std::string>{"V1", "V2"});
  CHECK(w.post("/staff/week/apply", body, alice).status == 303);
  CHECK(w.on_shift() == std::vector<std::string>{"V2"});
  CHECK(store::assignments::find(*w.db, w.shift.id, w.volunteers[0])->status ==
        AssignmentStatus::cancelled);  // the drop-out, remembered
}

TEST_CASE("assign from a gap's candidates, pin, take off and mark a drop-out, each audited") {
  WeekWorld w;
  auto alice = w.sign_in("alice");
  const std::string common = w.edit_form(alice);
  const auto v = [&](int i) { return w.id_of(i); };
  CHECK(w.post("/staff/week/assign", common + v(0), alice).status == 303);
  CHECK(w.post("/staff/week/assign", common + v(1), alice).status == 303);
  CHECK(w.on_shift() == std::vector<std::string>{"V1", "V2"});
  // Already on it: refused, nothing changed.
  auto twice = w.post("/staff/week/assign", common + v(0), alice);
  CHECK(twice.status == 409);
  CHECK(twice.body.find("V1 is already on shift") != std::string::npos);
  // A rule it would break (V3 retired): named, with no command-line flag to force it on a web
  // page, and nothing changed.
  auto v3 = *store::volunteers::get(*w.db, w.volunteers[2]);
  v3.status = VolunteerStatus::retired;
  store::volunteers::update(*w.db, v3);
  auto retired = w.post("/staff/week/assign", common + v(2), alice);
  CHECK(retired.status == 409);
  CHECK(retired.body.find("Not assigned: V3 is retired.") != std::string::npos);
  CHECK(retired.body.find("--force") == std::string::npos);
  CHECK(w.on_shift() == std::vector<std::string>{"V1", "V2"});
  // A value no form offers is refused, not read as one of the choices: nothing changes.
  for (const char* bad : {"&pin=7", "&pin=", ""}) {
    auto r = w.post("/staff/week/pin", common + v(0) + bad, alice);
    CHECK(r.status == 400);
    CHECK(r.body.find(*bad ? "holds a value this page does not offer"
                           : "The form&apos;s field &apos;pin&apos; is missing") !=
          std::string::npos);
  }
  for (const char* bad : {"&as=bogus", "&as=Remove", ""}) {
    CHECK(w.post("/staff/week/unassign", common + v(1) + bad, alice).status == 400);
    CHECK(store::assignments::find(*w.db, w.shift.id, w.volunteers[1]));
  }
  CHECK_FALSE(store::assignments::find(*w.db, w.shift.id, w.volunteers[0])->pinned);
  CHECK(w.post("/staff/week/pin", common + v(0) + "&pin=1", alice).status == 303);
  CHECK(store::assignments::find(*w.db, w.shift.id, w.volunteers[0])->pinned);
  CHECK(w.post("/staff/week/unassign", common + v(1) + "&as=remove", alice).status == 303);
  CHECK(!store::assignments::find(*w.db, w.shift.id, w.volunteers[1]));
  CHECK(w.post("/staff/week/unassign", common + v(0) + "&as=dropout", alice).status == 303);
  CHECK(store::assignments::find(*w.db, w.shift.id, w.volunteers[0])->status ==
        AssignmentStatus::cancelled);
  CHECK(w.audit_rows("web coordinator alice") >= 3);
  auto page = w.get(std::string("/staff/week?week=") + kWeek, alice);
  CHECK(page.body.find("Dropped out (builds leave them off)") != std::string::npos);
  CHECK(page.body.find("dropped out of this shift") != std::string::npos);
}

TEST_CASE("an edit naming its shift or volunteer by a malformed or missing id changes nothing") {
  WeekWorld w;
  auto alice = w.sign_in("alice");
  const std::string csrf = "csrf=" + w.csrf(alice) + "&week=" + kWeek;
  const std::string shift = std::to_string(w.shift.id.value), volunteer = w.id_of(0);
  CHECK(w.post("/staff/week/assign", w.edit_form(alice) + volunteer, alice).status == 303);
  REQUIRE_FALSE(store::assignments::find(*w.db, w.shift.id, w.volunteers[0])->pinned);
  const auto audited = w.audit_rows("web coordinator alice");
  // Digits and then anything else are not the id of their digits ("358abc" was shift 358). The
  // page escapes the message's quotes.
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"&shift=" + shift + "abc&volunteer=" + volunteer,
       "Shift: &apos;" + shift + "abc&apos; is not a number"},
      {"&shift=" + shift + "&volunteer=" + volunteer + "xyz",
       "Volunteer: &apos;" + volunteer + "xyz&apos; is not a number"},
      {"&shift=" + shift + "&volunteer=" + volunteer + ".9", "is not a number"},
      {"&shift=-" + shift + "&volunteer=" + volunteer, "is not a number"},
      {"&volunteer=" + volunteer, "Shift: required."},
      {"&shift=" + shift, "Volunteer: required."},
      {"&shift=" + shift + "&volunteer=", "Volunteer: required."}};
  for (const auto& [fields, said] : bad)
    for (const char* action : {"/staff/week/pin", "/staff/week/assign", "/staff/week/unassign"}) {
      CAPTURE(fields);
      CAPTURE(action);
      auto r = w.post(action, csrf + fields + "&pin=1&as=remove", alice);
      CHECK(r.status == 400);
      CHECK(r.body.find(said) != std::string::npos);
    }
  CHECK(w.on_shift() == std::vector<std::string>{"V1"});
  CHECK_FALSE(store::assignments::find(*w.db, w.shift.id, w.volunteers[0])->pinned);
  CHECK(w.audit_rows("web coordinator alice") == audited);
  // A repair's volunteer likewise; an unknown one is a 404.
  auto repair = w.post("/staff/week/repair", csrf + "&volunteer=" + volunteer + "x", alice);
  CHECK(repair.status == 400);
  CHECK(w.post("/staff/week/repair", csrf + "&volunteer=999999", alice).status == 404);
  // In Chinese too.
  auto in_zh = web_request("POST", "/staff/week/pin", alice,
                           csrf + "&shift=1x&volunteer=" + volunteer + "&pin=1");
  in_zh.headers["accept-language"] = "zh-CN";
  auto zh = w.app.handle(in_zh);
  CHECK(zh.body.find("班次：“1x”不是编号") != std::string::npos);
}

TEST_CASE("a week action without its week changes nothing, not this week's roster") {
  WeekWorld w;
  auto alice = w.sign_in("alice");
  auto csrf = w.csrf(alice);
  auto r = w.post("/staff/week/publish", "csrf=" + csrf, alice);
  CHECK(r.status == 400);
  CHECK(r.body.find("Week: missing") != std::string::npos);
  CHECK(w.post("/staff/week/build", "csrf=" + csrf, alice).status == 400);
  auto page = w.get(std::string("/staff/week?week=") + kWeek, alice);
  CHECK(page.body.find("Not published yet.") != std::string::npos);
  CHECK(w.audit_rows("web coordinator alice") == 0);
  // A station named by a malformed id is said so, on the board too.
  auto board = w.get(std::string("/staff/week?station=1abc&week=") + kWeek, alice);
  CHECK(board.status == 400);
  CHECK(board.body.find("Station: &apos;1abc&apos; is not a number") != std::string::npos);
}

TEST_CASE("once the shift has begun the board offers no edit of it and refuses one posted") {
  WeekWorld w;
  auto alice = w.sign_in("alice");
  const std::string common = w.edit_form(alice);
  const auto v = [&](int i) { return w.id_of(i); };
  CHECK(w.post("/staff/week/assign", common + v(0), alice).status == 303);
  auto before = w.get(std::string("/staff/week?week=") + kWeek, alice);
  CHECK(before.body.find(R"(action="/staff/week/unassign")") != std::string::npos);
  w.now = w.now.plus_minutes(90);  // 09:30: the shift began at 09:00
  alice = w.sign_in("alice");      // signed in again after a while away
  const std::string again = w.edit_form(alice);
  auto board = w.get(std::string("/staff/week?week=") + kWeek, alice);
  REQUIRE(board.status == 200);
  CHECK(board.body.find(R"(action="/staff/week/unassign")") == std::string::npos);
  CHECK(board.body.find(R"(action="/staff/week/assign")") == std::string::npos);  // no gap
  auto off = w.post("/staff/week/unassign", again + v(0) + "&as=remove", alice);
  CHECK(off.status == 409);
  CHECK(off.body.find("who is on it is the record of who served") != std::string::npos);
  CHECK(w.post("/staff/week/assign", again + v(1), alice).status == 409);
  CHECK(w.on_shift() == std::vector<std::string>{"V1"});
}

TEST_CASE("a proposal whose shift began before it was saved is proposed again for those to come") {
  WeekWorld w;
  Shift tuesday = w.shift;  // the same project's shift a day later, still to come
  tuesday.time = {w.shift.time.begin.plus_minutes(24 * 60), w.shift.time.end.plus_minutes(24 * 60)};
  store::shifts::insert(*w.db, tuesday);
  store::availability::insert_window(
      *w.db, {AvailabilityId{}, w.volunteers[0], Weekday::tue, TimeOfDay{0}, TimeOfDay{24 * 60}});
  auto alice = w.sign_in("alice");
  auto preview = w.post("/staff/week/build", "csrf=" + w.csrf(alice) + "&week=" + kWeek, alice);
  REQUIRE(preview.status == 200);
  w.now = w.now.plus_minutes(90);  // 09:30: Monday's shift began at 09:00
  alice = w.sign_in("alice");
  auto body = confirm_body(preview.body);
  body = "csrf=" + w.csrf(alice) + body.substr(body.find('&'));
  auto stale = w.post("/staff/week/apply", body, alice);
  CHECK(stale.status == 409);
  CHECK(stale.body.find("has begun since it was made") != std::string::npos);
  CHECK(w.on_shift().empty());  // nothing saved on the begun shift
  // The new proposal touches only Tuesday's.
  CHECK(stale.body.find("2023-05-01") == std::string::npos);
  CHECK(stale.body.find("on Tue 2023-05-02 09:00") != std::string::npos);
}

TEST_CASE("another station's coordinator, the secretary and the district") {
  WeekWorld w;
  const auto target =
      std::string("/staff/week?week=") + kWeek + "&station=" + std::to_string(w.station.id.value);
  auto bob = w.sign_in("bob");
  CHECK(w.get(target, bob).status == 404);
  CHECK(w.get("/api/v1/staff/week?week=2023-W18&station=" + std::to_string(w.station.id.value), bob)
            .status == 404);
  auto own = w.get(std::string("/staff/week?week=") + kWeek, bob);
  CHECK(own.status == 200);
  CHECK(own.body.find("B城") != std::string::npos);
  auto assign = w.post("/staff/week/assign",
                       "csrf=" + w.csrf(bob) + "&week=" + kWeek +
                           "&shift=" + std::to_string(w.shift.id.value) +
                           "&volunteer=" + std::to_string(w.volunteers[0].value),
                       bob);
  CHECK(assign.status == 404);
  CHECK(w.on_shift().empty());
  auto sue = w.sign_in("sue");
  CHECK(w.get(target, sue).status == 403);
  auto dora = w.sign_in("dora");
  // From the menu, with no station: the station picker, as on the other staff pages.
  auto pick = w.get("/staff/week", dora);
  CHECK(pick.status == 200);
  CHECK(pick.body.find("href=\"/staff/week?station=" + std::to_string(w.station.id.value) + "\"") !=
        std::string::npos);
  auto read = w.get(target, dora);
  REQUIRE(read.status == 200);
  CHECK(read.body.find("Read only") != std::string::npos);
  CHECK(read.body.find("/staff/week/assign") == std::string::npos);
  CHECK(w.post("/staff/week/build", "csrf=" + w.csrf(dora) + "&week=" + kWeek, dora).status == 403);
}

TEST_CASE("a board action that meets a database another process holds answers 503, not 409") {
  WeekWorld w;
  if (w.db->backend() != "sqlite") return;  // SQLite's whole-file write lock
  auto alice = w.sign_in("alice");
  auto csrf = w.csrf(alice);
  auto writer = store::open_database(w.path, {false, false});
  writer->begin();
  writer->execute("UPDATE settings SET value = value WHERE key = 'nothing'");
  // The publish route words the library's refusals for its page; a busy database is not one.
  auto busy = w.post("/staff/week/publish", "csrf=" + csrf + "&week=" + kWeek, alice);
  CHECK(busy.status == 503);
  CHECK(busy.header("Retry-After") == "5");
  writer->rollback();
  CHECK(w.post("/staff/week/publish", "csrf=" + csrf + "&week=" + kWeek, alice).status == 303);
}

TEST_CASE("publishing a week: stamped with who and when, and changes since are shown") {
  WeekWorld w;
  auto alice = w.sign_in("alice");
  auto csrf = w.csrf(alice);
  auto page = w.get(std::string("/staff/week?week=") + kWeek, alice);
  CHECK(page.body.find("Not published yet.") != std::string::npos);
  CHECK(w.post("/staff/week/publish", "csrf=" + csrf + "&week=2023-W30", alice).status == 409);
  CHECK(w.post("/staff/week/publish", "csrf=" + csrf + "&week=" + kWeek, alice).status == 303);
  page = w.get(std::string("/staff/week?week=") + kWeek, alice);
  CHECK(page.body.find("Published 2023-05-01 08:00 by web coordinator alice.") !=
        std::string::npos);
  CHECK(page.body.find("changed since it was published") == std::string::npos);
  w.roster(w.volunteers[0]);
  page = w.get(std::string("/staff/week?week=") + kWeek, alice);
  CHECK(page.body.find("changed since it was published") != std::string::npos);
  CHECK(
      w.post("/staff/week/publish", "csrf=" + csrf + "&week=" + kWeek, w.sign_in("dora")).status ==
      403);
}
