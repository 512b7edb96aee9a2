// The web face's state (lib/store web_state.hpp, schema version 11): sessions expire and are
// revoked, a sign-in code is used once even with two connections racing, rate-limit counts, a
// station's secret is made once however many servers ask (erasure and district migration:
// store_web_erase_test.cpp). Runs on SQLite and (store_tests_pg) on PostgreSQL.

#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include "store_fixture.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"
#include "web_state_fixture.hpp"

using namespace vstation;
using namespace vstation::store;
using namespace vstation::test::web_state;

namespace {

std::string refused_column(const std::function<void()>& f) {
  try {
    f();
  } catch (const FieldError& e) {
    CHECK(!e.text().render(Lang::en).empty());
    CHECK(!e.text().render(Lang::zh).empty());
    return e.column();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("web sessions: found while live, gone after idle or absolute expiry or revocation") {
  TempDb t;
  auto w = seed(*t.db);
  auto id = web::create_session(*t.db, session_for(w.v1, 1));
  auto found = web::find_session(*t.db, hash(1), kNow);
  REQUIRE(found);
  CHECK(found->id == id);
  CHECK(std::get<VolunteerId>(found->principal) == w.v1);
  CHECK(found->csrf_hash == hash(1001));
  CHECK(found->expires == at(3600));
  CHECK(found->idle_expires == at(600));
  CHECK_FALSE(web::find_session(*t.db, hash(2), kNow));

  // Idle: gone at the idle expiry unless touched before it.
  CHECK_FALSE(web::find_session(*t.db, hash(1), at(600)));
  CHECK(web::touch_session(*t.db, id, at(599)));
  found = web::find_session(*t.db, hash(1), at(1000));
  REQUIRE(found);
  CHECK(found->last_seen == at(599));
  CHECK(found->idle_expires == at(1199));
  // Touches never carry it past the absolute expiry.
  for (int s = 1100; s < 3600; s += 500) CHECK(web::touch_session(*t.db, id, at(s)));
  found = web::find_session(*t.db, hash(1), at(3599));
  REQUIRE(found);
  CHECK(found->idle_expires == at(3600));
  CHECK_FALSE(web::find_session(*t.db, hash(1), at(3600)));
  CHECK_FALSE(web::touch_session(*t.db, id, at(3600)));  // too late: nothing changes

  // Revocation: one, then all of a volunteer's.
  auto a = web::create_session(*t.db, session_for(w.v1, 2));
  web::create_session(*t.db, session_for(w.v1, 3));
  auto other = web::create_session(*t.db, session_for(w.v2, 4));
  CHECK(web::revoke_session(*t.db, a));
  CHECK_FALSE(web::revoke_session(*t.db, a));
  CHECK_FALSE(web::find_session(*t.db, hash(2), kNow));
  CHECK_FALSE(web::touch_session(*t.db, a, kNow));
  REQUIRE(web::find_session(*t.db, hash(3), kNow));
  CHECK(web::revoke_sessions_of(*t.db, w.v1) == 2);  // the expired one and hash(3)
  CHECK_FALSE(web::find_session(*t.db, hash(3), kNow));
  CHECK(web::find_session(*t.db, hash(4), kNow)->id == other);
}

TEST_CASE("web sessions: a volunteer retired or suspended since signing in has none") {
  TempDb t;
  auto w = seed(*t.db);
  auto device = web::pair_device(*t.db, w.station, "desk tablet", hash(50), kNow);
  web::create_session(*t.db, session_for(w.v2, 2));
  web::create_session(*t.db, session_for(device, 3));
  int token = 10;
  for (auto status : {VolunteerStatus::retired, VolunteerStatus::suspended}) {
    CAPTURE(code_of(status));
    // Whatever changed the status, find_session no longer finds the session …
    auto id = web::create_session(*t.db, session_for(w.v1, ++token));
    t.db->execute("UPDATE volunteers SET status = ? WHERE id = ?",
                  params(std::string(code_of(status)), w.v1));
    CHECK_FALSE(web::find_session(*t.db, hash(token), kNow));
    CHECK_FALSE(web::touch_session(*t.db, id, kNow));
    t.db->execute("UPDATE volunteers SET status = 'active' WHERE id = ?", params(w.v1));
    // … and volunteers::update ends it for good: made active again, it stays ended.
    web::create_session(*t.db, session_for(w.v1, ++token));
    auto v = *volunteers::get(*t.db, w.v1);
    v.status = status;
    volunteers::update(*t.db, v);
    CHECK_FALSE(web::find_session(*t.db, hash(token), kNow));
    v.status = VolunteerStatus::active;
    volunteers::update(*t.db, v);
    CHECK_FALSE(web::find_session(*t.db, hash(token), kNow));
    // Nobody else's session ends with it.
    CHECK(web::find_session(*t.db, hash(2), kNow));
    CHECK(web::find_session(*t.db, hash(3), kNow));
  }
  // A change that keeps them active keeps their session.
  web::create_session(*t.db, session_for(w.v1, 20));
  auto v = *volunteers::get(*t.db, w.v1);
  v.phone = "13800000000";
  volunteers::update(*t.db, v);
  CHECK(web::find_session(*t.db, hash(20), kNow));
}

TEST_CASE("web sessions: rotation at sign-in, purge, and a raw token is never stored") {
  TempDb t;
  auto w = seed(*t.db);
  auto device = web::pair_device(*t.db, w.station, "desk tablet", hash(50), kNow);
  auto kiosk = web::create_session(*t.db, session_for(device, 1));
  REQUIRE(web::find_session(*t.db, hash(1), kNow));
  CHECK(std::get<PairedDeviceId>(web::find_session(*t.db, hash(1), kNow)->principal) == device);
  auto fresh = web::rotate_session(*t.db, kiosk, session_for(w.v1, 2));
  CHECK_FALSE(web::find_session(*t.db, hash(1), kNow));
  CHECK(web::find_session(*t.db, hash(2), kNow)->id == fresh);
  CHECK(web::rotate_session(*t.db, std::nullopt, session_for(w.v2, 3)).valid());

  // Purge: revoked and expired go, live ones stay.
  web::create_session(*t.db, session_for(w.v2, 4, at(-3600)));  // expired at kNow
  CHECK(web::purge_expired(*t.db, kNow) == 2);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM web_sessions") == 2);

  // The token itself, or anything but 64 lowercase hex digits, is refused before the database.
  auto raw = session_for(w.v1, 5);
  raw.token_hash = "k3Jd9-raw-cookie-token";
  CHECK(refused_column([&] { web::create_session(*t.db, raw); }) == "token_hash");
  raw = session_for(w.v1, 5);
  raw.csrf_hash = std::string(64, 'A');
  CHECK(refused_column([&] { web::create_session(*t.db, raw); }) == "csrf_hash");
  CHECK(t.db->scalar("SELECT COUNT(*) FROM web_sessions") == 2);
  raw = session_for(w.v1, 5);
  raw.idle_seconds = 0;
  CHECK_THROWS_AS(web::create_session(*t.db, raw), std::invalid_argument);
}

TEST_CASE("paired devices: pair, find, list, revoke (with their sessions)") {
  TempDb t;
  auto w = seed(*t.db);
  auto desk = web::pair_device(*t.db, w.station, "  desk tablet ", hash(1), kNow);
  auto door = web::pair_device(*t.db, w.station, "门口平板", hash(2), at(60));
  auto found = web::find_device(*t.db, hash(1));
  REQUIRE(found);
  CHECK(found->id == desk);
  CHECK(found->station == w.station);
  CHECK(found->name == "desk tablet");
  CHECK(found->created == kNow);
  web::create_session(*t.db, session_for(door, 10));
  REQUIRE(web::find_session(*t.db, hash(10), kNow));

  CHECK(web::revoke_device(*t.db, door));
  CHECK_FALSE(web::revoke_device(*t.db, door));
  CHECK_FALSE(web::find_device(*t.db, hash(2)));
  CHECK_FALSE(web::find_session(*t.db, hash(10), kNow));
  auto list = web::devices_of(*t.db, w.station);
  REQUIRE(list.size() == 2);
  CHECK(list[0].id == desk);
  CHECK_FALSE(list[0].revoked);
  CHECK(list[1].name == "门口平板");
  CHECK(list[1].revoked);

  for (std::string bad : {std::string(" "), std::string("\xe3\x80\x80"), std::string(101, 'x'),
                          std::string("a\x1b[2Jb")}) {
    CAPTURE(bad);
    CHECK(refused_column([&] { web::pair_device(*t.db, w.station, bad, hash(3), kNow); }) ==
          "name");
  }
  CHECK(refused_column([&] { web::pair_device(*t.db, w.station, "x", "raw", kNow); }) ==
        "token_hash");
  CHECK(web::devices_of(*t.db, w.station).size() == 2);
}

TEST_CASE("calendar feeds: a new feed revokes the volunteer's previous one") {
  TempDb t;
  auto w = seed(*t.db);
  auto first = web::create_feed(*t.db, w.v1, hash(1), kNow);
  CHECK(web::find_feed(*t.db, hash(1))->id == first);
  auto second = web::create_feed(*t.db, w.v1, hash(2), at(60));
  CHECK_FALSE(web::find_feed(*t.db, hash(1)));
  auto found = web::find_feed(*t.db, hash(2));
  REQUIRE(found);
  CHECK(found->id == second);
  CHECK(found->volunteer == w.v1);
  CHECK(found->created == at(60));
  CHECK(web::feed_of(*t.db, w.v1)->id == second);  // the active one only
  CHECK_FALSE(web::feed_of(*t.db, w.v2));
  auto theirs = web::create_feed(*t.db, w.v2, hash(3), kNow);  // another volunteer's stays
  CHECK(web::revoke_feed(*t.db, w.v1));
  CHECK_FALSE(web::revoke_feed(*t.db, w.v1));
  CHECK_FALSE(web::find_feed(*t.db, hash(2)));
  CHECK_FALSE(web::feed_of(*t.db, w.v1));
  CHECK(web::find_feed(*t.db, hash(3))->id == theirs);
  // The schema holds at most one active feed per volunteer, whatever the caller does.
  CHECK_THROWS_AS(t.db->execute("INSERT INTO calendar_feeds (volunteer_id, token_hash, "
                                "created_at) VALUES (?, ?, ?)",
                                params(w.v2, hash(4), kNow)),
                  StoreError);
  CHECK(refused_column([&] { web::create_feed(*t.db, w.v1, "raw", kNow); }) == "token_hash");
}

TEST_CASE("sign-in codes: used once, only before expiry, also across two connections") {
  TempDb t;
  auto w = seed(*t.db);
  auto other = open_database(t.path);
  auto id = web::create_signin_code(*t.db, hash(1), w.v1, w.station, kNow, at(120));
  auto used = web::consume_signin_code(*t.db, hash(1), at(30));
  REQUIRE(used);
  CHECK(used->id == id);
  CHECK(used->volunteer == w.v1);
  CHECK(used->station == w.station);
  CHECK(used->used == at(30));
  CHECK_FALSE(web::consume_signin_code(*other, hash(1), at(31)));  // the second server
  CHECK_FALSE(web::consume_signin_code(*t.db, hash(1), at(32)));

  web::create_signin_code(*t.db, hash(2), w.v1, w.station, kNow, at(120));
  CHECK_FALSE(web::consume_signin_code(*other, hash(2), at(120)));  // expired
  CHECK_FALSE(web::consume_signin_code(*other, hash(3), kNow));     // unknown
  web::create_signin_code(*t.db, hash(4), w.v2, w.station, kNow, at(120));
  CHECK(web::consume_signin_code(*other, hash(4), at(119))->volunteer == w.v2);

  CHECK(refused_column([&] {
          web::create_signin_code(*t.db, hash(5), w.v1, w.station, kNow, kNow);
        }) == "expires_at");
  CHECK(refused_column([&] {
          web::create_signin_code(*t.db, "123456", w.v1, w.station, kNow, at(60));
        }) == "code_hash");
  // Used and expired codes go with a purge; an unused live one stays.
  web::create_signin_code(*t.db, hash(6), w.v1, w.station, kNow, at(600));
  CHECK(web::purge_expired(*t.db, at(300)) == 3);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM signin_codes") == 1);
}

TEST_CASE("sign-in codes: of several connections racing for one code, exactly one gets it") {
  TempDb t;
  auto w = seed(*t.db);
  for (int round = 0; round < 5; ++round) {
    web::create_signin_code(*t.db, hash(100 + round), w.v1, w.station, kNow, at(120));
    std::vector<std::unique_ptr<Connection>> servers;
    for (int i = 0; i < 4; ++i) servers.push_back(open_database(t.path));
    std::atomic<int> winners = 0, errors = 0;
    std::atomic<bool> go = false;
    std::vector<std::thread> threads;
    for (auto& db : servers)
      threads.emplace_back([&, c = db.get()] {
        while (!go) std::this_thread::yield();
        try {
          if (web::consume_signin_code(*c, hash(100 + round), at(10))) ++winners;
        } catch (const StoreError&) {
          ++errors;
        }
      });
    go = true;
    for (auto& th : threads) th.join();
    CHECK(winners == 1);
    CHECK(errors == 0);
  }
}

TEST_CASE("rate limiting: attempts counted per bucket and address within the window") {
  TempDb t;
  for (int s : {-900, -300, -60, -1, 0}) web::record_attempt(*t.db, "signin", "203.0.113.7", at(s));
  web::record_attempt(*t.db, "signin", "2001:db8::1", kNow);
  web::record_attempt(*t.db, "pin", "203.0.113.7", kNow);
  CHECK(web::count_attempts(*t.db, "signin", "203.0.113.7", kNow, 60) == 2);  // -1 and 0
  CHECK(web::count_attempts(*t.db, "signin", "203.0.113.7", kNow, 61) == 3);
  CHECK(web::count_attempts(*t.db, "signin", "203.0.113.7", kNow, 3600) == 5);
  CHECK(web::count_attempts(*t.db, "signin", "2001:db8::1", kNow, 3600) == 1);
  CHECK(web::count_attempts(*t.db, "pin", "203.0.113.7", kNow, 3600) == 1);
  CHECK(web::count_attempts(*t.db, "signin", "198.51.100.1", kNow, 3600) == 0);
  // Over a limit of 3 in the hour (5 there): below it again once the third newest (-60) leaves.
  CHECK(web::attempts_below_limit_at(*t.db, "signin", "203.0.113.7", kNow, 3600, 3) ==
        at(-60 + 3600));
  CHECK(web::attempts_below_limit_at(*t.db, "signin", "203.0.113.7", kNow, 3600, 5) ==
        at(-900 + 3600));
  CHECK_FALSE(web::attempts_below_limit_at(*t.db, "signin", "203.0.113.7", kNow, 3600, 6));
  CHECK_FALSE(web::attempts_below_limit_at(*t.db, "signin", "203.0.113.7", kNow, 60, 3));
  CHECK(web::purge_attempts(*t.db, at(-300)) == 2);
  CHECK(web::count_attempts(*t.db, "signin", "203.0.113.7", kNow, 3600) == 3);

  for (std::string bad : {std::string(), std::string(33, 'a'), std::string("Sign In")}) {
    CAPTURE(bad);
    CHECK(refused_column([&] { web::record_attempt(*t.db, bad, "203.0.113.7", kNow); }) ==
          "bucket");
  }
  for (std::string bad : {std::string(), std::string(65, '1'), std::string("1.2.3.4 x"),
                          std::string("1.2\n.3.4"), std::string("地址")}) {
    CAPTURE(bad);
    CHECK(refused_column([&] { web::record_attempt(*t.db, "signin", bad, kNow); }) == "address");
  }
}

TEST_CASE("station secrets: made once however many servers ask at the same time; rotated") {
  TempDb t;
  auto w = seed(*t.db);
  Station second;
  second.code = "s2";
  second.name = "S2";
  auto s2 = stations::insert(*t.db, second);
  std::vector<std::unique_ptr<Connection>> servers;
  for (int i = 0; i < 4; ++i) servers.push_back(open_database(t.path));
  std::vector<std::string> seen(servers.size());
  std::atomic<bool> go = false;
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < servers.size(); ++i)
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      seen[i] = web::station_secret(*servers[i], w.station, kNow);
    });
  go = true;
  for (auto& th : threads) th.join();
  CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 1);
  CHECK(seen[0].size() == 64);
  CHECK(web::station_secret(*t.db, w.station, at(60)) == seen[0]);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM station_secrets") == 1);

  auto theirs = web::station_secret(*servers[0], s2, kNow);
  CHECK(theirs != seen[0]);
  auto rotated = web::rotate_station_secret(*t.db, w.station, at(60));
  CHECK(rotated != seen[0]);
  CHECK(rotated.size() == 64);
  CHECK(web::station_secret(*servers[1], w.station, at(61)) == rotated);
  CHECK(web::station_secret(*servers[1], s2, at(61)) == theirs);
  // Rotating a station that had none yet makes one.
  Station third;
  third.code = "s3";
  third.name = "S3";
  auto s3 = stations::insert(*t.db, third);
  auto made = web::rotate_station_secret(*t.db, s3, kNow);
  CHECK(web::station_secret(*t.db, s3, kNow) == made);
}
