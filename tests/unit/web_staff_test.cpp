// Staff accounts on the web face (issue 16): sign-in with login and password, the address limit
// and the PIN lockout's rule, retired accounts, the route table's staff gate (roles, and no
// volunteer or tablet on a staff page nor staff on theirs), CSRF, the scope rule on an object
// loaded by id, the API's staff routes and the audit actor. Runs on SQLite and PostgreSQL.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "routes.hpp"
#include "sessions.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/web/app.hpp"
#include "web_staff_fixture.hpp"

using namespace vstation;
using web::Request;
using web::Response;

namespace {

struct StaffPagesWorld : StaffWorld {
  StaffPagesWorld() { store::identity::set_pin_hash(*db, volunteers[0], kiosk::hash_pin("2468")); }
};

}  // namespace

TEST_CASE("staff sign in with login and password, see who they are, and sign out") {
  StaffPagesWorld w;
  auto form = w.get("/staff/signin");
  CHECK(form.status == 200);
  CHECK(form.body.find("Login name") != std::string::npos);
  CHECK(w.get("/staff/signin?lang=zh").body.find("登录名") != std::string::npos);
  auto in = w.post("/staff/signin", "login=Alice&password=correct+horse+battery");
  REQUIRE(in.status == 303);
  CHECK(in.header("Location") == "/staff");
  auto cookie = cookie_of(in);
  REQUIRE(cookie.size() == std::string("vs_session=").size() + 64);
  auto home = w.get("/staff", cookie);
  REQUIRE(home.status == 200);
  CHECK(home.body.find("Alice Wang (alice)") != std::string::npos);
  CHECK(home.body.find("I城 (icity)") != std::string::npos);
  CHECK(home.body.find(R"(<a href="/staff" aria-current="page">Home</a>)") != std::string::npos);
  CHECK(w.get("/staff?lang=zh", cookie).body.find("站长") != std::string::npos);
  CHECK(w.get("/", cookie).header("Location") == "/staff");
  auto csrf = csrf_in(home.body);
  REQUIRE(csrf.size() == 64);
  CHECK(w.post("/staff/signout", "", cookie).status == 403);  // no form token
  CHECK(w.get("/staff", cookie).status == 200);
  auto out = w.post("/staff/signout", "csrf=" + csrf, cookie);
  CHECK(out.status == 303);
  CHECK(out.header("Location") == "/staff/signin");
  CHECK(w.get("/staff", cookie).header("Location") == "/staff/signin");
  // The district sees every station.
  auto dora = w.sign_in("dora");
  CHECK(w.get("/staff", dora).body.find("every station") != std::string::npos);
}

TEST_CASE("a wrong password, an unknown login and a retired account get the same answer") {
  StaffPagesWorld w;
  auto wrong = w.post("/staff/signin", "login=alice&password=not+the+password");
  CHECK(wrong.status == 401);
  CHECK(wrong.body.find("Wrong login name or password.") != std::string::npos);
  CHECK(cookie_of(wrong).empty());
  auto unknown = w.post("/staff/signin", "login=zed&password=correct+horse+battery");
  CHECK(unknown.status == 401);
  CHECK(unknown.body.find("Wrong login name or password.") != std::string::npos);
  CHECK(w.post("/staff/signin", "login=alice").status == 400);
  // Retired: refused, and the session it had ends at once.
  auto cookie = w.sign_in("sue");
  CHECK(w.get("/staff", cookie).status == 200);
  store::staff::retire(*w.db, store::staff::by_login(*w.db, "sue")->id, w.now);
  CHECK(w.get("/staff", cookie).header("Location") == "/staff/signin");
  CHECK(w.get("/api/v1/staff/me", cookie).status == 401);
  auto retired = w.post("/staff/signin", "login=sue&password=correct+horse+battery");
  CHECK(retired.status == 401);
  CHECK(retired.body.find("Wrong login name or password.") != std::string::npos);
}

