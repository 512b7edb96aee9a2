// Open slots, signing up and cancelling through App::handle: the pages and the JSON API, the
// rules' refusals (403, 409 full, 404 not theirs) changing nothing, the deadline.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "kiosk_fixture.hpp"
#include "web_fixture.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/web/app.hpp"

using namespace vstation;
using web::Request;

namespace {

struct ShiftsWorld : KioskWorld {
  Instant clock = at("2023-07-03T10:00");  // Monday
  web::App app{[this] { return store::open_database(path, {false, false}); },
               web::Config{std::nullopt, [this] { return clock; }}};
  Shift open;     // Wed 2023-07-05 09:00–12:00, two places
  Shift held;     // Thu 14:00–17:00, another project, V1 is on it
  Shift clash;    // Thu 15:00–18:00, overlaps the one V1 holds
  Shift crowded;  // Fri, one place, taken by V3
  std::string cookie;
  std::string csrf;

  ShiftsWorld() {
    station.contact = "13800000000";
    store::stations::update(*db, station);
    Project p;
    p.code = "P2";
    p.station = station.id;
    p.name = "便民服务";
    p.published = p.starts = parse_date("2023-03-01");
    auto other = store::projects::insert(*db, p);
    open = make(project, "2023-07-05T09:00", "2023-07-05T12:00", 2);
    held = make(other, "2023-07-06T14:00", "2023-07-06T17:00", 2);
    clash = make(project, "2023-07-06T15:00", "2023-07-06T18:00", 2);
    crowded = make(project, "2023-07-07T09:00", "2023-07-07T12:00", 1);
    store::assignments::insert(*db, Assignment{AssignmentId{}, held.id, volunteers[0]});
    store::assignments::insert(*db, Assignment{AssignmentId{}, crowded.id, volunteers[2]});
    for (auto v : {volunteers[0], volunteers[1]})
      store::identity::set_pin_hash(*db, v, kiosk::hash_pin("2468"));
    sign_in("V1");
  }

  Shift make(ProjectId pr, const char* from, const char* to, int slots) {
    Shift s;
    s.station = station.id;
    s.project = pr;
    s.time = {at(from), at(to)};
    s.slots = slots;
    s.id = store::shifts::insert(*db, s);
    return s;
  }

  Request req(std::string method, const std::string& target, std::string body = "") {
    return web_request(std::move(method), target, cookie, std::move(body));
  }

  void sign_in(const std::string& number) {
    cookie.clear();
    auto in = app.handle(req("POST", "/signin", "number=" + number + "&pin=2468"));
    REQUIRE(in.status == 303);
    cookie = cookie_of(in);
    csrf = csrf_in(app.handle(req("GET", "/me")).body);
    REQUIRE(csrf.size() == 64);
  }

  web::Response post(const std::string& path, std::string extra = "") {
    return app.handle(req("POST", path, "csrf=" + csrf + extra));
  }
  web::Response api(const std::string& method, const std::string& path) {
    auto r = req(method, path);
    r.headers["x-csrf-token"] = csrf;
    return app.handle(r);
  }

  std::int64_t rows() {
    return *db->scalar("SELECT count(*) FROM assignments WHERE status <> 'cancelled'") * 1000 +
           *db->scalar("SELECT count(*) FROM audit");
  }
};

bool has(const std::string& body, const std::string& what) {
  return body.find(what) != std::string::npos;
}

std::string id(const Shift& s) { return std::to_string(s.id.value); }

}  // namespace

