// The web face's state and the rest of the store: erasing a volunteer (privacy erase, purge)
// deletes their web sessions, calendar feeds and sign-in codes; a district migration carries
// paired devices and calendar feeds but no sign-ins. SQLite and (store_tests_pg) PostgreSQL.

#include <doctest/doctest.h>

#include <set>

#include "store_fixture.hpp"
#include "vstation/store/district.hpp"
#include "vstation/store/privacy.hpp"
#include "web_state_fixture.hpp"

using namespace vstation;
using namespace vstation::store;
using namespace vstation::test::web_state;

TEST_CASE("privacy: erasing a volunteer deletes their web sessions, feeds and codes") {
  TempDb t;
  auto w = seed(*t.db);
  web::create_session(*t.db, session_for(w.v1, 1));
  web::create_session(*t.db, session_for(w.v2, 2));
  web::create_feed(*t.db, w.v1, hash(3), kNow);
  web::create_feed(*t.db, w.v2, hash(4), kNow);
  web::create_signin_code(*t.db, hash(5), w.v1, w.station, kNow, at(120));
  auto device = web::pair_device(*t.db, w.station, "desk", hash(6), kNow);
  web::create_session(*t.db, session_for(device, 7));

  // The export lists them, without the token hashes.
  std::set<std::string> tables;
  for (const auto& table : privacy::personal_data(*t.db, w.v1)) {
    if (table.name == "web_sessions" || table.name == "calendar_feeds" ||
        table.name == "signin_codes") {
      CHECK(table.rows.size() == 1);
      tables.insert(table.name);
    }
    for (const auto& column : table.columns) CHECK(column.find("hash") == std::string::npos);
  }
  CHECK(tables.size() == 3);

  {
    Transaction tx(*t.db);
    CHECK(privacy::erase(*t.db, w.v1, kNow, "coordinator", "asked"));
    tx.commit();
  }
  CHECK_FALSE(web::find_session(*t.db, hash(1), kNow));
  CHECK_FALSE(web::find_feed(*t.db, hash(3)));
  CHECK_FALSE(web::consume_signin_code(*t.db, hash(5), at(1)));
  for (const char* table : {"web_sessions", "calendar_feeds", "signin_codes"})
    CHECK(t.db->scalar(std::string("SELECT COUNT(*) FROM ") + table + " WHERE volunteer_id = ?",
                       params(w.v1)) == 0);
  // Everyone else's stay: the other volunteer's and the station's device.
  CHECK(web::find_session(*t.db, hash(2), kNow));
  CHECK(web::find_feed(*t.db, hash(4)));
  CHECK(web::find_session(*t.db, hash(7), kNow));
}

TEST_CASE("district migration carries paired devices and calendar feeds, not sign-ins") {
  TempDb t;
  auto file = open_database((t.dir / "station.db").string());
  auto w = seed(*file);
  auto st = stations::get(*file, w.station);
  st->settings.cancel_deadline_hours = 48;
  stations::update(*file, *st);
  auto device = web::pair_device(*file, w.station, "desk", hash(1), kNow);
  web::revoke_device(*file, web::pair_device(*file, w.station, "old", hash(2), kNow));
  web::create_feed(*file, w.v2, hash(3), kNow);
  web::create_session(*file, session_for(w.v2, 4));
  web::create_session(*file, session_for(device, 5));
  web::create_signin_code(*file, hash(6), w.v2, w.station, kNow, at(120));
  web::station_secret(*file, w.station, kNow);
  web::record_attempt(*file, "signin", "203.0.113.7", kNow);

  // The district knows another station and volunteer first, so every id moves.
  Station other;
  other.code = "aaa";
  other.name = "A";
  stations::insert(*t.db, other);
  Volunteer v;
  v.number = "V0";
  v.name = "x";
  volunteers::insert(*t.db, v);
  district::migrate(*file, *t.db);
  auto icity = stations::find(*t.db, "icity");
  REQUIRE(icity);
  CHECK(icity->settings.cancel_deadline_hours == 48);
  auto moved = web::find_device(*t.db, hash(1));
  REQUIRE(moved);
  CHECK(moved->station == icity->id);
  CHECK(moved->name == "desk");
  CHECK_FALSE(web::find_device(*t.db, hash(2)));  // revoked stays revoked
  CHECK(web::devices_of(*t.db, icity->id).size() == 2);
  auto feed = web::find_feed(*t.db, hash(3));
  REQUIRE(feed);
  CHECK(feed->volunteer == volunteers::find(*t.db, "V2")->id);
  for (const char* table : {"web_sessions", "signin_codes", "station_secrets", "rate_attempts"})
    CHECK(t.db->scalar(std::string("SELECT COUNT(*) FROM ") + table) == 0);
  district::migrate(*file, *t.db);  // again: nothing twice
  CHECK(t.db->scalar("SELECT COUNT(*) FROM paired_devices") == 2);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM calendar_feeds") == 1);
}