TEST_CASE("five wrong passwords lock the account for five minutes, as the volunteers' PIN") {
  StaffPagesWorld w;
  for (int i = 0; i < 4; ++i)
    CHECK(w.post("/staff/signin", "login=alice&password=wrong+password").status == 401);
  auto fifth = w.post("/staff/signin", "login=alice&password=wrong+password");
  CHECK(fifth.status == 403);
  CHECK(fifth.body.find("locked until 10:05") != std::string::npos);
  auto zh = w.app.handle([&] {
    auto r = web_request("POST", "/staff/signin", "lang=zh",
                         "login=alice&password=correct+horse+battery");
    return r;
  }());
  CHECK(zh.status == 403);  // even the right password, while locked
  CHECK(zh.body.find("锁定至 10:05") != std::string::npos);
  CHECK(w.post("/staff/signin", "login=bob&password=correct+horse+battery").status == 303);
  w.now.seconds += 5 * 60;
  CHECK(w.post("/staff/signin", "login=alice&password=correct+horse+battery").status == 303);
}

TEST_CASE("staff sign-in names a field left out, and does not count it as a failure") {
  StaffWorld w;
  for (const char* body :
       {"password=x", "login=&password=x", "login=alice", "login=alice&password="}) {
    CAPTURE(body);
    auto r = w.post("/staff/signin", body);
    CHECK(r.status == 400);
    CHECK(r.body.find(std::string(body).find("login=alice") == 0
                          ? "Password: required."
                          : "Login name: required.") != std::string::npos);
  }
  for (int i = 0; i < 25; ++i) CHECK(w.post("/staff/signin", "login=alice").status == 400);
  w.sign_in("alice");  // neither the address nor the account was held against
}

TEST_CASE("an address failing staff sign-ins twenty times in ten minutes waits") {
  StaffPagesWorld w;
  for (int i = 0; i < 20; ++i)
    CHECK(w.post("/staff/signin", "login=nobody" + std::to_string(i) + "&password=xxxxxxxxxx")
              .status == 401);
  auto limited = w.post("/staff/signin", "login=alice&password=correct+horse+battery");
  CHECK(limited.status == 429);
  CHECK(w.post("/signin", "number=V1&pin=2468").status == 303);  // the volunteers' own count
  auto api = w.app.handle([] {
    auto r = web_request("POST", "/api/v1/staff/signin", "",
                         R"({"login": "alice", "password": "correct horse battery"})");
    r.headers["content-type"] = "application/json";
    return r;
  }());
  CHECK(api.status == 429);
  CHECK(api.header("Retry-After") == "600");
  w.now.seconds += 599;  // the first failure is still in the window
  auto still = w.post("/staff/signin", "login=alice&password=correct+horse+battery");
  CHECK(still.status == 429);
  CHECK(still.header("Retry-After") == "1");
  w.now.seconds += 1;
  CHECK(w.post("/staff/signin", "login=alice&password=correct+horse+battery").status == 303);
  // Another site's form is refused before anything is counted.
  auto cross = web_request("POST", "/staff/signin", "", "login=alice&password=x");
  cross.headers["origin"] = "https://evil.example";
  CHECK(w.app.handle(cross).status == 403);
}

