// The web kiosk's state (schema version 12): pairing codes work once, before expiry, for a device
// not revoked; kiosk conversations per device session, replaced on save, purged with their
// session and dropped when a volunteer is erased. SQLite and (store_tests_pg) PostgreSQL.

#include <doctest/doctest.h>

#include "store_fixture.hpp"
#include "vstation/store/privacy.hpp"
#include "web_state_fixture.hpp"

using namespace vstation;
using namespace vstation::store;
using namespace vstation::test::web_state;

TEST_CASE("pairing codes: used once, before expiry, for a device not revoked") {
  TempDb t;
  auto w = seed(*t.db);
  auto desk = web::pair_device(*t.db, w.station, "desk", hash(1), kNow);
  auto door = web::pair_device(*t.db, w.station, "door", hash(2), kNow);
  web::create_pair_code(*t.db, desk, hash(10), kNow, at(600));
  web::create_pair_code(*t.db, desk, hash(11), kNow, at(600));
  web::create_pair_code(*t.db, door, hash(12), kNow, at(600));
  CHECK_FALSE(web::device_paired_at(*t.db, desk));
  CHECK_FALSE(web::consume_pair_code(*t.db, hash(99), at(1)));  // unknown
  auto used = web::consume_pair_code(*t.db, hash(10), at(5));
  REQUIRE(used);
  CHECK(used->id == desk);
  CHECK(used->name == "desk");
  CHECK(web::device_paired_at(*t.db, desk) == at(5));
  CHECK_FALSE(web::consume_pair_code(*t.db, hash(10), at(6)));    // once
  CHECK_FALSE(web::consume_pair_code(*t.db, hash(11), at(600)));  // expired
  web::revoke_device(*t.db, door);
  CHECK_FALSE(web::consume_pair_code(*t.db, hash(12), at(7)));  // its device was revoked
  CHECK(web::get_device(*t.db, door)->revoked);
  CHECK_FALSE(web::get_device(*t.db, PairedDeviceId{99}));
  // Purging keeps the used code (it dates the pairing) and drops the expired unused ones.
  web::purge_expired(*t.db, at(700));
  CHECK(t.db->scalar("SELECT COUNT(*) FROM device_pair_codes") == 1);
  CHECK(web::device_paired_at(*t.db, desk) == at(5));
}

TEST_CASE("kiosk conversations: one per device session, replaced, purged, erased") {
  TempDb t;
  auto w = seed(*t.db);
  auto desk = web::pair_device(*t.db, w.station, "desk", hash(1), kNow);
  auto s1 = web::create_session(*t.db, session_for(desk, 20));
  auto s2 = web::create_session(*t.db, session_for(desk, 30));
  CHECK_FALSE(web::load_conversation(*t.db, s1));
  web::save_conversation(*t.db, s1, "pin;1;;;0;;0", std::nullopt, kNow);
  web::save_conversation(*t.db, s1, "idle;;1;;0;;0", w.v1, at(10));
  web::save_conversation(*t.db, s2, "idle;;2;;0;;0", w.v2, at(10));
  auto c = web::load_conversation(*t.db, s1);
  REQUIRE(c);
  CHECK(c->state == "idle;;1;;0;;0");
  CHECK(c->volunteer == w.v1);
  CHECK(c->updated == at(10));
  // A purged session takes its conversation along.
  web::revoke_session(*t.db, s2);
  web::purge_expired(*t.db, at(20));
  CHECK_FALSE(web::load_conversation(*t.db, s2));
  CHECK(web::load_conversation(*t.db, s1));
  // Erasing a volunteer sends every tablet back to its welcome.
  {
    Transaction tx(*t.db);
    CHECK(privacy::erase(*t.db, w.v1, at(30), "coordinator", "asked"));
    tx.commit();
  }
  CHECK(t.db->scalar("SELECT COUNT(*) FROM kiosk_conversations") == 0);
}
