#include <doctest/doctest.h>

#include "store_fixture.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

Station demo_station(Connection& db) {
  Station s;
  s.code = "icity";
  s.name = "I城志愿服务站";
  s.settings.rounding_minutes = 15;
  s.settings.walk_ins = WalkInPolicy::refuse;
  s.id = stations::insert(db, s);
  return s;
}

}  // namespace

TEST_CASE("stations, volunteers and projects round-trip") {
  TempDb t;
  auto& db = *t.db;
  Station s = demo_station(db);
  auto back = stations::find(db, "icity");
  REQUIRE(back);
  CHECK(back->name == "I城志愿服务站");
  CHECK(back->settings.rounding_minutes == 15);
  CHECK(back->settings.walk_ins == WalkInPolicy::refuse);

  Volunteer v;
  v.number = "V0001";
  v.name = "张三";
  v.phone = "13812345678";
  v.birth_date = parse_date("2000-01-02");
  v.join_date = parse_date("2023-03-04");
  v.home_station = s.id;
  v.id = volunteers::insert(db, v);
  auto vb = volunteers::find(db, "V0001");
  REQUIRE(vb);
  CHECK(vb->name == "张三");
  CHECK(vb->birth_date == v.birth_date);
  CHECK(vb->home_station == s.id);

  Project p;
  p.code = "P001";
  p.station = s.id;
  p.name = "周末交通劝导";
  p.category = Category::traffic_persuasion;
  p.published = p.starts = parse_date("2023-03-04");
  p.id = projects::insert(db, p);
  auto pb = projects::get(db, p.id);
  REQUIRE(pb);
  CHECK(pb->category == Category::traffic_persuasion);
  CHECK_FALSE(pb->ends.has_value());
}

TEST_CASE("shifts: minimums round-trip and overlapping shifts of one project are refused") {
  TempDb t;
  auto& db = *t.db;
  Station s = demo_station(db);
  Skill fa{SkillId{}, "first_aid", "first aid", "急救"};
  fa.id = skills::insert(db, fa);
  Project p;
  p.code = "P1";
  p.station = s.id;
  p.name = "x";
  p.published = p.starts = parse_date("2023-03-04");
  p.id = projects::insert(db, p);
  Shift sh;
  sh.station = s.id;
  sh.project = p.id;
  sh.time = {parse_instant("2023-05-01T09:00", s.zone), parse_instant("2023-05-01T12:00", s.zone)};
  sh.slots = 3;
  sh.minimums[fa.id] = 1;
  sh.id = shifts::insert(db, sh);
  auto back = shifts::get(db, sh.id);
  REQUIRE(back);
  CHECK(back->minimums.at(fa.id) == 1);
  CHECK(back->time == sh.time);

  Shift clash = sh;
  clash.time = {parse_instant("2023-05-01T11:00", s.zone), parse_instant("2023-05-01T13:00", s.zone)};
  CHECK_THROWS_AS(shifts::insert(db, clash), DataError);
  Shift after = sh;  // touching is fine
  after.time = {parse_instant("2023-05-01T12:00", s.zone), parse_instant("2023-05-01T15:00", s.zone)};
  CHECK_NOTHROW(shifts::insert(db, after));
}

TEST_CASE("sessions: raw instants are immutable and one open session per volunteer") {
  TempDb t;
  auto& db = *t.db;
  Station s = demo_station(db);
  Volunteer v;
  v.number = "V1";
  v.name = "李四";
  v.join_date = parse_date("2023-03-04");
  v.id = volunteers::insert(db, v);
  Session se;
  se.volunteer = v.id;
  se.station = s.id;
  se.raw_in = se.effective_in = parse_instant("2023-05-01T09:00", s.zone);
  se.id = sessions::insert(db, se);
  // a second open session for the same volunteer is refused by the database
  Session second = se;
  CHECK_THROWS_AS(sessions::insert(db, second), StoreError);
  // closing sets raw_out once
  se.raw_out = se.effective_out = parse_instant("2023-05-01T12:00", s.zone);
  se.status = SessionStatus::closed;
  se.credited_minutes = 180;
  sessions::update(db, se);
  auto back = sessions::get(db, se.id);
  REQUIRE(back);
  CHECK(back->credited_minutes == 180);
  // but never again
  se.raw_out = parse_instant("2023-05-01T13:00", s.zone);
  CHECK_THROWS_AS(sessions::update(db, se), StoreError);
  CHECK_THROWS_AS(db.execute("UPDATE sessions SET raw_in = raw_in + 60"), StoreError);
  CHECK(sessions::overlaps_existing(db, v.id, parse_instant("2023-05-01T11:00", s.zone),
                                    parse_instant("2023-05-01T13:00", s.zone)));
  CHECK_FALSE(sessions::overlaps_existing(db, v.id, parse_instant("2023-05-01T12:00", s.zone),
                                          parse_instant("2023-05-01T13:00", s.zone)));
}

TEST_CASE("the audit trail refuses UPDATE and DELETE") {
  TempDb t;
  auto& db = *t.db;
  AuditEntry e;
  e.at = Instant{1000};
  e.actor = "coordinator";
  e.entity = "session";
  e.entity_id = 1;
  e.action = "fix";
  e.old_value = "09:00-12:00";
  e.new_value = "09:00-11:00";
  audit::append(db, e);
  CHECK(audit::of(db, "session", 1).size() == 1);
  CHECK_THROWS_AS(db.execute("UPDATE audit SET reason = 'x'"), StoreError);
  CHECK_THROWS_AS(db.execute("DELETE FROM audit"), StoreError);
  CHECK(audit::of(db, "session", 1).front().new_value == "09:00-11:00");
}
