// The kiosk tablet and the phone at the station, through App::handle: pairing with a one-time
// link, number + PIN and badge input through the kiosk's state machine with its conversation in
// the database (two App instances stand for two server processes), the rotating code's windows,
// the phone's check-in by that code, and the one-time "sign in on your phone" code.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "kiosk_fixture.hpp"
#include "web_fixture.hpp"
#include "vstation/kiosk/checkin_code.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/web/app.hpp"

using namespace vstation;
using web::Request;
using web::Response;

namespace {

struct World : KioskWorld {
  Instant now = at("2023-05-01T08:55");
  web::Config config() {
    return web::Config{std::nullopt, [this] { return now; }};
  }
  web::OpenDatabase opener() {
    return [this] { return store::open_database(path, {false, false}); };
  }
  web::App app{opener(), config()};
  web::App other{opener(), config()};  // another server process on the same database

  World() {
    roster(volunteers[0]);
    store::identity::set_pin_hash(*db, volunteers[0], kiosk::hash_pin("2468"));
    store::identity::set_pin_hash(*db, volunteers[1], kiosk::hash_pin("1357"));
  }
};

Request req(std::string method, const std::string& target, const std::string& cookie = "",
            std::string body = "") {
  return web_request(std::move(method), target, cookie, std::move(body), "station.example:8080");
}

std::string set_cookie(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v;
  return "";
}


bool has(const Response& r, std::string_view what) {
  return r.body.find(what) != std::string::npos;
}

// What `vstation device pair` does, then the tablet opening the link.
struct Tablet {
  PairedDeviceId device;
  std::string cookie;
  std::string csrf;
};

Tablet pair(World& w) {
  std::string code = kiosk::new_secret_token();
  auto device = store::web::pair_device(*w.db, w.station.id, "desk tablet",
                                        report::sha256_hex(kiosk::new_secret_token()), w.now);
  store::web::create_pair_code(*w.db, device, report::sha256_hex(code), w.now,
                               Instant{w.now.seconds + 600});
  auto form = w.app.handle(req("GET", "/kiosk/pair?code=" + code));
  REQUIRE(form.status == 200);
  REQUIRE(has(form, R"(value=")" + code));
  auto paired = w.app.handle(req("POST", "/kiosk/pair", "", "code=" + code));
  REQUIRE(paired.status == 303);
  CHECK(paired.header("Location") == "/kiosk");
  auto set = set_cookie(paired, "vs_session");
  CHECK(set.find("HttpOnly") != std::string::npos);
  CHECK(set.find("SameSite=Strict") != std::string::npos);
  CHECK(set.find("Max-Age=31536000") != std::string::npos);
  // The link works once.
  CHECK(w.app.handle(req("POST", "/kiosk/pair", "", "code=" + code)).status == 410);
  Tablet t{device, cookie_of(paired), ""};
  auto page = w.app.handle(req("GET", "/kiosk", t.cookie));
  REQUIRE(page.status == 200);
  t.csrf = csrf_in(page.body);
  return t;
}

Response input(const web::App& app, const Tablet& t, const std::string& fields) {
  return app.handle(req("POST", "/kiosk/input", t.cookie, "csrf=" + t.csrf + "&" + fields));
}

std::string sign_in(World& w, const std::string& number, const std::string& pin,
                    std::string cookie = "") {
  auto r = w.app.handle(req("POST", "/signin", cookie, "number=" + number + "&pin=" + pin));
  REQUIRE(r.status == 303);
  return cookie_of(r);
}

std::string code_at(World& w, Instant t, StationId station) {
  auto secret = store::web::station_secret(*w.db, station, t);
  return kiosk::current_checkin_code(secret, station, t);
}

}  // namespace

TEST_CASE("pairing: the tablet's page needs a device session; a revoked device is signed out") {
  World w;
  CHECK(w.app.handle(req("GET", "/kiosk")).header("Location") == "/kiosk/pair");
  CHECK(has(w.app.handle(req("GET", "/kiosk/pair")), "vstation device pair"));
  CHECK(w.app.handle(req("POST", "/kiosk/pair", "", "code=nonsense")).status == 410);
  for (const char* none : {"", "code="}) {  // no code is not a used one: where it comes from
    auto r = w.app.handle(req("POST", "/kiosk/pair", "", none));
    CHECK(r.status == 400);
    CHECK(has(r, "vstation device pair"));
  }
  auto t = pair(w);
  auto page = w.app.handle(req("GET", "/kiosk", t.cookie));
  CHECK(has(page, "I城"));
  CHECK(has(page, R"(src="/kiosk/code.svg?w=)"));
  CHECK(has(page, R"(src="/static/kiosk.js")"));
  CHECK(has(page, R"(<noscript><meta http-equiv="refresh" content="30; url=/kiosk"></noscript>)"));
  CHECK(store::audit::of(*w.db, "device", t.device.value).size() == 1);
  // A volunteer's session is not a device's, nor the other way round.
  auto phone = sign_in(w, "V1", "2468");
  CHECK(w.app.handle(req("GET", "/kiosk", phone)).status == 303);
  CHECK(w.app.handle(req("GET", "/me", t.cookie)).status == 303);
  store::web::revoke_device(*w.db, t.device);
  CHECK(w.app.handle(req("GET", "/kiosk", t.cookie)).header("Location") == "/kiosk/pair");
}

TEST_CASE("number and PIN at the tablet check in through the kiosk's state machine") {
  World w;
  auto t = pair(w);
  auto done = input(w.app, t, "fresh=1&mode=number&number=V1&pin=2468");
  CHECK(done.status == 200);
  CHECK(has(done, "<title>Checked in</title>"));
  CHECK(has(done, "Sign in on your phone"));
  auto open = store::sessions::open_of(*w.db, w.volunteers[0]);
  REQUIRE(open);
  CHECK(open->shift == w.shift.id);
  auto audit = store::audit::of(*w.db, "session", open->id.value);
  REQUIRE_FALSE(audit.empty());
  CHECK(audit[0].actor == "web device " + std::to_string(t.device.value));

  // The number alone: the PIN is asked on the next screen, which another server process answers.
  w.now = w.now.plus_minutes(1);
  auto asked = input(w.app, t, "fresh=1&mode=number&number=V1&pin=");
  CHECK(has(asked, "Enter your PIN"));
  CHECK(has(asked, R"(type="password")"));
  auto question = input(w.other, t, "line=2468");
  CHECK(has(question, "Check out now?"));
  CHECK_FALSE(has(question, "Sign in on your phone"));  // a question is pending
  auto kept = input(w.app, t, "line=n");
  CHECK(has(kept, "Still checked in"));
  CHECK(store::sessions::open_of(*w.db, w.volunteers[0]));
}

TEST_CASE("a badge scanner's line identifies the volunteer; an idle conversation expires") {
  World w;
  auto t = pair(w);
  store::identity::set_badge_token(*w.db, w.volunteers[2], "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  auto in =
      input(w.app, t,
            "fresh=1&line=" + web::url_encode(kiosk::badge_payload("ABCDEFGHIJKLMNOPQRSTUVWXYZ")));
  CHECK(has(in, "Checked in"));
  CHECK(store::sessions::open_of(*w.db, w.volunteers[2]));

  // V2's PIN asked, then the tablet left alone: three minutes later the conversation is over and
  // "1357" is read at the welcome (a phone number's last digits), never as V2's PIN.
  CHECK(has(input(w.app, t, "fresh=1&mode=number&number=V2"), "Enter your PIN"));
  w.now = w.now.plus_minutes(3);
  CHECK_FALSE(has(input(w.app, t, "line=1357"), "Checked in"));
  CHECK_FALSE(store::sessions::open_of(*w.db, w.volunteers[1]));
}

TEST_CASE("five wrong PINs at the tablet lock out, as at the terminal and on the phone") {
  World w;
  auto t = pair(w);
  for (int i = 1; i <= 4; ++i)
    CHECK(has(input(w.app, t, "fresh=1&mode=number&number=V1&pin=0000"),
              "Wrong PIN (" + std::to_string(i) + " of 5 tries)"));
  CHECK(has(input(w.app, t, "fresh=1&mode=number&number=V1&pin=0000"), "locked for 5 minutes"));
  CHECK(store::identity::lockout(*w.db, w.volunteers[0]).locked_until);
  CHECK(has(input(w.app, t, "fresh=1&mode=number&number=V1&pin=2468"), "Locked after wrong PINs"));
  CHECK(w.app.handle(req("POST", "/signin", "", "number=V1&pin=2468")).status == 403);
  CHECK_FALSE(store::sessions::open_of(*w.db, w.volunteers[0]));
}

TEST_CASE("the phone checks in and out with the tablet's current code; stale or forged refused") {
  World w;
  auto t = pair(w);
  auto api = w.app.handle(req("GET", "/api/v1/kiosk/code", t.cookie));
  REQUIRE(api.status == 200);
  auto j = nlohmann::json::parse(api.body);
  std::string code = code_at(w, w.now, w.station.id);
  CHECK(j["url"] == "http://station.example:8080/c/" + code);
  CHECK(j["seconds_left"].get<int>() >= 1);
  auto svg = w.app.handle(req("GET", "/kiosk/code.svg", t.cookie));
  CHECK(svg.header("Content-Type") == "image/svg+xml");
  CHECK(svg.body.rfind("<svg", 0) == 0);
  CHECK(w.app.handle(req("GET", "/api/v1/kiosk/code")).status == 401);

  // A stranger is sent to sign in, and back to the code afterwards (the path in a cookie).
  auto stranger = w.app.handle(req("GET", "/c/" + code));
  CHECK(stranger.header("Location") == "/signin");
  auto back = cookie_of(stranger, "vs_back");
  REQUIRE_FALSE(back.empty());
  auto signed_in = w.app.handle(req("POST", "/signin", back, "number=V1&pin=2468"));
  CHECK(signed_in.header("Location") == "/c/" + code);
  auto phone = cookie_of(signed_in);

  auto confirm = w.app.handle(req("GET", "/c/" + code, phone));
  REQUIRE(confirm.status == 200);
  CHECK(has(confirm, "You are not checked in."));
  CHECK(has(confirm, R"(value="in")"));
  auto csrf = csrf_in(confirm.body);
  CHECK(w.app.handle(req("POST", "/c/" + code, phone, "action=in")).status == 403);  // no CSRF
  // 40 s later the code is the previous window's: still good.
  w.now = Instant{w.now.seconds + 40};
  auto in = w.app.handle(req("POST", "/c/" + code, phone, "csrf=" + csrf + "&action=in"));
  CHECK(in.status == 200);
  CHECK(has(in, "Checked in at 2023-05-01 08:55"));
  auto open = store::sessions::open_of(*w.db, w.volunteers[0]);
  REQUIRE(open);
  CHECK(store::audit::of(*w.db, "session", open->id.value)[0].actor == "web volunteer V1");

  // Older than that: stale, on the page and the API alike; another station's code or a forged
  // one never was good.
  w.now = Instant{w.now.seconds + 30};
  auto stale = w.app.handle(req("GET", "/c/" + code, phone));
  CHECK(stale.status == 410);
  CHECK(has(stale, "This code is stale: scan the code on the tablet again."));
  CHECK(w.app.handle(req("POST", "/c/" + code, phone, "csrf=" + csrf + "&action=out")).status ==
        410);
  Station ny = w.station;
  ny.code = "ny";
  ny.name = "NY";
  ny.id = store::stations::insert(*w.db, ny);
  CHECK(w.app.handle(req("GET", "/c/" + code_at(w, w.now, ny.id), phone)).status == 410);
  CHECK(w.app.handle(req("GET", "/c/00000000000000000000", phone)).status == 410);
  CHECK(store::sessions::open_of(*w.db, w.volunteers[0]));  // nothing changed

  // The same scan again within two minutes of the check-in (a double tap, a retried request)
  // answers as the check-in did and writes nothing; checking out that soon is said.
  auto post = [&](const std::string& body) {
    auto r = req("POST", "/api/v1/checkin", phone, body);
    r.headers["content-type"] = "application/json";
    r.headers["x-csrf-token"] = csrf;
    return w.app.handle(r);
  };
  // A body that is not a JSON object, or a code that is not a string, is said as such.
  for (auto [body, said] : {std::pair{"not json", "The body is not a JSON object"},
                            std::pair{R"({"code":12345})", "'code' must be a string"}}) {
    auto r = post(body);
    CHECK(r.status == 400);
    CHECK(r.body.find(said) != std::string::npos);
  }
  CHECK(store::sessions::open_of(*w.db, w.volunteers[0]));  // nothing changed
  {
    Instant checked_in = open->raw_in;
    w.now = Instant{checked_in.seconds + 90};
    std::string fresh_code = code_at(w, w.now, w.station.id);
    auto again = post(R"({"code":")" + fresh_code + R"("})");
    CHECK(again.status == 200);
    auto aj = nlohmann::json::parse(again.body);
    CHECK(aj["action"] == "check_in");
    CHECK(aj["repeat"] == true);
    CHECK(aj["at"] == "2023-05-01 08:55");
    CHECK(store::sessions::open_of(*w.db, w.volunteers[0])->id == open->id);
    CHECK(store::audit::of(*w.db, "session", open->id.value).size() == 1);
    CHECK(post(R"({"code":")" + fresh_code + R"(","action":"in"})").status == 409);
    auto bad = post(R"({"code":")" + fresh_code + R"(","action":"sideways"})");
    CHECK(bad.status == 400);
    CHECK(nlohmann::json::parse(bad.body)["error"]["code"] == "bad_field");
    // Not a string, or a control character: refused alike; null is as if left out (a repeat).
    for (std::string a : {"1", "true", "[\"out\"]", "{}", "\"out\\u0000\"", "\"\\n\""})
      CHECK(post(R"({"code":")" + fresh_code + R"(","action":)" + a + "}").status == 400);
    CHECK(post(R"({"code":")" + fresh_code + R"(","action":null})").status == 200);
    // No code, an empty one or one that is not a string: a bad request, not a stale code.
    for (std::string body : {R"({"code":null})", R"({"code":5})", R"({"code":""})",
                             R"({"code":["x"]})", R"({"action":"out"})", "{}", "[]", "not json"}) {
      auto r = post(body);
      CHECK(r.status == 400);
      CHECK(r.body.find("bad_field") != std::string::npos);
    }
    CHECK(post(R"({"code":"AAAAAAAA"})").status == 410);
    CHECK(store::sessions::open_of(*w.db, w.volunteers[0])->id == open->id);
  }

  // The JSON API with the current code checks out, twenty minutes later.
  w.now = w.at("2023-05-01T09:20");
  auto out = req("POST", "/api/v1/checkin", phone,
                 R"({"code":")" + code_at(w, w.now, w.station.id) + R"("})");
  out.headers["content-type"] = "application/json";
  out.headers["x-csrf-token"] = csrf;
  auto done = w.app.handle(out);
  CHECK(done.status == 200);
  auto dj = nlohmann::json::parse(done.body);
  CHECK(dj["action"] == "check_out");
  CHECK(dj["credited_minutes"].get<int>() > 0);
  CHECK_FALSE(store::sessions::open_of(*w.db, w.volunteers[0]));
}

TEST_CASE("sign in on the phone with the one-time code the tablet shows after identifying") {
  World w;
  auto t = pair(w);
  // Nobody identified: no code.
  CHECK(w.app.handle(req("POST", "/kiosk/phone", t.cookie, "csrf=" + t.csrf)).status == 409);
  CHECK(has(input(w.app, t, "fresh=1&mode=number&number=V1&pin=2468"), "Checked in"));
  auto shown = w.other.handle(req("POST", "/kiosk/phone", t.cookie, "csrf=" + t.csrf));
  REQUIRE(shown.status == 200);
  CHECK(has(shown, "<svg"));
  auto at = shown.body.find("http://station.example:8080/s/");
  REQUIRE(at != std::string::npos);
  auto slash = shown.body.find("/s/", at);
  std::string path = shown.body.substr(slash, shown.body.find('<', slash) - slash);
  CHECK(path.size() == 3 + 26);
  // The offer is used: pressing again shows no second code.
  CHECK(w.app.handle(req("POST", "/kiosk/phone", t.cookie, "csrf=" + t.csrf)).status == 409);

  auto form = w.app.handle(req("GET", path));
  CHECK(form.status == 200);
  CHECK(has(form, "<form method=\"post\" action=\"" + path + "\""));
  auto in = w.app.handle(req("POST", path));
  CHECK(in.status == 303);
  CHECK(in.header("Location") == "/me");
  auto me = w.app.handle(req("GET", "/me", cookie_of(in)));
  CHECK(me.status == 200);
  CHECK(has(me, "张三1"));
  CHECK(w.app.handle(req("POST", path)).status == 410);  // once only

  // Expired after two minutes.
  w.now = w.now.plus_minutes(1);
  input(w.app, t, "fresh=1&mode=number&number=V2&pin=1357");
  auto second = w.app.handle(req("POST", "/kiosk/phone", t.cookie, "csrf=" + t.csrf));
  auto at2 = second.body.find("/s/", second.body.find("sign-in-link"));
  std::string path2 = second.body.substr(at2, 3 + 26);
  w.now = w.now.plus_minutes(3);
  CHECK(w.app.handle(req("POST", path2)).status == 410);
}

TEST_CASE("sign in on your phone is offered only to who gave their PIN at the tablet") {
  World w;
  auto st = w.station;
  st.settings.identification = KioskIdentification::pin_if_set;
  store::stations::update(*w.db, st);
  auto t = pair(w);
  // V3 has no PIN: the number alone checks in, but takes no session to a phone.
  auto in = input(w.app, t, "fresh=1&mode=number&number=V3");
  CHECK(has(in, "Checked in"));
  CHECK_FALSE(has(in, "Sign in on your phone"));
  CHECK(w.app.handle(req("POST", "/kiosk/phone", t.cookie, "csrf=" + t.csrf)).status == 409);
  // A badge alone neither.
  store::identity::set_badge_token(*w.db, w.volunteers[2], "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  w.now = w.now.plus_minutes(5);
  auto badge =
      input(w.app, t,
            "fresh=1&line=" + web::url_encode(kiosk::badge_payload("ABCDEFGHIJKLMNOPQRSTUVWXYZ")));
  CHECK_FALSE(has(badge, "Sign in on your phone"));
  CHECK(w.app.handle(req("POST", "/kiosk/phone", t.cookie, "csrf=" + t.csrf)).status == 409);
  // Number and PIN: offered, and honoured by another server process.
  CHECK(has(input(w.app, t, "fresh=1&mode=number&number=V2&pin=1357"), "Sign in on your phone"));
  CHECK(w.other.handle(req("POST", "/kiosk/phone", t.cookie, "csrf=" + t.csrf)).status == 200);
  // PIN given (a question answered after it keeps the offer), then someone else's number alone:
  // the first one's PIN does not count for them.
  CHECK(has(input(w.app, t, "fresh=1&mode=number&number=V2&pin=1357"), "Check out now?"));
  CHECK(has(input(w.other, t, "line=n"), "Sign in on your phone"));
  CHECK_FALSE(has(input(w.app, t, "fresh=1&mode=number&number=V3"), "Sign in on your phone"));
  CHECK(w.app.handle(req("POST", "/kiosk/phone", t.cookie, "csrf=" + t.csrf)).status == 409);
  CHECK(w.app.handle(req("POST", "/kiosk/phone", t.cookie, "csrf=" + t.csrf)).status == 409);
}

TEST_CASE("the tablet asks yes/no with buttons and the leaving time with a time field") {
  World w;
  auto t = pair(w);
  CHECK(has(input(w.app, t, "fresh=1&mode=number&number=V1&pin=2468"), "Checked in"));
  auto welcome = w.app.handle(req("GET", "/kiosk", t.cookie));
  CHECK(has(welcome, "Scan your badge here"));
  CHECK_FALSE(has(welcome, "autofocus"));
  // A second scan moments later: "just now", and Yes / No buttons.
  w.now = Instant{w.now.seconds + 3};
  auto asked = input(w.app, t, "fresh=1&mode=number&number=V1&pin=2468");
  CHECK(has(asked, "You checked in just now. Check out now?"));
  CHECK(has(asked, R"(<input type="hidden" name="line" value="y"><button type="submit">Yes</button>)"));
  CHECK(has(asked, R"(name="line" value="n"><button type="submit" class="secondary">No</button>)"));
  CHECK_FALSE(has(asked, R"(id="line")"));
  CHECK(has(input(w.other, t, "line=n"), "Still checked in"));

  // A forgotten check-out: "did you leave at 12:00?" as Yes / No, then "when?" as a time field.
  w.now = w.at("2023-05-02T09:00");
  auto forgotten = input(w.app, t, "fresh=1&mode=number&number=V1&pin=2468");
  if (has(forgotten, "value=\"y\"")) {
    CHECK(has(forgotten, "Did you leave at"));
    CHECK_FALSE(has(forgotten, "y = yes"));
    auto when = input(w.app, t, "line=n");
    CHECK(has(when, R"(<input id="line" name="line" type="time" required>)"));
  } else {
    CHECK(has(forgotten, R"(type="time")"));
  }
}

TEST_CASE("a stranger scanning a fresh code may sign in for ten minutes; no forged proof") {
  World w;
  std::string code = code_at(w, w.now, w.station.id);
  auto stranger = w.app.handle(req("GET", "/c/" + code));
  CHECK(stranger.status == 303);
  CHECK(stranger.header("Location") == "/signin");
  auto back = cookie_of(stranger, "vs_back");
  auto proof = cookie_of(stranger, "vs_code");
  REQUIRE_FALSE(back.empty());
  REQUIRE_FALSE(proof.empty());
  CHECK(set_cookie(stranger, "vs_code").find("HttpOnly") != std::string::npos);
  // A stale code gets no proof.
  auto old = code_at(w, Instant{w.now.seconds - 120}, w.station.id);
  CHECK(w.app.handle(req("GET", "/c/" + old)).status == 410);

  // Five minutes to sign in: the code is stale, but this phone opened it fresh.
  w.now = w.now.plus_minutes(5);
  auto signed_in = w.app.handle(req("POST", "/signin", back, "number=V1&pin=2468"));
  CHECK(signed_in.header("Location") == "/c/" + code);
  auto phone = cookie_of(signed_in);
  CHECK(w.app.handle(req("GET", "/c/" + code, phone)).status == 410);  // without the proof
  auto confirm = w.app.handle(req("GET", "/c/" + code, phone + "; " + proof));
  REQUIRE(confirm.status == 200);
  auto csrf = csrf_in(confirm.body);
  // Forged or altered proofs, and a proof for another code, are refused.
  auto value = proof.substr(proof.find('=') + 1);
  auto forged = value;
  forged.back() = forged.back() == '0' ? '1' : '0';
  auto dot = value.find('.');
  auto later = code + "." + std::to_string(w.now.seconds) + value.substr(value.rfind('.'));
  std::string other_code = code_at(w, Instant{w.now.seconds - 600}, w.station.id);
  for (const std::string& bad :
       {"vs_code=" + forged, "vs_code=" + later, "vs_code=" + other_code + value.substr(dot)}) {
    CAPTURE(bad);
    CHECK(w.app.handle(req("GET", "/c/" + code, phone + "; " + bad)).status == 410);
    CHECK(w.app.handle(req("POST", "/c/" + code, phone + "; " + bad,
                           "csrf=" + csrf + "&action=in"))
              .status == 410);
  }
  CHECK(w.app.handle(req("GET", "/c/" + other_code, phone + "; " + proof)).status == 410);
  CHECK_FALSE(store::sessions::open_of(*w.db, w.volunteers[0]));
  auto in = w.app.handle(req("POST", "/c/" + code, phone + "; " + proof, "csrf=" + csrf + "&action=in"));
  CHECK(in.status == 200);
  CHECK(set_cookie(in, "vs_code").find("Max-Age=0") != std::string::npos);
  CHECK(store::sessions::open_of(*w.db, w.volunteers[0]));
  // Ten minutes after it was opened the proof is over.
  w.now = w.now.plus_minutes(5);
  CHECK(w.app.handle(req("GET", "/c/" + code, phone + "; " + proof)).status == 410);
}
