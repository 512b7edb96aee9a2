// The coordinator's volunteers on the web face (issue 16 point 4): the masked list and its
// search and pages, a volunteer's page, one field revealed with the coordinator's password (its
// audit row, the lockout and the address limit it shares with staff sign-in), badge reissue and
// PIN reset, another station's volunteers out of reach, and refusals that change nothing. Runs on
// SQLite and PostgreSQL.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/text/width.hpp"
#include "vstation/web/app.hpp"
#include "web_staff_fixture.hpp"

using namespace vstation;
using web::Response;

namespace {

constexpr const char* kIdNumber = "E12345678";

struct PeopleWorld : StaffWorld {
  VolunteerId theirs;  // a volunteer of the other station
  PeopleWorld() {
    auto v1 = *store::volunteers::get(*db, volunteers[0]);
    v1.id_type = IdDocType::passport;
    v1.id_number = kIdNumber;
    store::volunteers::update(*db, v1);
    Volunteer b1;
    b1.number = "B1";
    b1.name = "李四";
    b1.phone = "13900000009";
    b1.join_date = parse_date("2023-03-01");
    b1.home_station = other;
    theirs = store::volunteers::insert(*db, b1);
    store::identity::set_pin_hash(*db, theirs, kiosk::hash_pin("1111"));
  }
  std::string page_of(VolunteerId v) const {
    return "/staff/volunteers/" + std::to_string(v.value);
  }
  // A POST from the volunteer's page, with the page's form token.
  Response act(const std::string& cookie, VolunteerId v, const std::string& what,
               const std::string& fields) const {
    auto csrf = csrf_in(get(page_of(volunteers[0]), cookie).body);
    return post(page_of(v) + "/" + what, "csrf=" + csrf + "&" + fields, cookie);
  }
  std::size_t audit_rows(VolunteerId v) const {
    return store::audit::of(*db, "volunteer", v.value).size();
  }
};

bool has(const Response& r, const std::string& s) {
  return r.body.find(s) != std::string::npos;
}

}  // namespace

TEST_CASE("the coordinator's list: their station's volunteers, masked, searched, in pages") {
  PeopleWorld w;
  auto alice = w.sign_in("alice");
  auto list = w.get("/staff/volunteers", alice);
  REQUIRE(list.status == 200);
  CHECK(has(list, "张三1"));
  CHECK(has(list, text::mask_phone("13800000001")));
  CHECK_FALSE(has(list, "13800000001"));
  CHECK(has(list, text::mask_id_number(kIdNumber)));
  CHECK_FALSE(has(list, kIdNumber));
  CHECK_FALSE(has(list, "李四"));  // another station's
  CHECK(has(list, R"(<a href="/staff/volunteers" aria-current="page">Volunteers</a>)"));
  CHECK(has(list, R"(<label for="q">)"));
  CHECK(has(w.get("/staff/volunteers?lang=zh", alice), "编号或姓名"));
  // By number (any case), by name, by skill.
  auto v2 = w.get("/staff/volunteers?q=v2", alice);
  CHECK(has(v2, "张三2"));
  CHECK_FALSE(has(v2, "张三1"));
  CHECK(has(w.get("/staff/volunteers?q=" + web::url_encode("三3"), alice), "张三3"));
  Skill aid;
  aid.code = "first_aid";
  aid.name_en = "First aid";
  aid.name_zh = "急救";
  aid.id = store::skills::insert(*w.db, aid);
  store::skills::add_certification(*w.db, {w.volunteers[2], aid.id, parse_date("2023-01-01"), {}});
  auto skilled = w.get("/staff/volunteers?skill=first_aid", alice);
  CHECK(has(skilled, "张三3"));
  CHECK_FALSE(has(skilled, "张三1"));
  CHECK(has(w.get("/staff/volunteers?q=nobody", alice), "No volunteer matches."));
  // A search longer than the field's 64 characters is cut at a character, never inside one.
  std::string long_q;
  for (int i = 0; i < 70; ++i) long_q += "刘";
  auto cut = w.get("/staff/volunteers?q=" + web::url_encode(long_q), alice);
  CHECK(has(cut, "value=\"" + long_q.substr(0, 64 * 3) + "\""));
  // Pages, and the JSON list.
  auto first = w.get("/staff/volunteers?per_page=2", alice);
  CHECK(has(first, "Page 1 of 2"));
  CHECK(has(first, R"(href="/staff/volunteers?page=2&amp;per_page=2")"));
  // A page past the last says so and leads back to the last, rather than "No volunteer matches".
  auto past = w.get("/staff/volunteers?per_page=2&page=1000000", alice);
  CHECK(has(past, "Page 1000000 is past the last: 3 volunteers match, on 2 page(s)."));
  CHECK(has(past, R"(href="/staff/volunteers?page=2&amp;per_page=2" rel="prev")"));
  CHECK_FALSE(has(past, "No volunteer matches."));
  // A page or page size that is no number is named, not read as the first page.
  for (const char* q : {"page=abc", "page=0", "page=2x", "per_page=-5", "per_page=1e3"}) {
    auto bad = w.get(std::string("/staff/volunteers?") + q, alice);
    CHECK_MESSAGE(bad.status == 400, q);
    CHECK(has(bad, "is not a number (a whole number above 0)."));
    CHECK(w.get(std::string("/api/v1/staff/volunteers?") + q, alice).status == 400);
  }
  CHECK(has(w.get("/staff/volunteers?page=abc", alice), "Page: &apos;abc&apos;"));
  auto empty = w.get("/staff/volunteers?page=&per_page=", alice);  // a form's empty fields
  CHECK(empty.status == 200);
  CHECK(has(empty, "张三3"));
  auto api = w.get("/api/v1/staff/volunteers?per_page=2&page=2", alice);
  REQUIRE(api.status == 200);
  CHECK(has(api, R"("total":3)"));
  CHECK(has(api, R"("number":"V3")"));
  CHECK(has(api, R"("skills":["first_aid"])"));
  CHECK_FALSE(has(api, R"("number":"V1")"));
  auto all = w.get("/api/v1/staff/volunteers", alice);
  CHECK(has(all, text::mask_phone("13800000001")));
  CHECK_FALSE(has(all, "13800000001"));
  CHECK_FALSE(has(all, "B1"));
  // Bob sees his station's only.
  auto bob = w.get("/api/v1/staff/volunteers", w.sign_in("bob"));
  CHECK(has(bob, R"("total":1)"));
  CHECK(has(bob, "李四"));
}