TEST_CASE("staff pages are for staff only; staff never reach a volunteer's or the tablet's") {
  StaffPagesWorld w;
  auto volunteer = cookie_of(w.post("/signin", "number=V1&pin=2468"));
  REQUIRE(!volunteer.empty());
  auto staff = w.sign_in("alice");
  CHECK(w.get("/staff").header("Location") == "/staff/signin");
  CHECK(w.get("/staff", volunteer).header("Location") == "/staff/signin");
  CHECK(w.get("/api/v1/staff/me").status == 401);
  CHECK(w.get("/api/v1/staff/me", volunteer).status == 401);
  CHECK(w.get("/me", staff).header("Location") == "/staff");
  CHECK(w.get("/shifts", staff).header("Location") == "/staff");
  CHECK(w.get("/api/v1/session", staff).status == 401);
  CHECK(w.get("/kiosk", staff).header("Location") == "/kiosk/pair");
  CHECK(w.post("/signout", "", staff).header("Location") == "/staff");
  CHECK(w.get("/staff", staff).status == 200);  // still signed in
  // The kiosk tablet is sent back to work, and no staff member signs in on it (its pairing
  // would be lost).
  auto token = kiosk::new_secret_token();
  auto device = store::web::pair_device(*w.db, w.station.id, "desk",
                                        web::detail::sha256_hex(kiosk::new_secret_token()), w.now);
  store::web::create_session(
      *w.db, {web::detail::sha256_hex(token), web::detail::sha256_hex(web::detail::csrf_for(token)),
              device, w.now});
  const std::string tablet = "vs_session=" + token;
  CHECK(w.get("/staff", tablet).header("Location") == "/staff/signin");
  CHECK(w.get("/staff/signin", tablet).header("Location") == "/kiosk");
  auto on_tablet = w.app.handle([&] {
    auto r =
        web_request("POST", "/staff/signin", tablet, "login=alice&password=correct+horse+battery");
    r.headers["x-csrf-token"] = web::detail::csrf_for(token);
    return r;
  }());
  CHECK(on_tablet.status == 403);
  CHECK(cookie_of(on_tablet).empty());
  CHECK(w.get("/kiosk", tablet).status == 200);  // still paired
  // Sent to sign in from a staff page: back there afterwards (a staff page only).
  auto sent = w.get("/staff");
  auto back = cookie_of(sent, "vs_staff_back");
  CHECK(back == "vs_staff_back=%2Fstaff");
  // A back path that may not be a header (a NUL, a tab, another host): home instead, signed in.
  for (const char* cookie : {"vs_staff_back=%2Fstaff%2Fweek%00", "vs_staff_back=%2Fstaff%2Fa%09b",
                             "vs_staff_back=%2F%2Fevil.example%2Fstaff%2F"}) {
    auto in = w.post("/staff/signin", "login=alice&password=correct+horse+battery", cookie);
    CHECK(in.status == 303);
    CHECK(in.header("Location") == "/staff");
  }
  auto in = w.post("/staff/signin", "login=alice&password=correct+horse+battery",
                   "vs_staff_back=%2Fstaff%2Fweek");
  CHECK(in.header("Location") == "/staff/week");
}

TEST_CASE("the table's gate: staff routes admit the roles they list, 403 for the others") {
  using web::detail::Gate;
  StaffPagesWorld w;
  web::detail::Route coordinators{
      "GET", "/staff/week", web::Access::staff, {}, StaffRoles{StaffRole::coordinator}};
  web::detail::Route reports{"GET",
                             "/staff/reports",
                             web::Access::staff,
                             {},
                             StaffRoles{StaffRole::secretary, StaffRole::district}};
  web::detail::Route volunteers_only{"GET", "/me", web::Access::volunteer, {}, {}};
  auto session_of = [&](const std::string& login) {
    auto account = *store::staff::by_login(*w.db, login);
    web::detail::SignedIn s{{}, ""};
    s.session.principal = account.id;
    return std::pair{std::optional<web::detail::SignedIn>(s), std::optional<StaffAccount>(account)};
  };
  auto [alice, alice_account] = session_of("alice");
  auto [sue, sue_account] = session_of("sue");
  auto [dora, dora_account] = session_of("dora");
  CHECK(gate(coordinators, alice, alice_account) == Gate::admit);
  CHECK(gate(coordinators, sue, sue_account) == Gate::wrong_role);
  CHECK(gate(coordinators, dora, dora_account) == Gate::wrong_role);
  CHECK(gate(reports, alice, alice_account) == Gate::wrong_role);
  CHECK(gate(reports, sue, sue_account) == Gate::admit);
  CHECK(gate(reports, dora, dora_account) == Gate::admit);
  CHECK(gate(volunteers_only, alice, alice_account) == Gate::wrong_kind);
  CHECK(gate(coordinators, std::nullopt, std::nullopt) == Gate::wrong_kind);
  web::detail::SignedIn v{{}, ""};
  v.session.principal = w.volunteers[0];
  CHECK(gate(coordinators, v, std::nullopt) == Gate::wrong_kind);
  auto retired = alice_account;
  retired->retired = w.now;
  CHECK(gate(coordinators, alice, retired) == Gate::wrong_kind);
  // Every staff route in the real table lists at least one role.
  int staff_routes = 0;
  for (const auto& r : w.app.route_table())
    if (r.access == web::Access::staff) {
      CHECK_FALSE(r.roles.empty());
      ++staff_routes;
    }
  CHECK(staff_routes >= 4);
}

