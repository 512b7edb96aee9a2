// A signed-in volunteer's own data on the web (issue 15): weekly availability, the forgotten
// check-out question, the certificate download, the private calendar feed and GET /api/v1/me,
// through App::handle on both backends. Every object of another volunteer is a 404.

#include <doctest/doctest.h>

#include <regex>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/web/app.hpp"
#include "web_fixture.hpp"

using namespace vstation;
using web::Request;
using web::Response;

namespace {

constexpr Instant kNow{1'688'349'600};  // 2023-07-03 10:00 in Shanghai, a Monday (2023Q3)

struct MyWorld : KioskWorld {
  web::App app{[this] {
                 return store::open_database(path, {false, false});
               },
               web::Config{std::nullopt, [] { return kNow; }}};
  MyWorld() {
    store::identity::set_pin_hash(*db, volunteers[0], kiosk::hash_pin("2468"));
    store::identity::set_pin_hash(*db, volunteers[1], kiosk::hash_pin("1357"));
  }

  static Request request(std::string method, const std::string& target, const std::string& cookie) {
    return web_request(std::move(method), target, cookie, "", "vs.example");
  }
  Response get(std::string path, const std::string& cookie = "") const {
    return app.handle(request("GET", std::move(path), cookie));
  }
  Response post(std::string path, std::string body, const std::string& cookie) const {
    auto r = request("POST", std::move(path), cookie);
    r.headers["content-type"] = "application/x-www-form-urlencoded";
    r.body = std::move(body);
    return app.handle(r);
  }

  // A signed-in browser: its cookie and its form token.
  struct Browser {
    std::string cookie, csrf;
  };
  Browser sign_in(const char* number, const char* pin) const {
    auto in = post("/signin", std::string("number=") + number + "&pin=" + pin, "");
    REQUIRE(in.status == 303);
    Browser b;
    b.cookie = cookie_of(in);
    b.csrf = csrf_in(get("/me", b.cookie).body);
    REQUIRE(b.csrf.size() == 64);
    return b;
  }
  Response post_as(const Browser& b, std::string path, const std::string& fields = "") const {
    return post(std::move(path), "csrf=" + b.csrf + (fields.empty() ? "" : "&" + fields), b.cookie);
  }

  std::vector<store::AuditEntry> audit(std::string_view entity, std::int64_t id) const {
    return store::audit::of(*db, entity, id);
  }
};

bool has(const std::string& body, std::string_view what) {
  return body.find(what) != std::string::npos;
}

}  // namespace

TEST_CASE("availability: a volunteer adds and removes their weekly windows") {
  MyWorld w;
  auto me = w.sign_in("V1", "2468");
  auto page = w.get("/me/availability", me.cookie);
  REQUIRE(page.status == 200);
  CHECK(has(page.body, "At most 5 shifts a week"));  // the roster's weekly limits
  auto added = w.post_as(me, "/me/availability", "day=Sat&start=09:00&end=12:00&preference=prefer");
  CHECK(added.status == 303);
  auto windows = store::availability::windows(*w.db, w.volunteers[0]);
  REQUIRE(windows.size() == 1);
  CHECK(windows[0].day == Weekday::sat);
  CHECK(windows[0].start.hhmm() == "09:00");
  CHECK(windows[0].end.hhmm() == "12:00");
  CHECK(windows[0].preference == Preference::prefer);
  auto rows = w.audit("availability", windows[0].id.value);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].actor == "web volunteer V1");
  CHECK(rows[0].action == "add");
  page = w.get("/me/availability", me.cookie);
  CHECK(has(page.body, "09:00–12:00"));

  auto api = w.get("/api/v1/me/availability", me.cookie);
  CHECK(api.status == 200);
  CHECK(has(api.body, R"("weekday":"Sat")"));
  CHECK(has(api.body, R"("preference":"prefer")"));
  CHECK(has(api.body, R"("max_shifts_per_week":5)"));
  CHECK(w.get("/api/v1/me/availability").status == 401);

  // Refusals name the field and change nothing.
  struct Bad {
    const char* fields;
    const char* names;
  };
  for (auto bad : {Bad{"day=Sat&start=12:00&end=09:00&preference=ok", "end: "},
                   Bad{"day=Xyz&start=09:00&end=12:00&preference=ok", "day: "},
                   Bad{"day=2023-07-08&start=09:00&end=12:00&preference=ok", "day: "},
                   Bad{"day=Sat&start=9am&end=12:00&preference=ok", "start: "},
                   Bad{"day=Sat&start=09:00&end=12:00&preference=maybe", "preference: "},
                   // The form sends its fields filled: one empty (or a missing time) is not the
                   // file's "whole day" or "ok".
                   Bad{"day=Wed&start=&end=&preference=ok", "start: required"},
                   Bad{"day=Wed&end=12:00&preference=ok", "start: required"},
                   Bad{"day=Wed&start=09:00&end=&preference=ok", "end: required"},
                   Bad{"day=Wed&start=09:00&end=12:00&preference=", "preference: required"},
                   Bad{"start=09:00&end=12:00&preference=ok", "day: required"}}) {
    CAPTURE(bad.fields);
    auto r = w.post_as(me, "/me/availability", bad.fields);
    CHECK(r.status == 400);
    CHECK(has(r.body, bad.names));
    CHECK(store::availability::windows(*w.db, w.volunteers[0]).size() == 1);
    CHECK(store::availability::exceptions(*w.db, w.volunteers[0]).empty());
  }
  // Without the form token, nothing.
  CHECK(w.post("/me/availability", "day=Sun&start=09:00&end=12:00", me.cookie).status == 403);

  // Another volunteer cannot remove it; its owner can.
  auto other = w.sign_in("V2", "1357");
  auto path = "/me/availability/" + std::to_string(windows[0].id.value) + "/remove";
  CHECK(w.post_as(other, path).status == 404);
  CHECK(w.post_as(other, "/me/availability/999999/remove").status == 404);
  CHECK(store::availability::windows(*w.db, w.volunteers[0]).size() == 1);
  CHECK(w.post_as(me, path).status == 303);
  CHECK(store::availability::windows(*w.db, w.volunteers[0]).empty());
  CHECK(w.audit("availability", windows[0].id.value).back().action == "remove");
}