TEST_CASE("the open slots page offers what the rules allow, by day, with a sign-up form") {
  ShiftsWorld w;
  auto page = w.app.handle(w.req("GET", "/shifts"));
  REQUIRE(page.status == 200);
  CHECK(has(page.body, "Wed 2023-07-05"));
  CHECK(has(page.body, R"(action="/shifts/)" + id(w.open) + R"(/signup")"));
  CHECK(has(page.body, "outside your usual times"));  // no availability given: still offered
  CHECK(has(page.body, "2 places free"));             // nobody on it yet: not "2 of 2 places free"
  CHECK_FALSE(has(page.body, "2 of 2 places free"));
  CHECK(has(page.body, R"(name="csrf" value=")" + w.csrf));
  // The overlapping one they are on, and the full one, are not offered.
  CHECK_FALSE(has(page.body, "/shifts/" + id(w.clash) + "/signup"));
  CHECK_FALSE(has(page.body, "/shifts/" + id(w.crowded) + "/signup"));
  CHECK(has(w.app.handle(w.req("GET", "/me")).body, R"(href="/shifts")"));
  auto zh = w.req("GET", "/shifts");
  zh.headers["accept-language"] = "zh-CN";
  CHECK(has(w.app.handle(zh).body, "报名"));
}

TEST_CASE("when the rules keep every slot back, the page says why, in the rules' words") {
  ShiftsWorld w;
  w.sign_in("V2");
  auto v = *store::volunteers::get(*w.db, w.volunteers[1]);
  v.max_minutes_per_week = 2 * 60;  // every shift lasts 3 h
  store::volunteers::update(*w.db, v);
  auto page = w.app.handle(w.req("GET", "/shifts")).body;
  CHECK_FALSE(has(page, "/signup\""));
  CHECK(has(page, "No open slot you can take in the next four weeks:"));
  CHECK(has(page, "Week of 2023-07-03 (2023-W27): you have 0 h of your weekly maximum of 2 h, "
                  "too little left for the open shifts (3 shifts)"));
  CHECK(has(page, "Every place is taken (1 shift)"));
  auto zh = w.req("GET", "/shifts");
  zh.headers["accept-language"] = "zh-CN";
  auto zh_page = w.app.handle(zh).body;
  CHECK(has(zh_page, "未来四周没有您可以报名的名额："));
  CHECK(has(zh_page, "2023-07-03 起的一周（2023-W27）：您已有 0 小时，每周上限 2 小时"));
  CHECK(has(zh_page, "名额已满（1 个班次）"));
  // The API gives the same reasons, and the page of a volunteer with slots lists what is kept.
  auto j = nlohmann::json::parse(w.api("GET", "/api/v1/shifts/open").body);
  CHECK(j["slots"].empty());
  REQUIRE(j["not_offered"].size() == 1);
  CHECK(j["not_offered"][0]["wall"] == "max_hours");
  CHECK(j["not_offered"][0]["shifts"] == 3);
  CHECK(j["full"] == 1);
  w.sign_in("V1");
  page = w.app.handle(w.req("GET", "/shifts")).body;
  CHECK(has(page, "Not offered to you:"));
  CHECK(has(page, "They overlap shifts you are on (1 shift)"));
  CHECK(has(page, "You are on them already: see your shifts (1 shift)"));
}

TEST_CASE("with no shift at all in the next four weeks, the page says so") {
  ShiftsWorld w;
  w.clock = w.at("2023-09-01T10:00");
  w.sign_in("V1");
  auto page = w.app.handle(w.req("GET", "/shifts")).body;
  CHECK(has(page, "No open slots in the next four weeks: no shifts are planned yet."));
  CHECK_FALSE(has(page, "not-offered"));
}

TEST_CASE("signing up redirects to their page, which shows it with a cancel button") {
  ShiftsWorld w;
  auto r = w.post("/shifts/" + id(w.open) + "/signup");
  REQUIRE(r.status == 303);
  CHECK(r.header("Location") == "/me?done=signed-up");
  auto me = w.app.handle(w.req("GET", "/me?done=signed-up"));
  CHECK(has(me.body, "You are on the shift"));
  CHECK(has(me.body, R"(action="/shifts/)" + id(w.open) + R"(/cancel")"));
  CHECK(has(me.body, "You can cancel here until Tue 2023-07-04 09:00"));
  auto a = store::assignments::find(*w.db, w.open.id, w.volunteers[0]);
  REQUIRE(a);
  CHECK(store::audit::of(*w.db, "assignment", a->id.value).back().actor == "web volunteer V1");
}

TEST_CASE("hand-made posts for a forbidden, full or unknown shift are refused, changing nothing") {
  ShiftsWorld w;
  auto before = w.rows();
  CHECK(w.post("/shifts/" + id(w.held) + "/signup").status == 409);  // already on it
  auto overlap = w.post("/shifts/" + id(w.clash) + "/signup");
  CHECK(overlap.status == 403);
  CHECK(has(overlap.body, "overlaps"));
  auto full = w.post("/shifts/" + id(w.crowded) + "/signup");
  CHECK(full.status == 409);
  CHECK(has(full.body, "is full"));
  CHECK(w.post("/shifts/999/signup").status == 404);
  CHECK(w.post("/shifts/abc/signup").status == 404);
  CHECK(w.rows() == before);
  // Without the form token the table refuses it before any rule.
  CHECK(w.app.handle(w.req("POST", "/shifts/" + id(w.crowded) + "/signup")).status == 403);
  auto api = w.api("POST", "/api/v1/shifts/" + id(w.clash) + "/signup");
  CHECK(api.status == 403);
  CHECK(nlohmann::json::parse(api.body)["error"]["code"] == "overlap");
  CHECK(w.rows() == before);
}

TEST_CASE("cancelling: not another's place (404); until the deadline; then contact the coordinator") {
  ShiftsWorld w;
  w.post("/shifts/" + id(w.open) + "/signup");
  w.sign_in("V2");
  CHECK(w.post("/shifts/" + id(w.open) + "/cancel").status == 404);  // V1's, not V2's
  w.sign_in("V1");
  auto before = w.rows();
  w.clock = w.at("2023-07-04T09:01");  // a minute past the 24 h deadline
  w.sign_in("V1");                     // (the old session has gone idle meanwhile)
  auto late = w.post("/shifts/" + id(w.open) + "/cancel");
  CHECK(late.status == 403);
  CHECK(has(late.body, "contact the coordinator (13800000000)"));
  CHECK(w.rows() == before);
  auto me = w.app.handle(w.req("GET", "/me"));
  CHECK_FALSE(has(me.body, "/shifts/" + id(w.open) + "/cancel"));
  CHECK(has(me.body, "Too late to cancel here: please contact the coordinator (13800000000)."));

  w.clock = w.at("2023-07-04T09:00");  // exactly at the deadline: still in time
  auto ok = w.post("/shifts/" + id(w.open) + "/cancel", "&from=shifts");
  REQUIRE(ok.status == 303);
  CHECK(ok.header("Location") == "/shifts?done=cancelled");
  auto a = store::assignments::find(*w.db, w.open.id, w.volunteers[0]);
  CHECK(a->status == AssignmentStatus::cancelled);
  CHECK(store::audit::of(*w.db, "assignment", a->id.value).back().action == "cancelled");
  CHECK(has(w.app.handle(w.req("GET", "/shifts?done=cancelled")).body, "Your place is cancelled"));
}

TEST_CASE("the JSON API: open slots, sign up, my shifts with the deadline, cancel") {
  ShiftsWorld w;
  auto open = nlohmann::json::parse(w.api("GET", "/api/v1/shifts/open").body);
  REQUIRE(open["slots"].size() == 1);  // not the one overlapping theirs, not the full one
  CHECK(open["slots"][0]["id"] == w.open.id.value);
  CHECK(open["slots"][0]["free"] == 2);
  CHECK(open["slots"][0]["fits"] == false);
  CHECK(open["slots"][0]["bends"][0] == "outside_availability");
  auto up = w.api("POST", "/api/v1/shifts/" + id(w.open) + "/signup");
  CHECK(up.status == 201);
  auto mine = nlohmann::json::parse(w.api("GET", "/api/v1/me/shifts").body);
  REQUIRE(mine["shifts"].size() == 2);  // the new one, and the one they had
  CHECK(mine["shifts"][0]["id"] == w.open.id.value);
  CHECK(mine["shifts"][0]["cancellable_until"] == "2023-07-04T09:00:00+08:00");
  CHECK(mine["shifts"][0]["cancellable"] == true);
  auto again = w.api("POST", "/api/v1/shifts/" + id(w.open) + "/signup");
  CHECK(again.status == 409);
  auto full = w.api("POST", "/api/v1/shifts/" + id(w.crowded) + "/signup");
  CHECK(full.status == 409);
  CHECK(nlohmann::json::parse(full.body)["error"]["code"] == "full");
  CHECK(w.api("POST", "/api/v1/shifts/" + id(w.open) + "/cancel").status == 200);
  CHECK(w.api("POST", "/api/v1/shifts/" + id(w.open) + "/cancel").status == 404);
  auto no_token = w.req("POST", "/api/v1/shifts/" + id(w.open) + "/signup");
  CHECK(w.app.handle(no_token).status == 403);
  w.cookie.clear();
  CHECK(w.api("GET", "/api/v1/shifts/open").status == 401);
}