TEST_CASE("the secretary has no volunteers' pages: 403, and no entry in the bar") {
  PeopleWorld w;
  auto sue = w.sign_in("sue");
  CHECK(w.get("/staff/volunteers", sue).status == 403);
  CHECK(w.get("/api/v1/staff/volunteers", sue).status == 403);
  CHECK(w.get(w.page_of(w.volunteers[0]), sue).status == 403);
  CHECK_FALSE(has(w.get("/staff", sue), "/staff/volunteers"));
}

TEST_CASE("a volunteer's page: figures, shifts, sessions; another station's volunteer is 404") {
  PeopleWorld w;
  auto alice = w.sign_in("alice");
  Shift next = w.shift;
  next.time = {w.at("2023-07-05T09:00"), w.at("2023-07-05T12:00")};
  next.id = store::shifts::insert(*w.db, next);
  Assignment a;
  a.shift = next.id;
  a.volunteer = w.volunteers[0];
  store::assignments::insert(*w.db, a);
  auto page = w.get(w.page_of(w.volunteers[0]), alice);
  // The bar marks the page it belongs under, and only that one.
  CHECK(has(page, R"(<a href="/staff/volunteers" aria-current="page">Volunteers</a>)"));
  CHECK_FALSE(has(page, R"(<a href="/staff" aria-current="page">)"));
  REQUIRE(page.status == 200);
  CHECK(has(page, "张三1"));
  CHECK(has(page, "2023-07-05 09:00–12:00"));
  CHECK(has(page, "This quarter (2023Q3)"));
  CHECK(has(page, text::mask_phone("13800000001")));
  CHECK_FALSE(has(page, "13800000001"));
  CHECK(has(page, R"(<label for="password">)"));
  CHECK(has(w.get(w.page_of(w.volunteers[0]) + "?lang=zh", alice), "本季度"));
  auto api = w.get("/api/v1/staff/volunteers/" + std::to_string(w.volunteers[0].value), alice);
  REQUIRE(api.status == 200);
  CHECK(has(api, R"("quarter":"2023Q3")"));
  CHECK(has(api, R"("upcoming":[{)"));
  CHECK_FALSE(has(api, "13800000001"));
  // Station B's volunteer: as if there were none, by page and by API; and unknown ids.
  auto refused = w.get(w.page_of(w.theirs), alice);
  CHECK(refused.status == 404);
  CHECK_FALSE(has(refused, "李四"));
  auto api_refused = w.get("/api/v1/staff/volunteers/" + std::to_string(w.theirs.value), alice);
  CHECK(api_refused.status == 404);
  CHECK_FALSE(has(api_refused, "李四"));
  CHECK(w.get("/staff/volunteers/99999", alice).status == 404);
  CHECK(w.get("/staff/volunteers/abc", alice).status == 404);
  // Nor may she act on them: nothing changes, nothing is audited.
  const auto pin_before = store::identity::pin_hash(*w.db, w.theirs);
  CHECK(w.act(alice, w.theirs, "reveal", "field=phone&password=correct+horse+battery").status ==
        404);
  CHECK(w.act(alice, w.theirs, "pin", "pin=2222").status == 404);
  CHECK(w.act(alice, w.theirs, "badge", "").status == 404);
  CHECK(store::identity::pin_hash(*w.db, w.theirs) == pin_before);
  CHECK_FALSE(store::identity::badge_token(*w.db, w.theirs));
  CHECK(w.audit_rows(w.theirs) == 0);
  CHECK(w.get(w.page_of(w.theirs), w.sign_in("bob")).status == 200);
}