TEST_CASE("forgotten check-out: the volunteer answers the kiosk's question on their phone") {
  MyWorld w;
  w.roster(w.volunteers[0]);
  kiosk::Ledger ledger(*w.db, "test");
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T08:55"));
  auto closed = ledger.auto_close_due(w.at("2023-05-02T12:00"));
  REQUIRE(closed.size() == 1);
  const auto id = std::to_string(closed[0].id.value);

  auto me = w.sign_in("V1", "2468");
  auto page = w.get("/me", me.cookie);
  CHECK(has(page.body, "Mon 2023-05-01 09:00–12:00: you did not check out"));
  CHECK(has(page.body, "Checked in at 08:55 at I城, for 交通劝导."));
  CHECK(has(page.body, "action=\"/me/forgotten/" + id + "\""));
  CHECK(has(page.body, R"(value="12:00")"));  // the shift's end, as the kiosk offers it

  // Another volunteer's session is no question of theirs.
  auto other = w.sign_in("V2", "1357");
  CHECK(w.post_as(other, "/me/forgotten/" + id, "left=12:10").status == 404);
  CHECK_FALSE(store::sessions::get(*w.db, closed[0].id)->proposed_out);
  // Not a time: refused, naming the answer.
  auto bad = w.post_as(me, "/me/forgotten/" + id, "left=soon");
  CHECK(bad.status == 400);
  CHECK(has(bad.body, "When did you leave"));
  CHECK_FALSE(store::sessions::get(*w.db, closed[0].id)->proposed_out);

  // Before the check-in's time of day reads as the next day's: longer than the station's longest
  // session (12 h), refused, not proposed (08:00 the next day; 20:56 is 12 h 1 min).
  for (const char* late : {"left=08:00", "left=20:56", "left=08:54"}) {
    CAPTURE(late);
    auto too_long = w.post_as(me, "/me/forgotten/" + id, late);
    CHECK(too_long.status == 400);
    CHECK(has(too_long.body, "the station&apos;s longest session is 12 h 00 min"));
    CHECK_FALSE(store::sessions::get(*w.db, closed[0].id)->proposed_out);
  }
  auto ok = w.post_as(me, "/me/forgotten/" + id, "left=12:10");
  CHECK(ok.status == 200);
  CHECK(has(ok.body, "recorded for the coordinator"));
  CHECK(store::sessions::get(*w.db, closed[0].id)->proposed_out == w.at("2023-05-01T12:10"));
  auto rows = w.audit("session", closed[0].id.value);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.back().action == "volunteer_answer");
  CHECK(rows.back().actor == "web volunteer V1");
  // Answered: asked no more.
  CHECK_FALSE(has(w.get("/me", me.cookie).body, "you did not check out"));
  CHECK(w.post_as(me, "/me/forgotten/" + id, "left=12:00").status == 404);
}

