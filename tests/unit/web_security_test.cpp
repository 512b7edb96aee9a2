// The web face's safety net, through App::handle and walking the route table, so that every
// route a page module adds is covered without a new test: another volunteer's objects, the CSRF
// token on every POST, replayed and fixed session cookies, sessions of volunteers retired or
// suspended since, static-file traversal, markup in names on every page, and no personal data
// in any link or redirect. Runs on SQLite (web_tests) and PostgreSQL (web_tests_pg).
//
// Adding a route with a path parameter? Say in path_objects() below what its parameter names:
// a volunteer's own object (the tests then check another volunteer is refused it) or one anyone
// may use; a route whose parameter is not listed fails "every path parameter is accounted for".

#include <doctest/doctest.h>

#include <functional>
#include <regex>

#include "kiosk_fixture.hpp"
#include "sessions.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/web/app.hpp"
#include "web_fixture.hpp"

using namespace vstation;
using web::Access;
using web::Request;
using web::Response;

namespace {

constexpr Instant kNow{1'688'349'600};  // 2023-07-03 10:00 in the station's zone
constexpr const char* kMarkupName = "<script>alert(1)</script>张伟";
constexpr const char* kPhone = "13912345678";

// A signed-in browser: its cookie header and the CSRF token its POSTs carry.
struct Browser {
  std::string cookie;  // "vs_session=…"
  std::string csrf;
};

struct SecurityWorld : KioskWorld {
  web::App app{[this] {
                 return store::open_database(path, {false, false});
               },
               web::Config{std::nullopt, [] { return kNow; }}};
  int signins = 0;

  SecurityWorld() {
    for (auto v : volunteers) store::identity::set_pin_hash(*db, v, kiosk::hash_pin("2468"));
    auto v = *store::volunteers::get(*db, volunteers[0]);
    v.name = kMarkupName;
    v.phone = kPhone;
    store::volunteers::update(*db, v);
  }

  static Request request(std::string method, std::string target, std::string cookie = "") {
    Request r;
    r.method = std::move(method);
    auto q = target.find('?');
    if (q != std::string::npos) r.query = web::parse_urlencoded(target.substr(q + 1));
    r.path = web::path_decode(target.substr(0, q));  // as the server does
    r.headers["host"] = "127.0.0.1:8080";
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    r.remote = "127.0.0.1";
    return r;
  }
  Response get(const std::string& target, const std::string& cookie = "") const {
    return app.handle(request("GET", target, cookie));
  }
  // A POST with a form body; the CSRF token, if any, in the X-CSRF-Token header.
  Response post(const std::string& target, const std::string& cookie, const std::string& csrf,
                const std::string& body = "") const {
    auto r = request("POST", target, cookie);
    r.headers["content-type"] = "application/x-www-form-urlencoded";
    if (!csrf.empty()) r.headers["x-csrf-token"] = csrf;
    r.body = body;
    return app.handle(r);
  }

  // Volunteer `i` (0: the one with markup in their name) signs in through the API.
  Browser sign_in(std::size_t i) {
    return api_signin("/api/v1/signin",
                      R"({"number": "V)" + std::to_string(i + 1) + R"(", "pin": "2468"})",
                      "10.0.0.");
  }

  // Signs in through a JSON API route, from an address of its own (clear of the per-address
  // limit); the browser carries the session cookie and the CSRF token the answer gave.
  Browser api_signin(const std::string& path, const std::string& body, const std::string& net) {
    auto r = request("POST", path);
    r.headers["content-type"] = "application/json";
    r.body = body;
    r.remote = net + std::to_string(++signins);
    auto out = app.handle(r);
    REQUIRE(out.status == 200);
    Browser b;
    b.cookie = cookie_of(out);
    auto at = out.body.find(R"("csrf_token":")");
    REQUIRE(at != std::string::npos);
    b.csrf = out.body.substr(at + 14, 64);
    return b;
  }

  // A paired kiosk tablet's session, made as pairing makes it.
  Browser device() {
    auto token = kiosk::new_secret_token();
    auto id = store::web::pair_device(*db, station.id, "desk tablet",
                                      web::detail::sha256_hex(kiosk::new_secret_token()), kNow);
    store::web::NewWebSession s{web::detail::sha256_hex(token),
                                web::detail::sha256_hex(web::detail::csrf_for(token)), id, kNow};
    store::web::create_session(*db, s);
    return {"vs_session=" + token, web::detail::csrf_for(token)};
  }

  bool signed_in(const Browser& b) const { return get("/api/v1/session", b.cookie).status == 200; }

  // A coordinator of the station signed in through the staff API (the account made once).
  Browser staff() {
    if (!store::staff::by_login(*db, "walker"))
      store::staff::add(*db, {"walker", "", StaffRole::coordinator, station.id,
                              kiosk::hash_password("walker's password"), kNow});
    return api_signin("/api/v1/staff/signin",
                      R"({"login": "walker", "password": "walker's password"})", "10.0.1.");
  }
  bool staff_signed_in(const Browser& b) const {
    return get("/api/v1/staff/me", b.cookie).status == 200;
  }

  // Volunteer V1, a paired tablet and a coordinator, signed in: who walks the route table. `of`
  // is the one a route lets in (the volunteer where anyone may come).
  struct Callers {
    Browser volunteer, device, staff;
    [[nodiscard]] const Browser& of(Access access) const {
      return access == Access::device ? device : access == Access::staff ? staff : volunteer;
    }
  };
  Callers callers() { return {sign_in(0), device(), staff()}; }
  // Nothing ended their sessions (sign-out among requests refused, say).
  void check_still_signed_in(const Callers& c) const {
    CHECK(signed_in(c.volunteer));
    CHECK(signed_in(c.device));
    CHECK(staff_signed_in(c.staff));
  }
};

// What a route's path parameter names. `make` gives the value to put in the path, making the
// object if need be: for `owner` when the object is a volunteer's own (owned), else one anyone
// may use.
struct PathObject {
  bool owned = false;
  std::function<std::string(SecurityWorld&, VolunteerId owner)> make;
};

std::string shift_of(SecurityWorld& w, VolunteerId) {
  return std::to_string(w.shift.id.value);
}

std::string placed_on_shift(SecurityWorld& w, VolunteerId owner) {
  Assignment a;
  a.shift = w.shift.id;
  a.volunteer = owner;
  a.source = AssignmentSource::manual;
  try {
    store::assignments::insert(*w.db, a);
  } catch (const DataError&) {  // placed already, for the other route naming the same place
  }
  return std::to_string(w.shift.id.value);
}

std::string availability_window(SecurityWorld& w, VolunteerId owner) {
  AvailabilityWindow win;
  win.volunteer = owner;
  win.day = Weekday::tue;
  win.start = parse_time_of_day("09:00");
  win.end = parse_time_of_day("12:00");
  store::availability::insert_window(*w.db, win);
  return std::to_string(store::availability::windows(*w.db, owner).back().id.value);
}

// A session of the owner's closed by the kiosk's sweep, awaiting their answer.
std::string forgotten_session(SecurityWorld& w, VolunteerId owner) {
  Session s;
  s.volunteer = owner;
  s.station = w.station.id;
  s.shift = w.shift.id;
  s.project = w.shift.project;
  s.raw_in = s.effective_in = w.shift.time.begin;
  s.raw_out = s.effective_out = Instant{w.shift.time.end.seconds + 6 * 3600};
  s.status = SessionStatus::auto_closed;
  return std::to_string(store::sessions::insert(*w.db, s).value);
}

// A volunteer, as a coordinator of the station sees them (the owner: the markup in their name).
std::string some_volunteer(SecurityWorld&, VolunteerId owner) {
  return std::to_string(owner.value);
}

// Every route pattern with a path parameter, by pattern. Add yours here.
const std::map<std::string, PathObject>& path_objects() {
  static const std::map<std::string, PathObject> objects{
      {"/static/{file}", {false, [](SecurityWorld&, VolunteerId) { return "app.css"; }}},
      // A station, as a staff account's scope allows (web_staff_test.cpp: another station's).
      {"/api/v1/staff/stations/{id}",
       {false, [](SecurityWorld& w, VolunteerId) { return std::to_string(w.station.id.value); }}},
      // An issued certificate's serial, as a staff account's scope allows
      // (web_staff_reports_test.cpp: another station's); a made-up one is unknown.
      {"/staff/certificates/{serial}",
       {false, [](SecurityWorld&, VolunteerId) { return "ICITY-2023-000001"; }}},
      // A volunteer of the coordinator's station (web_volunteers_test.cpp: another station's).
      {"/staff/volunteers/{id}", {false, some_volunteer}},
      {"/api/v1/staff/volunteers/{id}", {false, some_volunteer}},
      {"/staff/volunteers/{id}/reveal", {false, some_volunteer}},
      {"/staff/volunteers/{id}/badge", {false, some_volunteer}},
      {"/staff/volunteers/{id}/pin", {false, some_volunteer}},
      {"/api/v1/staff/volunteers/{id}/reveal", {false, some_volunteer}},
      // A session awaiting the coordinator's review, as the account's scope allows
      // (web_today_test.cpp: another station's is 404 and left unchanged).
      {"/staff/review/{id}/confirm", {false, forgotten_session}},
      {"/staff/review/{id}/fix", {false, forgotten_session}},
      {"/staff/review/{id}/reject", {false, forgotten_session}},
      {"/calendar/{file}", {false, [](SecurityWorld&, VolunteerId) { return "unknown.ics"; }}},
      // Anyone may ask to sign up for a shift; the rules decide.
      {"/shifts/{id}/signup", {false, shift_of}},
      {"/api/v1/shifts/{id}/signup", {false, shift_of}},
      // Cancelling names the owner's place on the shift.
      {"/shifts/{id}/cancel", {true, placed_on_shift}},
      {"/api/v1/shifts/{id}/cancel", {true, placed_on_shift}},
      {"/me/availability/{id}/remove", {true, availability_window}},
      {"/me/forgotten/{id}", {true, forgotten_session}},
      // The station's rotating code and the kiosk's one-time sign-in code: no one's object (a
      // made-up one is refused as stale or unknown).
      {"/c/{code}", {false, [](SecurityWorld&, VolunteerId) { return "00000000000000000000"; }}},
      {"/s/{code}", {false, [](SecurityWorld&, VolunteerId) { return std::string(32, '0'); }}},
  };
  return objects;
}

// The pattern with its parameters filled in for volunteer `self` ("1" where nothing is known).
std::string fill(SecurityWorld& w, const std::string& pattern, VolunteerId self) {
  if (pattern.find('{') == std::string::npos) return pattern;
  auto it = path_objects().find(pattern);
  std::string value = it != path_objects().end() ? it->second.make(w, self) : "1";
  return std::regex_replace(pattern, std::regex(R"(\{[^}]*\})"), value);
}

bool is_html(const Response& r) {
  return r.header("Content-Type").value_or("").rfind("text/html", 0) == 0;
}

// Every URL a response points to: its Location header and the href, src, action and
// formaction attributes of its HTML.
std::vector<std::string> urls_in(const Response& r) {
  std::vector<std::string> out;
  if (auto l = r.header("Location")) out.push_back(*l);
  if (!is_html(r)) return out;
  static const std::regex attr(R"re((?:href|src|action|formaction)\s*=\s*["']([^"']*)["'])re",
                               std::regex::icase);
  for (std::sregex_iterator it(r.body.begin(), r.body.end(), attr), end; it != end; ++it)
    out.push_back((*it)[1]);
  return out;
}

// None of the volunteer's personal data in a URL, plain or percent-encoded.
void check_no_personal_data(const Response& r) {
  for (const auto& url : urls_in(r)) {
    CAPTURE(url);
    auto plain = web::url_decode(url);
    for (const std::string& secret : {std::string("张伟"), std::string("alert"),
                                      std::string(kPhone), std::string(kPhone).substr(3)})
      CHECK(plain.find(secret) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("every path parameter is accounted for") {
  SecurityWorld w;
  for (const auto& r : w.app.route_table()) {
    if (r.pattern.find('{') == std::string::npos) continue;
    CAPTURE(r.pattern);
    CHECK_MESSAGE(path_objects().count(r.pattern),
                  "say in web_security_test.cpp's path_objects() what this parameter names");
  }
}

TEST_CASE("another volunteer's objects are refused (403 or 404) and not shown") {
  SecurityWorld w;
  auto owner = w.sign_in(0);
  auto intruder = w.sign_in(1);
  // The session is an object too: another volunteer cannot end it, not even with its token,
  // nor use its token with their own cookie, and the API names only the caller.
  CHECK(w.post("/api/v1/signout", intruder.cookie, owner.csrf).status == 403);
  CHECK(w.post("/signout", intruder.cookie, "", "csrf=" + owner.csrf).status == 403);
  CHECK(w.signed_in(owner));
  CHECK(w.signed_in(intruder));
  auto them = w.get("/api/v1/session", intruder.cookie);
  CHECK(them.body.find(R"("number":"V2")") != std::string::npos);
  CHECK(them.body.find(owner.csrf) == std::string::npos);
  CHECK(w.get("/me", intruder.cookie).body.find("张伟") == std::string::npos);
  // Every route naming a volunteer's own object, every method: the intruder is refused.
  for (const auto& r : w.app.route_table()) {
    auto it = path_objects().find(r.pattern);
    if (it == path_objects().end() || !it->second.owned) continue;
    const std::string target = fill(w, r.pattern, w.volunteers[0]);
    CAPTURE(r.method + " " + target);
    auto out = r.method == "GET" ? w.get(target, intruder.cookie)
                                 : w.post(target, intruder.cookie, intruder.csrf);
    CHECK((out.status == 403 || out.status == 404));
    CHECK(out.body.find("张伟") == std::string::npos);
    CHECK(out.body.find(kPhone) == std::string::npos);
    if (r.method == "GET") CHECK(w.get(target, owner.cookie).status == 200);
  }
}

TEST_CASE("every POST without the CSRF token is refused, and changes nothing") {
  SecurityWorld w;
  const auto signed_in = w.callers();
  const auto& [volunteer, device, staff] = signed_in;
  auto other = w.sign_in(1);
  int checked = 0;
  for (const auto& r : w.app.route_table()) {
    if (r.method != "POST") continue;
    const std::string target = fill(w, r.pattern, w.volunteers[0]);
    CAPTURE(target);
    if (r.access == Access::anyone) {
      // No session to carry a token (signing in): another site's form is refused instead.
      auto cross = SecurityWorld::request("POST", target);
      cross.headers["origin"] = "https://evil.example";
      CHECK(w.app.handle(cross).status == 403);
      continue;
    }
    std::vector<const Browser*> callers;
    if (r.access == Access::staff) {
      callers.push_back(&staff);
    } else {
      if (r.access != Access::device) callers.push_back(&volunteer);
      if (r.access != Access::volunteer) callers.push_back(&device);
    }
    for (const Browser* b : callers) {
      CAPTURE((b == &device ? "device" : b == &staff ? "staff" : "volunteer"));
      for (const std::string& token : {std::string(), other.csrf, std::string(64, '0')}) {
        auto out = w.post(target, b->cookie, token, token.empty() ? "" : "csrf=" + token);
        CHECK(out.status == 403);
        if (target.rfind("/api/", 0) == 0) {
          CHECK(out.body.find(R"("code":"csrf")") != std::string::npos);
          CHECK(out.body.find("X-CSRF-Token header") != std::string::npos);  // what to send
        }
        check_no_personal_data(out);
        ++checked;
      }
    }
  }
  CHECK(checked > 0);
  w.check_still_signed_in(signed_in);  // sign-out was among the refused
}

TEST_CASE("every POST whose body is not a form (nor JSON, for the API) is refused 415, naming it") {
  SecurityWorld w;
  const auto signed_in = w.callers();
  int checked = 0;
  for (const auto& r : w.app.route_table()) {
    if (r.method != "POST") continue;
    const std::string target = fill(w, r.pattern, w.volunteers[0]);
    const bool api = target.rfind("/api/", 0) == 0;
    CAPTURE(target);
    const Browser& b = signed_in.of(r.access);
    // A JSON body (a page) or plain text (the API), with the right token: not read as a form
    // with no fields, which would say the form expired.
    auto req = SecurityWorld::request("POST", target, b.cookie);
    req.body = api ? "csrf=" + b.csrf : R"({"csrf":")" + b.csrf + R"("})";
    req.headers["content-type"] = api ? "text/plain; charset=utf-8" : "application/json";
    req.headers["x-csrf-token"] = b.csrf;
    auto out = w.app.handle(req);
    CHECK(out.status == 415);
    CHECK(out.body.find(api ? "text/plain" : "application/json") != std::string::npos);
    CHECK(out.body.find("expired") == std::string::npos);
    // No type at all, with a body.
    req.headers.erase("content-type");
    CHECK(w.app.handle(req).status == 415);
    ++checked;
  }
  CHECK(checked > 0);
  w.check_still_signed_in(signed_in);
}

TEST_CASE("no volunteer or tablet reaches a staff route, and no staff session any other") {
  SecurityWorld w;
  const auto signed_in = w.callers();
  const auto& [volunteer, device, staff] = signed_in;
  int checked = 0;
  for (const auto& r : w.app.route_table()) {
    if (r.access == Access::anyone) continue;
    const std::string target = fill(w, r.pattern, w.volunteers[0]);
    std::vector<const Browser*> outsiders;
    if (r.access == Access::staff)
      outsiders = {&volunteer, &device};
    else
      outsiders = {&staff};
    for (const Browser* b : outsiders) {
      CAPTURE(r.method + " " + target);
      CAPTURE((b == &device ? "device" : b == &staff ? "staff" : "volunteer"));
      auto out = r.method == "GET" ? w.get(target, b->cookie) : w.post(target, b->cookie, b->csrf);
      if (target.rfind("/api/", 0) == 0) {
        CHECK(out.status == 401);
      } else {
        CHECK(out.status == 303);
        auto to = out.header("Location").value_or("");
        if (r.access == Access::staff) CHECK(to == "/staff/signin");
        if (b == &staff) CHECK(to != "/signin");
      }
      ++checked;
    }
  }
  CHECK(checked > 0);
  w.check_still_signed_in(signed_in);
}

TEST_CASE("a cookie replayed after sign-out, or one the server never issued, is no session") {
  SecurityWorld w;
  auto by_form = w.sign_in(1);
  CHECK(w.post("/signout", by_form.cookie, "", "csrf=" + by_form.csrf).status == 303);
  auto by_api = w.sign_in(1);
  auto out = w.post("/api/v1/signout", by_api.cookie, by_api.csrf);
  CHECK(out.status == 204);
  CHECK(out.header("Set-Cookie").value_or("").find("Max-Age=0") != std::string::npos);
  auto device = w.device();
  CHECK(w.post("/api/v1/signout", device.cookie, device.csrf).status == 204);
  std::vector<std::string> cookies{by_form.cookie,
                                   by_api.cookie,
                                   device.cookie,
                                   "vs_session=" + std::string(64, 'a'),
                                   "vs_session=" + std::string(64, 'Z'),
                                   "vs_session=" + std::string(65, 'a'),
                                   "vs_session=",
                                   "vs_session=" + by_api.csrf};  // its CSRF token is no cookie
  for (const auto& cookie : cookies) {
    CAPTURE(cookie);
    CHECK(w.get("/me", cookie).status == 303);
    CHECK(w.get("/me", cookie).header("Location") == "/signin");
    auto api = w.get("/api/v1/session", cookie);
    CHECK(api.status == 401);
    CHECK(api.body.find(R"("code":"signed_out")") != std::string::npos);
    CHECK(w.post("/api/v1/signout", cookie, by_api.csrf).status == 401);
  }
}

TEST_CASE("a volunteer retired or suspended since signing in is signed out") {
  SecurityWorld w;
  for (auto status : {VolunteerStatus::retired, VolunteerStatus::suspended}) {
    CAPTURE(code_of(status));
    // Changed behind the library's back (straight in the database) …
    auto b = w.sign_in(1);
    w.db->execute("UPDATE volunteers SET status = ? WHERE number = 'V2'",
                  store::params(std::string(code_of(status))));
    CHECK(w.get("/me", b.cookie).status == 303);
    CHECK(w.get("/api/v1/session", b.cookie).status == 401);
    w.db->execute("UPDATE volunteers SET status = 'active' WHERE number = 'V2'");
    // … or as the CLI changes it: the session is gone for good.
    b = w.sign_in(1);
    auto v = *store::volunteers::get(*w.db, w.volunteers[1]);
    v.status = status;
    store::volunteers::update(*w.db, v);
    v.status = VolunteerStatus::active;
    store::volunteers::update(*w.db, v);
    CHECK(w.get("/api/v1/session", b.cookie).status == 401);
  }
}

TEST_CASE("the API signs in by the form's rules: JSON or form body, wrong PIN, lockout, limit") {
  SecurityWorld w;
  auto signin = [&](std::string body, std::string type, std::string remote = "10.1.0.1") {
    auto r = SecurityWorld::request("POST", "/api/v1/signin");
    r.headers["content-type"] = std::move(type);
    r.body = std::move(body);
    r.remote = std::move(remote);
    return w.app.handle(r);
  };
  const std::string json = "application/json";
  auto ok = signin("number=V2&pin=2468", "application/x-www-form-urlencoded");
  CHECK(ok.status == 200);
  CHECK(ok.body.find(R"("kind":"volunteer")") != std::string::npos);
  CHECK(ok.header("Set-Cookie").value_or("").find("HttpOnly") != std::string::npos);
  auto no_pin = signin(R"({"number": "V2"})", json);
  CHECK(no_pin.status == 400);
  CHECK(no_pin.body.find("PIN: required.") != std::string::npos);
  auto not_json = signin("not json", json);
  CHECK(not_json.status == 400);
  CHECK(not_json.body.find("The body is not a JSON object") != std::string::npos);
  auto number = signin(R"({"number": "V2", "pin": 2468})", json);
  CHECK(number.status == 400);
  CHECK(number.body.find("'pin' must be a string") != std::string::npos);
  CHECK(signin(R"({"number": "V9", "pin": "2468"})", json).status == 401);
  for (int i = 1; i <= 4; ++i) {
    auto wrong = signin(R"({"number": "V3", "pin": "0000"})", json);
    CHECK(wrong.status == 401);
    CHECK(wrong.body.find(R"("code":"wrong_credentials")") != std::string::npos);
  }
  CHECK(signin(R"({"number": "V3", "pin": "0000"})", json).status == 403);
  auto locked = signin(R"({"number": "V3", "pin": "2468"})", json);
  CHECK(locked.status == 403);
  CHECK(locked.body.find(R"("code":"locked_out")") != std::string::npos);
  // The per-address limit counts the form's and the API's attempts together.
  for (int i = 0; i < 20; ++i) {
    auto form = SecurityWorld::request("POST", "/signin");
    form.headers["content-type"] = "application/x-www-form-urlencoded";
    form.body = "number=V9&pin=1111";
    form.remote = "10.9.9.9";
    CHECK(w.app.handle(form).status == 401);
  }
  auto limited = signin(R"({"number": "V2", "pin": "2468"})", json, "10.9.9.9");
  CHECK(limited.status == 429);
  CHECK(limited.body.find(R"("code":"rate_limited")") != std::string::npos);
}

TEST_CASE("static files: traversal in every spelling finds nothing") {
  SecurityWorld w;
  CHECK(w.get("/static/app.css").status == 200);
  const std::string overlong(5000, 'a');
  for (const std::string& target :
       std::vector<std::string>{"/static/../CMakeLists.txt",
                                "/static/%2e%2e/%2e%2e/etc/passwd",
                                "/static/%2E%2E%2Fapp.css",
                                "/static/..%2f..%2fetc%2fpasswd",
                                "/static/%252e%252e%252fetc%252fpasswd",
                                "/static/..%5c..%5cetc%5cpasswd",
                                "/static/..\\..\\etc\\passwd",
                                "/static/%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
                                "/static/%e0%80%ae%e0%80%ae/etc/passwd",
                                "/static/app.css%00",
                                "/static/app.css%00.png",
                                "/static/%00",
                                "/static/./app.css",
                                "/static//app.css",
                                "/static/app.css/",
                                "/static/APP.CSS",
                                "/static/" + overlong,
                                "/static/" + overlong + "/../app.css",
                                "/./static/app.css",
                                "//static/app.css",
                                "/static/%2fetc%2fpasswd",
                                "/static/~/.bashrc"}) {
    CAPTURE(target);
    auto out = w.get(target);
    CHECK(out.status == 404);
    CHECK(out.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("every page shows a name holding markup as text, and no URL holds personal data") {
  SecurityWorld w;
  const auto signed_in = w.callers();
  int pages = 0;
  for (const auto& r : w.app.route_table()) {
    if (r.method != "GET") continue;
    const std::string target = fill(w, r.pattern, w.volunteers[0]);
    const std::string& cookie = signed_in.of(r.access).cookie;
    for (std::string lang : {"en", "zh"}) {
      CAPTURE(target);
      CAPTURE(lang);
      auto out = w.get(target + "?lang=" + lang, cookie);
      CHECK(out.status < 500);
      if (out.status < 300 || out.status >= 400) CHECK(out.header("Content-Type").has_value());
      if (is_html(out)) {
        CHECK(out.body.find("<script>alert") == std::string::npos);
        CHECK(out.body.find("</script>张伟") == std::string::npos);
        ++pages;
      }
      check_no_personal_data(out);
    }
  }
  CHECK(pages > 0);
  // The volunteer's own page does show the name, escaped.
  CHECK(w.get("/me", signed_in.volunteer.cookie).body.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("the kiosk tablet never reaches a volunteer's pages, and no volunteer signs in on it") {
  SecurityWorld w;
  auto tablet = w.device();
  for (const char* path : {"/", "/signin", "/me", "/shifts"}) {
    CAPTURE(path);
    auto r = w.get(path, tablet.cookie);
    CHECK(r.status == 303);
    CHECK(r.header("Location") == "/kiosk");
  }
  auto in = w.post("/signin", tablet.cookie, tablet.csrf, "number=V1&pin=2468");
  CHECK(in.status == 403);
  CHECK(in.header("Set-Cookie").value_or("").find("vs_session=") == std::string::npos);
  CHECK(w.signed_in(tablet));  // still the tablet's session
}

TEST_CASE("a redirect goes only to a plain path on this site: no header of the client's, no host") {
  SecurityWorld w;
  // Each would add a header (CR, LF), reach another host once a browser drops a tab or reads a
  // backslash as '/', or is not a path at all.
  const std::vector<std::string> hostile{"/me%0d%0aSet-Cookie:%20vs_session=aaaa",
                                         "/me%0aX-Injected:%201",
                                         "/me%0d",
                                         "/%09/evil.example",
                                         "/%0a/evil.example",
                                         "//evil.example",
                                         "/%5cevil.example",
                                         "/\\evil.example",
                                         "/me%00",
                                         "/me%20x",
                                         "/%e4%bd%a0",
                                         "https://evil.example/",
                                         "evil",
                                         ""};
  for (const auto& back : hostile) {
    CAPTURE(back);
    auto out = w.get("/lang?to=zh&back=" + back);
    if (first_forbidden(web::url_decode(back))) {  // no field may hold a control character
      CHECK(out.status == 400);
      CHECK_FALSE(out.header("Location"));
    } else {
      CHECK(out.status == 303);
      CHECK(out.header("Location") == "/");
    }
    // After sign-in, from the cookie a scanned code leaves (url-encoded, as the site writes it).
    auto in = w.post("/signin", "vs_back=" + web::url_encode(web::url_decode(back)), "",
                     "number=V2&pin=2468");
    CHECK(in.status == 303);
    CHECK(in.header("Location") == "/me");
    for (const auto& [name, value] : in.headers) CHECK(web::header_value_ok(value));
  }
  CHECK(w.get("/lang?to=en&back=/staff/week%3Fweek%3D2024-W23").header("Location") ==
        "/staff/week?week=2024-W23");
}

TEST_CASE("a database another process holds answers 503 with Retry-After, and changes nothing") {
  SecurityWorld w;
  if (w.db->backend() != "sqlite") return;  // SQLite's whole-file write lock; PostgreSQL locks rows
  auto writer = store::open_database(w.path, {false, false});
  writer->begin();
  writer->execute("UPDATE settings SET value = value WHERE key = 'nothing'");
  auto page = w.post("/signin", "", "", "number=V2&pin=2468");
  CHECK(page.status == 503);
  CHECK(page.header("Retry-After") == "5");
  CHECK(page.body.find("Nothing was changed") != std::string::npos);
  auto r = w.request("POST", "/api/v1/signin");
  r.headers["content-type"] = "application/json";
  r.headers["accept-language"] = "zh-CN";
  r.body = R"({"number": "V2", "pin": "2468"})";
  auto api = w.app.handle(r);
  CHECK(api.status == 503);
  CHECK(api.body.find(R"("code":"busy")") != std::string::npos);
  CHECK(api.body.find("未作任何更改") == std::string::npos);  // its own words, in Chinese
  CHECK(api.body.find("本次操作未生效") != std::string::npos);
  writer->rollback();
  CHECK(w.post("/signin", "", "", "number=V2&pin=2468").status == 303);
}

TEST_CASE("Accept-Language: the language weighed most of the two the site speaks") {
  using web::accept_language;
  CHECK(accept_language("zh-CN,zh;q=0.9,en;q=0.8") == Lang::zh);
  CHECK(accept_language("en;q=0.1, zh;q=0.9") == Lang::zh);
  CHECK(accept_language("zh-CN;q=0, en") == Lang::en);
  CHECK(accept_language("zh-CN;q=0") == Lang::en);
  CHECK(accept_language("fr-FR, de;q=0.8") == Lang::en);
  CHECK(accept_language("fr, ZH-TW;q=0.5") == Lang::zh);
  CHECK(accept_language("en;q=0.9,zh;q=0.9") == Lang::en);  // a tie: the first
  CHECK(accept_language("zh;q=abc, en;q=0.2") == Lang::en);       // a weight that is no number
  CHECK(accept_language("zh;q=2") == Lang::en);
  CHECK(accept_language("zhx, enx") == Lang::en);
  CHECK(accept_language("") == Lang::en);
  CHECK(accept_language(",,;;q=,") == Lang::en);
  CHECK(accept_language("*") == Lang::en);
}