TEST_CASE("one field revealed with the coordinator's password, audited without the value") {
  PeopleWorld w;
  auto alice = w.sign_in("alice");
  const auto v = w.volunteers[0];
  auto shown = w.act(alice, v, "reveal", "field=phone&password=correct+horse+battery");
  REQUIRE(shown.status == 200);
  CHECK(has(shown, R"(<strong class="revealed">13800000001</strong>)"));
  CHECK_FALSE(has(shown, kIdNumber));  // one field at a time
  auto rows = store::audit::of(*w.db, "volunteer", v.value);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].actor == "web coordinator alice");
  CHECK(rows[0].action == "reveal");
  CHECK(rows[0].reason == "phone");
  CHECK(rows[0].old_value.find("1380000") == std::string::npos);
  CHECK(rows[0].new_value.find("1380000") == std::string::npos);
  auto id = w.act(alice, v, "reveal", "field=id_number&password=correct+horse+battery");
  CHECK(has(id, kIdNumber));
  CHECK_FALSE(has(id, "13800000001"));
  CHECK(w.audit_rows(v) == 2);
  // The API does the same.
  auto csrf = csrf_in(w.get(w.page_of(v), alice).body);
  auto r = web_request("POST", "/api/v1/staff/volunteers/" + std::to_string(v.value) + "/reveal",
                       alice, R"({"field": "phone", "password": "correct horse battery"})");
  r.headers["content-type"] = "application/json";
  r.headers["x-csrf-token"] = csrf;
  auto api = w.app.handle(r);
  CHECK(api.status == 200);
  CHECK(has(api, R"("value":"13800000001")"));
  CHECK(w.audit_rows(v) == 3);
  // A wrong password shows nothing and writes no reveal; no field, nothing either.
  auto wrong = w.act(alice, v, "reveal", "field=phone&password=not+my+password");
  CHECK(wrong.status == 401);
  CHECK(has(wrong, "Wrong password"));
  CHECK_FALSE(has(wrong, "13800000001"));
  CHECK(w.act(alice, v, "reveal", "field=name&password=correct+horse+battery").status == 400);
  // No password typed is said as such (and, below the lockout's five, never counted: thirty
  // of them still leave the right one working).
  for (const char* none : {"field=phone", "field=phone&password="}) {
    auto r = w.act(alice, v, "reveal", none);
    CHECK(r.status == 400);
    CHECK(has(r, "Your password: required"));
  }
  for (int i = 0; i < 30; ++i) CHECK(w.act(alice, v, "reveal", "field=phone").status == 400);
  CHECK(w.audit_rows(v) == 3);
  CHECK(w.act(alice, v, "reveal", "field=phone&password=correct+horse+battery").status == 200);
  CHECK(w.audit_rows(v) == 4);
  // Without the form token: refused by the table.
  CHECK(w.post(w.page_of(v) + "/reveal", "field=phone&password=correct+horse+battery", alice)
            .status == 403);
  CHECK(w.audit_rows(v) == 4);
}