TEST_CASE("forgotten check-out: an answer in the future is refused by the ledger's limits") {
  MyWorld w;
  kiosk::Ledger ledger(*w.db, "test");
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-07-03T08:00"));  // a walk-in today
  auto closed = ledger.auto_close_due(w.at("2023-07-04T12:00"));
  REQUIRE(closed.size() == 1);
  auto me = w.sign_in("V1", "2468");
  CHECK(has(w.get("/me", me.cookie).body, "Mon 2023-07-03 from 08:00: you did not check out"));
  const auto path = "/me/forgotten/" + std::to_string(closed[0].id.value);
  auto later = w.post_as(me, path, "left=11:00");  // it is 10:00 now
  CHECK(later.status == 400);
  CHECK(has(later.body, "must be between the check-in"));
  CHECK_FALSE(store::sessions::get(*w.db, closed[0].id)->proposed_out);
  CHECK(w.post_as(me, path, "left=09:40").status == 200);
  CHECK(store::sessions::get(*w.db, closed[0].id)->proposed_out == w.at("2023-07-03T09:40"));
}

TEST_CASE("forgotten check-out: two forgotten sessions are told apart by date, time and place") {
  MyWorld w;
  w.roster(w.volunteers[0]);
  kiosk::Ledger ledger(*w.db, "test");
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T08:55"));  // the shift, Mon
  ledger.auto_close_due(w.at("2023-05-02T12:00"));
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-08T14:10"));  // a walk-in, Mon
  REQUIRE(ledger.auto_close_due(w.at("2023-05-09T12:00")).size() == 1);
  auto me = w.sign_in("V1", "2468");
  auto page = w.get("/me", me.cookie).body;
  CHECK(has(page, "Mon 2023-05-01 09:00–12:00: you did not check out"));
  CHECK(has(page, "Checked in at 08:55 at I城, for 交通劝导."));
  CHECK(has(page, "Mon 2023-05-08 from 14:10: you did not check out"));
  CHECK(has(page, "Checked in at 14:10 at I城, a walk-in (no shift)."));
  auto zh = w.get("/me?lang=zh", me.cookie).body;
  CHECK(has(zh, "周一 2023-05-01 09:00–12:00：您没有签退"));
  CHECK(has(zh, "签到时间 08:55，地点：I城，项目：交通劝导。"));
  CHECK(has(zh, "周一 2023-05-08 14:10 起：您没有签退"));
}

TEST_CASE("availability: a window over another of the same weekday is refused, naming it") {
  MyWorld w;
  auto me = w.sign_in("V1", "2468");
  REQUIRE(
      w.post_as(me, "/me/availability", "day=Sat&start=09:00&end=12:00&preference=prefer").status ==
      303);
  const auto first = store::availability::windows(*w.db, w.volunteers[0]).at(0).id.value;
  const auto count = [&] { return store::availability::windows(*w.db, w.volunteers[0]).size(); };
  auto same = w.post_as(me, "/me/availability", "day=Sat&start=09:00&end=12:00&preference=ok");
  CHECK(same.status == 400);
  CHECK(has(same.body, "the weekly window W" + std::to_string(first) +
                           " (Sat 09:00–12:00, preferred) already offers this time"));
  auto over = w.post_as(me, "/me/availability", "day=Sat&start=11:00&end=14:00&preference=avoid");
  CHECK(over.status == 400);
  CHECK(has(over.body, "overlaps the weekly window W" + std::to_string(first)));
  CHECK(has(over.body, R"(value="11:00")"));  // the form keeps what they typed
  auto zh = w.post_as(me, "/me/availability?lang=zh", "day=Sat&start=08:00&end=09:30");
  CHECK(zh.status == 400);
  CHECK(has(zh.body, "重叠"));
  CHECK(count() == 1);
  // Touching is no overlap; another weekday is none either.
  CHECK(w.post_as(me, "/me/availability", "day=Sat&start=12:00&end=15:00").status == 303);
  CHECK(w.post_as(me, "/me/availability", "day=Sun&start=09:00&end=12:00").status == 303);
  CHECK(count() == 3);
  // Another volunteer's windows are no obstacle.
  auto other = w.sign_in("V2", "1357");
  CHECK(w.post_as(other, "/me/availability", "day=Sat&start=09:00&end=12:00").status == 303);
}

