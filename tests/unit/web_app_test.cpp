// The web face as a function: pages, language, static files and the headers every response
// carries, called through App::handle without a socket.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "web_fixture.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/web/app.hpp"

using namespace vstation;
using web::Request;

namespace {

struct WebWorld : KioskWorld {
  web::App app{[this] {
                 return store::open_database(path, {false, false});
               },
               web::Config{std::nullopt, [] { return Instant{1'688'349'600}; }}};
};

Request get(const std::string& target, std::map<std::string, std::string> headers = {}) {
  Request r = web_request("GET", target);
  r.headers = std::move(headers);
  return r;
}

}  // namespace

TEST_CASE("every response carries the security headers; pages are not cached") {
  WebWorld w;
  for (const char* path : {"/signin", "/nowhere", "/static/app.css", "/healthz"}) {
    auto r = w.app.handle(get(path));
    CAPTURE(path);
    CHECK(r.header("Content-Security-Policy").value_or("").find("script-src 'self'") !=
          std::string::npos);
    CHECK(r.header("Content-Security-Policy").value_or("").find("unsafe-inline") ==
          std::string::npos);
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
    CHECK(r.header("X-Frame-Options") == "DENY");
  }
  CHECK(w.app.handle(get("/signin")).header("Cache-Control") == "no-store");
}

TEST_CASE("the sign-in page speaks the browser's language, or the one chosen") {
  WebWorld w;
  auto en = w.app.handle(get("/signin"));
  CHECK(en.status == 200);
  CHECK(en.body.find("Volunteer number") != std::string::npos);
  auto zh = w.app.handle(get("/signin", {{"accept-language", "zh-CN,zh;q=0.9"}}));
  CHECK(zh.body.find("志愿者编号") != std::string::npos);
  CHECK(zh.body.find("lang=\"zh-CN\"") != std::string::npos);
  auto chosen = w.app.handle(get("/signin", {{"cookie", "a=b; lang=zh"}}));
  CHECK(chosen.body.find("志愿者编号") != std::string::npos);
  auto sw = w.app.handle(get("/lang?to=zh&back=%2Fsignin"));
  CHECK(sw.status == 303);
  CHECK(sw.header("Location") == "/signin");
  CHECK(sw.header("Set-Cookie").value_or("").rfind("lang=zh;", 0) == 0);
}

TEST_CASE("the language switch never sends the browser to another site") {
  WebWorld w;
  for (const char* back : {"https%3A%2F%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil",
                           "javascript%3Aalert(1)", ""}) {
    CAPTURE(back);
    auto r = w.app.handle(get(std::string("/lang?to=en&back=") + back));
    CHECK(r.header("Location") == "/");
  }
}

TEST_CASE("static files come from the binary only: traversal finds nothing") {
  WebWorld w;
  CHECK(w.app.handle(get("/static/app.css")).status == 200);
  for (const char* path : {"/static/../CMakeLists.txt", "/static/%2e%2e/etc/passwd", "/static/",
                           "/static/app.css/..", "/etc/passwd"}) {
    CAPTURE(path);
    CHECK(w.app.handle(get(path)).status == 404);
  }
}

TEST_CASE("form bodies and cookies are parsed as browsers send them") {
  Request r;
  r.headers["content-type"] = "application/x-www-form-urlencoded";
  r.body = "number=V0012&pin=12%2034&name=%E5%BC%A0+%E4%B8%89&bad=%zz";
  CHECK(r.form("number") == "V0012");
  CHECK(r.form("pin") == "12 34");
  CHECK(r.form("name") == "张 三");
  CHECK(r.form("bad") == "%zz");
  CHECK(web::path_decode("/a+b%2Fc%") == "/a+b/c%");  // a path keeps its plus signs
  CHECK_FALSE(r.form("missing"));
  r.headers["content-type"] = "text/plain";
  CHECK_FALSE(r.form("number"));  // only a form body is read as a form
  r.headers["cookie"] = "sid=abc; lang=zh;x=1";
  CHECK(r.cookie("sid") == "abc");
  CHECK(r.cookie("x") == "1");
  CHECK_FALSE(r.cookie("si"));
}

namespace {

Request post(const std::string& path, std::string body, const std::string& cookie = "") {
  return web_request("POST", path, cookie, std::move(body));
}

struct SignInWorld : WebWorld {
  SignInWorld() { store::identity::set_pin_hash(*db, volunteers[0], kiosk::hash_pin("2468")); }
};

}  // namespace

TEST_CASE("a volunteer signs in with number and PIN, sees their page, and signs out") {
  SignInWorld w;
  auto in = w.app.handle(post("/signin", "number=V1&pin=2468"));
  REQUIRE(in.status == 303);
  CHECK(in.header("Location") == "/me");
  auto cookie = cookie_of(in);
  REQUIRE(cookie.size() == std::string("vs_session=").size() + 64);
  auto set = in.header("Set-Cookie").value_or("");
  CHECK(set.find("HttpOnly") != std::string::npos);
  CHECK(set.find("SameSite=Strict") != std::string::npos);
  auto me = w.app.handle([&] {
    auto r = get("/me");
    r.headers["cookie"] = cookie;
    return r;
  }());
  REQUIRE(me.status == 200);
  CHECK(me.body.find("张三1") != std::string::npos);
  auto csrf = csrf_in(me.body);
  REQUIRE(csrf.size() == 64);
  // Without the form token the sign-out is refused; with it the session ends for good.
  CHECK(w.app.handle(post("/signout", "", cookie)).status == 403);
  CHECK(w.app.handle(post("/signout", "csrf=" + csrf, cookie)).status == 303);
  auto after = get("/me");
  after.headers["cookie"] = cookie;
  CHECK(w.app.handle(after).status == 303);  // back to the sign-in page
}

TEST_CASE("a page view only reads the session; its idle expiry is written at most once a minute") {
  SignInWorld w;
  const Instant start{1'688'349'600};
  Instant now = start;
  web::App app{[&] {
                 return store::open_database(w.path, {false, false});
               },
               web::Config{std::nullopt, [&] { return now; }}};
  auto cookie = cookie_of(app.handle(post("/signin", "number=V1&pin=2468")));
  REQUIRE(!cookie.empty());
  auto me = get("/me");
  me.headers["cookie"] = cookie;
  auto last_seen = [&] {
    auto s = store::web::find_session(*w.db, report::sha256_hex(cookie.substr(11)), now);
    return s ? s->last_seen.seconds : -1;
  };
  now.seconds += 59;
  CHECK(app.handle(me).status == 200);
  CHECK(last_seen() == start.seconds);  // within the minute: not written
  now.seconds += 1;
  CHECK(app.handle(me).status == 200);
  CHECK(last_seen() == start.seconds + 60);
  now.seconds += 30 * 60;  // idle for 30 minutes since the last written touch: signed out
  CHECK(app.handle(me).status == 303);
}

TEST_CASE("a cookie the server did not issue is no session; signing in replaces it") {
  SignInWorld w;
  std::string fixed = "vs_session=" + std::string(64, 'a');
  auto me = get("/me");
  me.headers["cookie"] = fixed;
  CHECK(w.app.handle(me).status == 303);
  auto in = w.app.handle(post("/signin", "number=V1&pin=2468", fixed));
  CHECK(cookie_of(in) != fixed);
}

TEST_CASE("five wrong PINs on the phone lock the volunteer out at the kiosk too") {
  SignInWorld w;
  // A wrong PIN is answered as an unknown number is: the page does not tell which numbers exist.
  const auto unknown = w.app.handle(post("/signin", "number=V404&pin=0000"));
  for (int i = 1; i <= 4; ++i) {
    auto r = w.app.handle(post("/signin", "number=V1&pin=0000"));
    CHECK(r.status == 401);
    CHECK(r.body == unknown.body);
  }
  auto fifth = w.app.handle(post("/signin", "number=V1&pin=0000"));
  CHECK(fifth.status == 403);
  CHECK(store::identity::lockout(*w.db, w.volunteers[0]).locked_until.has_value());
  // The right PIN is refused while locked.
  CHECK(w.app.handle(post("/signin", "number=V1&pin=2468")).status == 403);
}

TEST_CASE("sign-in refuses other sites' forms and too many attempts from one address") {
  SignInWorld w;
  auto cross = post("/signin", "number=V1&pin=2468");
  cross.headers["origin"] = "https://evil.example";
  CHECK(w.app.handle(cross).status == 403);
  for (int i = 0; i < 20; ++i)
    CHECK(w.app.handle(post("/signin", "number=V9&pin=1111")).status == 401);
  auto limited = w.app.handle(post("/signin", "number=V1&pin=2468"));
  CHECK(limited.status == 429);
  CHECK(limited.header("Retry-After") == "600");  // all twenty failed just now
  auto elsewhere = post("/signin", "number=V1&pin=2468");
  elsewhere.remote = "10.0.0.7";
  CHECK(w.app.handle(elsewhere).status == 303);
}

TEST_CASE("sign-in names a field left out or a PIN not of digits, and counts neither") {
  SignInWorld w;
  struct Bad {
    const char* body;
    const char* said;
  };
  for (auto bad : {Bad{"pin=2468", "Volunteer number: required."},
                   Bad{"number=&pin=2468", "Volunteer number: required."},
                   Bad{"number=%E3%80%80&pin=2468", "Volunteer number: required."},  // a space
                   Bad{"number=V1", "PIN: required."}, Bad{"number=V1&pin=", "PIN: required."},
                   Bad{"number=V1&pin=abcd", "PIN: a PIN is 4 to 8 digits."},
                   Bad{"number=V1&pin=123", "PIN: a PIN is 4 to 8 digits."}}) {
    CAPTURE(bad.body);
    auto r = w.app.handle(post("/signin", bad.body));
    CHECK(r.status == 400);
    CHECK(r.body.find(bad.said) != std::string::npos);
  }
  auto zh = post("/signin", "number=V1&pin=abcd");
  zh.headers["accept-language"] = "zh-CN";
  CHECK(w.app.handle(zh).body.find("PIN 码：PIN 码为 4 到 8 位数字。") != std::string::npos);
  // More than the address's twenty failures and the volunteer's five wrong PINs: none counted.
  for (int i = 0; i < 25; ++i)
    CHECK(w.app.handle(post("/signin", "number=V1&pin=abcd")).status == 400);
  CHECK(w.app.handle(post("/signin", "number=V1&pin=2468")).status == 303);
}

TEST_CASE("a name holding markup is shown as text") {
  SignInWorld w;
  auto v = *store::volunteers::get(*w.db, w.volunteers[0]);
  v.name = "<script>alert(1)</script>";
  store::volunteers::update(*w.db, v);
  auto me = get("/me");
  me.headers["cookie"] = cookie_of(w.app.handle(post("/signin", "number=V1&pin=2468")));
  auto page = w.app.handle(me);
  CHECK(page.body.find("<script>alert") == std::string::npos);
  CHECK(page.body.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("the poster shows the address the phones reached, never a forged host") {
  WebWorld w;
  auto r = w.app.handle(get("/poster", {{"host", "station.example:8443"}}));
  REQUIRE(r.status == 200);
  CHECK(r.body.find("http://station.example:8443/signin") != std::string::npos);
  CHECK(r.body.find("<svg") != std::string::npos);
  CHECK(r.body.find("志愿者编号") != std::string::npos);  // both languages on one poster
  auto forged = w.app.handle(get("/poster", {{"host", "evil\"><script>x</script>"}}));
  CHECK(forged.body.find("<script>x") == std::string::npos);
  CHECK(forged.body.find("evil") == std::string::npos);
}

TEST_CASE("the station and its public address are read at each request: servers never disagree") {
  WebWorld w;
  // Another process (`station edit`, `station public-url`) changes them while this server runs.
  auto before = w.app.handle(get("/poster", {{"host", "127.0.0.1:8080"}}));
  REQUIRE(before.status == 200);
  CHECK(before.body.find("http://127.0.0.1:8080/signin") != std::string::npos);
  auto other = store::open_database(w.path);
  Station st = w.station;
  st.name = "I城志愿服务站（新）";
  store::stations::update(*other, st);
  store::web::set_public_url(*other, st.id, "https://station.example.org");
  auto after = w.app.handle(get("/poster", {{"host", "127.0.0.1:8080"}}));
  CHECK(after.body.find("I城志愿服务站（新）") != std::string::npos);
  CHECK(after.body.find("https://station.example.org/signin") != std::string::npos);
  CHECK(after.body.find("127.0.0.1") == std::string::npos);
}

TEST_CASE("a known path under another method is 405; the API answers in JSON, never a page") {
  WebWorld w;
  auto put = get("/signin");
  put.method = "PUT";
  CHECK(w.app.handle(put).status == 405);
  auto api = w.app.handle(get("/api/v1/nothing-here"));
  CHECK(api.status == 404);
  CHECK(api.header("Content-Type").value_or("").find("application/json") == 0);
  CHECK(api.body.find("\"not_found\"") != std::string::npos);
}

TEST_CASE("a trusted proxy's forwarded address and scheme are believed, nobody else's") {
  auto r = get("/signin", {{"x-forwarded-for", "6.6.6.6, 203.0.113.9"},
                           {"x-forwarded-proto", "https"}});
  auto from_proxy = web::behind_proxy(r, {"127.0.0.1"});
  CHECK(from_proxy.remote == "203.0.113.9");  // the hop the proxy added, not the client's claim
  CHECK(from_proxy.tls);
  auto direct = web::behind_proxy(r, {"10.0.0.1"});
  CHECK(direct.remote == "127.0.0.1");
  CHECK_FALSE(direct.tls);
  auto junk = get("/signin", {{"x-forwarded-for", std::string(100, 'x')}});
  CHECK(web::behind_proxy(junk, {"127.0.0.1"}).remote == "127.0.0.1");
}

TEST_CASE("signing in takes full-width digits and spaces; only failures count against an address") {
  SignInWorld w;
  // A Chinese input method's full-width forms and a phone keyboard's trailing space.
  CHECK(w.app.handle(post("/signin", "number=%EF%BC%B6%EF%BC%91+&pin=%EF%BC%92468")).status == 303);
  // Thirty volunteers signing in from one station Wi-Fi are not "too many attempts".
  for (int i = 0; i < 30; ++i)
    CHECK(w.app.handle(post("/signin", "number=V1&pin=2468")).status == 303);
}

TEST_CASE("a public address given to the server is the one links and the poster show") {
  WebWorld w;
  web::App app{[&w] { return store::open_database(w.path, {false, false}); },
               web::Config{std::nullopt, [] { return Instant{1'688'349'600}; }, {},
                           "https://station.example.org"}};
  auto r = app.handle(get("/poster", {{"host", "127.0.0.1:8080"}}));
  CHECK(r.body.find("https://station.example.org/signin") != std::string::npos);
  CHECK(r.body.find("127.0.0.1") == std::string::npos);
}