TEST_CASE("wrong reveal passwords lock the account as wrong sign-ins do, and count per address") {
  PeopleWorld w;
  auto alice = w.sign_in("alice");
  const auto v = w.volunteers[0];
  for (int i = 0; i < 4; ++i)
    CHECK(w.act(alice, v, "reveal", "field=phone&password=wrong+wrong+wrong").status == 401);
  auto fifth = w.act(alice, v, "reveal", "field=phone&password=wrong+wrong+wrong");
  CHECK(fifth.status == 403);
  CHECK(has(fifth, "locked until 10:05"));
  auto locked = w.act(alice, v, "reveal", "field=phone&password=correct+horse+battery");
  CHECK(locked.status == 403);
  CHECK_FALSE(has(locked, "13800000001"));
  CHECK(w.post("/staff/signin", "login=alice&password=correct+horse+battery").status == 403);
  CHECK(w.audit_rows(v) == 0);
  w.now.seconds += 5 * 60;
  CHECK(w.act(alice, v, "reveal", "field=phone&password=correct+horse+battery").status == 200);
  // The address's limit is staff sign-in's: failed reveals and sign-ins add up to twenty.
  for (int i = 0; i < 13; ++i)
    CHECK(w.post("/staff/signin", "login=nobody&password=xxxxxxxxxx").status == 401);
  auto limited = w.act(alice, v, "reveal", "field=phone&password=correct+horse+battery");
  CHECK(limited.status == 429);
  CHECK(w.audit_rows(v) == 1);
}

TEST_CASE("PIN reset: a new PIN shown once or the one typed; badge reissue; audited") {
  PeopleWorld w;
  auto alice = w.sign_in("alice");
  const auto v = w.volunteers[0];
  store::identity::set_pin_hash(*w.db, v, kiosk::hash_pin("2468"));
  store::identity::set_lockout(*w.db, v, {3, std::nullopt});
  auto volunteer = cookie_of(w.post("/signin", "number=V1&pin=2468"));
  REQUIRE(!volunteer.empty());
  auto reset = w.act(alice, v, "pin", "pin=");
  REQUIRE(reset.status == 200);
  auto at = reset.body.find(R"(<p class="new-pin">)");
  REQUIRE(at != std::string::npos);
  const std::string pin = reset.body.substr(at + 19, 6);
  CHECK(kiosk::verify_pin(*store::identity::pin_hash(*w.db, v), pin));
  CHECK(store::identity::lockout(*w.db, v).failures == 0);
  CHECK(w.get("/me", volunteer).header("Location") == "/signin");  // signed out everywhere
  auto rows = store::audit::of(*w.db, "volunteer", v.value);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].action == "pin_reset");
  CHECK(rows[0].actor == "web coordinator alice");
  for (const auto& r : rows) CHECK(r.reason.find(pin) == std::string::npos);
  // A PIN typed by the coordinator; a malformed one changes nothing.
  auto typed = w.act(alice, v, "pin", "pin=1357");
  CHECK(typed.status == 200);
  CHECK(has(typed, "PIN set for V1."));
  CHECK_FALSE(has(typed, "1357"));
  CHECK(kiosk::verify_pin(*store::identity::pin_hash(*w.db, v), "1357"));
  auto bad = w.act(alice, v, "pin", "pin=12a");
  CHECK(bad.status == 400);
  CHECK(has(bad, "PIN: a PIN is 4 to 8 digits. Nothing was changed."));
  CHECK(kiosk::verify_pin(*store::identity::pin_hash(*w.db, v), "1357"));
  CHECK(w.audit_rows(v) == 2);
  // The badge: a new token, the printable badge.
  store::identity::set_badge_token(*w.db, v, std::string("OLDTOKEN"));
  auto badge = w.act(alice, v, "badge", "");
  REQUIRE(badge.status == 200);
  CHECK(has(badge, "<svg"));
  CHECK(has(badge, "V1 " + text::mask_name("张三1")));
  auto token = store::identity::badge_token(*w.db, v);
  REQUIRE(token);
  CHECK(*token != "OLDTOKEN");
  CHECK(store::audit::of(*w.db, "volunteer", v.value).back().action == "badge_reissue");
}

TEST_CASE("a name holding markup is shown as text on the list and the page") {
  PeopleWorld w;
  auto v1 = *store::volunteers::get(*w.db, w.volunteers[0]);
  v1.name = "<script>alert(1)</script>";
  store::volunteers::update(*w.db, v1);
  auto alice = w.sign_in("alice");
  for (const std::string& target : {std::string("/staff/volunteers"), w.page_of(v1.id)}) {
    auto out = w.get(target, alice);
    CAPTURE(target);
    CHECK(out.status == 200);
    CHECK_FALSE(has(out, "<script>alert"));
    CHECK(has(out, "&lt;script&gt;"));
  }
}
