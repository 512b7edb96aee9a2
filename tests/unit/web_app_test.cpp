// The web face as a function: pages, language, static files and the headers every response
// carries, called through App::handle without a socket.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "vstation/web/app.hpp"

using namespace vstation;
using web::Request;

namespace {

struct WebWorld : KioskWorld {
  web::App app{[this] {
                 return store::open_database(path, {false, false});
               },
               web::Config{std::nullopt, false, [] { return Instant{1'688'349'600}; }}};
};

Request get(std::string path, std::map<std::string, std::string> headers = {}) {
  Request r;
  r.method = "GET";
  auto q = path.find('?');
  if (q != std::string::npos) {
    r.query = web::parse_urlencoded(path.substr(q + 1));
    path = path.substr(0, q);
  }
  r.path = path;
  r.headers = std::move(headers);
  r.remote = "127.0.0.1";
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
  CHECK_FALSE(r.form("missing"));
  r.headers["content-type"] = "text/plain";
  CHECK_FALSE(r.form("number"));  // only a form body is read as a form
  r.headers["cookie"] = "sid=abc; lang=zh;x=1";
  CHECK(r.cookie("sid") == "abc");
  CHECK(r.cookie("x") == "1");
  CHECK_FALSE(r.cookie("si"));
}