TEST_CASE("a coordinator sees only their station's objects; the district every station's") {
  StaffPagesWorld w;
  auto alice = w.sign_in("alice");
  auto bob = w.sign_in("bob");
  auto dora = w.sign_in("dora");
  const std::string own = "/api/v1/staff/stations/" + std::to_string(w.station.id.value);
  const std::string theirs = "/api/v1/staff/stations/" + std::to_string(w.other.value);
  CHECK(w.get(own, alice).status == 200);
  CHECK(w.get(own, alice).body.find(R"("code":"icity")") != std::string::npos);
  auto refused = w.get(theirs, alice);
  CHECK(refused.status == 404);
  CHECK(refused.body.find("bcity") == std::string::npos);
  CHECK(w.get(theirs, bob).status == 200);
  CHECK(w.get(own, bob).status == 404);
  CHECK(w.get(own, dora).status == 200);
  CHECK(w.get(theirs, dora).status == 200);
  CHECK(w.get("/api/v1/staff/stations/999", dora).status == 404);
  CHECK(w.get("/api/v1/staff/stations/abc", dora).status == 404);
}

TEST_CASE("the API: staff sign in with JSON, see themselves, sign out with the token") {
  StaffPagesWorld w;
  auto r = web_request("POST", "/api/v1/staff/signin", "",
                       R"({"login": "alice", "password": "correct horse battery"})");
  r.headers["content-type"] = "application/json";
  auto in = w.app.handle(r);
  REQUIRE(in.status == 200);
  CHECK(in.body.find(R"("role":"coordinator")") != std::string::npos);
  auto at = in.body.find(R"("csrf_token":")");
  REQUIRE(at != std::string::npos);
  auto csrf = in.body.substr(at + 14, 64);
  auto cookie = cookie_of(in);
  auto me = w.get("/api/v1/staff/me", cookie);
  CHECK(me.status == 200);
  CHECK(me.body.find(R"("login":"alice")") != std::string::npos);
  CHECK(me.body.find(R"("code":"icity")") != std::string::npos);
  r.body = R"({"login": "alice", "password": "wrong wrong wrong"})";
  auto wrong = w.app.handle(r);
  CHECK(wrong.status == 401);
  CHECK(wrong.body.find(R"("code":"wrong_credentials")") != std::string::npos);
  auto out = web_request("POST", "/api/v1/staff/signout", cookie);
  CHECK(w.app.handle(out).status == 403);  // no token
  out.headers["x-csrf-token"] = csrf;
  CHECK(w.app.handle(out).status == 204);
  CHECK(w.get("/api/v1/staff/me", cookie).status == 401);
}

TEST_CASE("a change made by a staff account names it in the audit trail (sessions history)") {
  StaffPagesWorld w;
  auto cookie = w.sign_in("alice");
  auto token = cookie.substr(std::string("vs_session=").size());
  auto request = web_request("GET", "/staff", cookie);
  web::detail::Ctx c{*w.db,        request, w.station,    w.now,       Lang::en,
                     std::nullopt, {},      std::nullopt, std::nullopt};
  c.session = web::detail::current_session(*w.db, request, w.now);
  REQUIRE(c.session);
  CHECK(c.actor() == "web coordinator alice");  // also before the table loads the account
  c.staff_account = store::staff::by_login(*w.db, "alice");
  CHECK(c.actor() == "web coordinator alice");
  CHECK(c.staff_sees(w.station.id));
  CHECK_FALSE(c.staff_sees(w.other));
  // What `vstation sessions history` prints is the audit trail of the session: the actor as is.
  kiosk::Ledger ledger(*w.db, c.actor());
  auto in = ledger.check_in(w.volunteers[1], w.station.id, w.at("2023-05-01T09:00"));
  auto rejected = ledger.reject(in.session.id, w.now, "never came");
  auto rows = store::audit::of(*w.db, "session", rejected.id.value);
  REQUIRE(!rows.empty());
  CHECK(rows.back().actor == "web coordinator alice");
}