TEST_CASE("certificate: the volunteer downloads the CLI's certificate for a quarter") {
  MyWorld w;
  w.roster(w.volunteers[0]);
  kiosk::Ledger ledger(*w.db, "test");
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T08:55"));
  ledger.check_out(w.volunteers[0], w.at("2023-05-01T12:05"));
  auto me = w.sign_in("V1", "2468");

  auto chooser = w.get("/me/certificate", me.cookie);
  CHECK(chooser.status == 200);
  CHECK(has(chooser.body, R"(<option value="2023Q2" selected>)"));  // the last full quarter

  auto html = w.get("/me/certificate?quarter=2023Q2&format=html", me.cookie);
  REQUIRE(html.status == 200);
  CHECK(html.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(html.header("Content-Disposition") == "attachment; filename=\"certificate-2023Q2.html\"");
  CHECK(has(html.body, "Volunteer Service Certificate"));
  CHECK(has(html.body, "张三1"));
  // Readable on a phone; a volunteer is told to ask the coordinator, not a command they cannot run.
  CHECK(has(html.body, R"(<meta name="viewport" content="width=device-width, initial-scale=1">)"));
  CHECK(has(html.body, "ask your station's coordinator"));
  CHECK_FALSE(has(html.body, "vstation certificate issue"));
  auto text = w.get("/me/certificate?quarter=2023Q2&format=text", me.cookie);
  CHECK(has(text.body, "ask your station's coordinator"));
  CHECK_FALSE(has(text.body, "vstation certificate issue"));
  auto zh = w.get("/me/certificate?quarter=2023Q2&format=text&lang=zh", me.cookie);
  CHECK(has(zh.body, "请联系服务站站长出具"));
  // Only the formats the form offers: any other is refused, never served as HTML.
  for (const char* format : {"pdf", "HTML", "", "xlsx", "text%00"}) {
    CAPTURE(format);
    auto r = w.get(std::string("/me/certificate?quarter=2023Q2&format=") + format, me.cookie);
    CHECK(r.status == 400);
    CHECK((has(r.body, "is not one of html or text") || has(r.body, "control character")));
    CHECK_FALSE(r.header("Content-Disposition"));
  }
  CHECK(text.header("Content-Type") == "text/plain; charset=utf-8");
  CHECK(text.header("Content-Disposition") == "attachment; filename=\"certificate-2023Q2.txt\"");
  auto range = w.get("/me/certificate?from=2023-04-15&to=2023-05-15&format=text", me.cookie);
  CHECK(range.header("Content-Disposition") ==
        "attachment; filename=\"certificate-2023-04-15_2023-05-15.txt\"");

  // A quarter without service is a friendly page; bad input names the field.
  auto empty = w.get("/me/certificate?quarter=2023Q1", me.cookie);
  CHECK(empty.status == 200);
  CHECK(has(empty.body, "no credited service from 2023-01-01 to 2023-03-31"));
  CHECK_FALSE(empty.header("Content-Disposition"));
  CHECK(w.get("/me/certificate?quarter=2023Q5", me.cookie).status == 400);
  auto backwards = w.get("/me/certificate?from=2023-05-01&to=2023-04-01", me.cookie);
  CHECK(backwards.status == 400);
  CHECK(has(backwards.body, "To: "));
  // Another volunteer gets their own (empty) record, never V1's.
  auto other = w.sign_in("V2", "1357");
  auto theirs = w.get("/me/certificate?quarter=2023Q2", other.cookie);
  CHECK_FALSE(has(theirs.body, "张三1"));
  CHECK(w.get("/me/certificate?quarter=2023Q2").status == 303);  // signed out: sign in first
}

TEST_CASE("calendar feed: a private link with reminders, replaced and revoked") {
  MyWorld w;
  Shift next = w.shift;
  next.time = {w.at("2023-07-05T09:00"), w.at("2023-07-05T12:00")};
  next.id = store::shifts::insert(*w.db, next);
  Assignment a;
  a.shift = next.id;
  a.volunteer = w.volunteers[0];
  store::assignments::insert(*w.db, a);
  auto me = w.sign_in("V1", "2468");

  auto page = w.get("/me/calendar", me.cookie);
  CHECK(has(page.body, "Create my calendar link"));
  auto token_of = [](const std::string& body) {
    std::smatch m;
    REQUIRE(std::regex_search(body, m,
                              std::regex("http://vs\\.example/calendar/([0-9a-f]{64})\\.ics")));
    return m[1].str();
  };
  auto made = w.post_as(me, "/me/calendar");
  REQUIRE(made.status == 200);
  const std::string token = token_of(made.body);
  CHECK(has(made.body, "webcal://vs.example/calendar/" + token + ".ics"));
  // A Copy button, shown by a script file (CSP: no inline script); without it the link stays a
  // read-only field to select.
  CHECK(has(made.body, R"(<script src="/static/copy.js" defer></script>)"));
  CHECK(has(made.body, R"(data-copy="feed-url")"));
  CHECK(has(made.body, R"(id="feed-url" class="url" readonly value="http://vs.example/calendar/)"));
  CHECK(has(made.body, "Copy the link</button>"));
  auto js = w.get("/static/copy.js");
  CHECK(js.status == 200);
  CHECK(js.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(has(js.body, "clipboard"));
  auto feed = store::web::feed_of(*w.db, w.volunteers[0]);
  REQUIRE(feed);
  CHECK(w.audit("calendar_feed", feed->id.value).front().actor == "web volunteer V1");
  // Shown once: the page later says a link exists, without it.
  page = w.get("/me/calendar", me.cookie);
  CHECK(has(page.body, "You have a calendar link"));
  CHECK_FALSE(has(page.body, token));
  CHECK_FALSE(has(page.body, "copy.js"));  // nothing to copy

  auto ics = w.get("/calendar/" + token + ".ics");  // no cookie: the token is the key
  REQUIRE(ics.status == 200);
  CHECK(ics.header("Content-Type") == "text/calendar; charset=utf-8");
  CHECK(has(ics.body, "BEGIN:VEVENT"));
  CHECK(has(ics.body, "BEGIN:VALARM"));
  CHECK(has(ics.body, "TRIGGER:-PT60M"));
  CHECK(has(ics.body, "DTSTART:20230705T010000Z"));
  CHECK_FALSE(has(ics.body, "张三"));  // it names no one
  CHECK_FALSE(has(ics.body, "V1"));
  CHECK(w.get("/calendar/" + std::string(64, 'a') + ".ics").status == 404);
  CHECK(w.get("/calendar/" + token).status == 404);
  CHECK(w.get("/calendar/x.ics").status == 404);

  // Replace: the old link stops, the new one works; revoke: none works.
  const std::string second = token_of(w.post_as(me, "/me/calendar").body);
  CHECK(second != token);
  CHECK(w.get("/calendar/" + token + ".ics").status == 404);
  CHECK(w.get("/calendar/" + second + ".ics").status == 200);
  CHECK(w.post_as(me, "/me/calendar/revoke").status == 200);
  CHECK(w.get("/calendar/" + second + ".ics").status == 404);
  CHECK_FALSE(store::web::feed_of(*w.db, w.volunteers[0]));
  CHECK(has(w.get("/me/calendar", me.cookie).body, "Create my calendar link"));
}

TEST_CASE("GET /api/v1/me: the figures of the volunteer's page; the pages share a navigation") {
  MyWorld w;
  w.roster(w.volunteers[0]);
  kiosk::Ledger ledger(*w.db, "test");
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T08:55"));
  ledger.check_out(w.volunteers[0], w.at("2023-05-01T12:05"));
  auto me = w.sign_in("V1", "2468");
  auto api = w.get("/api/v1/me", me.cookie);
  REQUIRE(api.status == 200);
  CHECK(api.header("Content-Type") == "application/json; charset=utf-8");
  CHECK(has(api.body, R"("number":"V1")"));
  CHECK(has(api.body, R"("quarter":"2023Q3")"));
  CHECK(has(api.body, R"("quarter_minutes":0)"));
  CHECK(
      has(api.body, R"("total_minutes":)" + std::to_string(ledger.total_minutes(w.volunteers[0]))));
  CHECK(has(api.body, R"("stars":0)"));
  // The way to the next star level, by the thresholds the reports count with (StarLevels).
  CHECK(has(api.body, R"("next_level":{"from_hours":100,"level":1,"minutes_left":5820})"));
  auto mine = w.get("/me", me.cookie).body;
  CHECK(has(mine, "97.0 h more to the next level (★☆☆☆☆, from 100 h)"));
  CHECK(has(w.get("/me?lang=zh", me.cookie).body,
            "再服务 97.0 小时可达下一星级（★☆☆☆☆，100 小时起）"));
  CHECK(w.get("/api/v1/me").status == 401);
  for (const char* path : {"/me", "/me/availability", "/me/calendar", "/me/certificate"}) {
    CAPTURE(path);
    auto page = w.get(path, me.cookie);
    CHECK(has(page.body, R"(<nav class="pages")"));
    CHECK(has(page.body, std::string("href=\"") + path + "\" aria-current=\"page\""));
    CHECK(has(page.body, R"(href="/shifts")"));
  }
  CHECK_FALSE(has(w.get("/signin").body, "<nav"));  // not for strangers
}

TEST_CASE("WeChat's browser: the pages that hand something outside say how to open a browser") {
  MyWorld w;
  kiosk::Ledger ledger(*w.db, "test");
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T08:55"));
  ledger.check_out(w.volunteers[0], w.at("2023-05-01T12:05"));
  auto me = w.sign_in("V1", "2468");
  constexpr const char* kWeChat =
      "Mozilla/5.0 (Linux; Android 13; M2102J2SC) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/5235 MMWEBSDK/20230701 "
      "MMWEBID/1234 MicroMessenger/8.0.40.2420(0x28002837) WeChat/arm64 Weixin NetType/WIFI "
      "Language/zh_CN ABI/arm64";
  auto as = [&](std::string path, const char* agent) {
    auto r = MyWorld::request("GET", std::move(path), me.cookie);
    if (agent) r.headers["user-agent"] = agent;
    return w.app.handle(r);
  };
  for (const char* page : {"/me/calendar", "/me/certificate", "/me/calendar?lang=zh"}) {
    CAPTURE(page);
    auto in_wechat = as(page, kWeChat);
    CHECK(in_wechat.status == 200);
    CHECK((has(in_wechat.body, "Open in Browser") || has(in_wechat.body, "在浏览器中打开")));
    auto elsewhere = as(page, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)");
    CHECK_FALSE(has(elsewhere.body, "WeChat"));
    CHECK_FALSE(has(elsewhere.body, "微信"));
  }
  // WeChat saves no downloads: there the certificate opens as a page; elsewhere it downloads.
  const std::string cert = "/me/certificate?quarter=2023Q2&format=html";
  CHECK(as(cert, kWeChat).header("Content-Disposition") ==
        "inline; filename=\"certificate-2023Q2.html\"");
  CHECK(as(cert, nullptr).header("Content-Disposition") ==
        "attachment; filename=\"certificate-2023Q2.html\"");
  // Shown as a page, its own stylesheet is admitted by its hash, and only there.
  auto csp = as(cert, kWeChat).header("Content-Security-Policy").value_or("");
  CHECK(std::regex_search(csp, std::regex("style-src 'sha256-[A-Za-z0-9+/]{43}='; ")));
  CHECK(has(as("/me/certificate", kWeChat).header("Content-Security-Policy").value_or(""),
            "style-src 'self'; "));
  CHECK_FALSE(has(as("/me/certificate?quarter=2023Q2&format=text", kWeChat)
                      .header("Content-Security-Policy")
                      .value_or(""),
                  "sha256"));
}
