#include <doctest/doctest.h>

#include "store_fixture.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/stats.hpp"

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

VolunteerId add_volunteer(Connection& db, const std::string& number, const std::string& name) {
  Volunteer v;
  v.number = number;
  v.name = name;
  v.join_date = parse_date("2023-03-04");
  return volunteers::insert(db, v);
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
  after.id = shifts::insert(db, after);
  // An update is checked the same way, the shift itself being no clash; a cancelled one
  // occupies nothing.
  Shift moved = *shifts::get(db, after.id);
  moved.time.end = parse_instant("2023-05-01T16:00", s.zone);
  CHECK_NOTHROW(shifts::update(db, moved));
  moved.time.begin = parse_instant("2023-05-01T11:30", s.zone);
  CHECK_THROWS_AS(shifts::update(db, moved), DataError);
  moved.cancelled = true;
  CHECK_NOTHROW(shifts::update(db, moved));
  moved.cancelled = false;
  CHECK_THROWS_AS(shifts::update(db, moved), DataError);
}

TEST_CASE("sessions: raw instants are immutable and one open session per volunteer") {
  TempDb t;
  auto& db = *t.db;
  Station s = demo_station(db);
  VolunteerId v = add_volunteer(db, "V1", "李四");
  Session se;
  se.volunteer = v;
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
  CHECK(sessions::overlaps_existing(db, v, parse_instant("2023-05-01T11:00", s.zone),
                                    parse_instant("2023-05-01T13:00", s.zone)));
  CHECK_FALSE(sessions::overlaps_existing(db, v, parse_instant("2023-05-01T12:00", s.zone),
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

// The readers by time ask for the credited sessions (sessions_credited), those closed without
// credit (sessions_uncredited, schema 28) and the open ones apart, and must see all three.
TEST_CASE("sessions by time: open sessions come with the others, in order") {
  TempDb t;
  auto& db = *t.db;
  Station s = demo_station(db);
  Station other;
  other.code = "other";
  other.name = "另一站";
  other.id = stations::insert(db, other);
  std::vector<VolunteerId> people;
  for (const char* number : {"V1", "V2", "V3"}) people.push_back(add_volunteer(db, number, number));
  auto add = [&](VolunteerId v, const Station& at, const char* in, const char* out,
                 std::int64_t credited = 60) {
    Session se;
    se.volunteer = v;
    se.station = at.id;
    se.raw_in = se.effective_in = parse_instant(in, s.zone);
    if (out) {
      se.raw_out = se.effective_out = parse_instant(out, s.zone);
      se.status = SessionStatus::closed;
      se.credited_minutes = credited;
    }
    return sessions::insert(db, se);
  };
  add(people[0], s, "2023-05-01T08:00", "2023-05-01T09:00");
  SessionId open_early = add(people[1], s, "2023-05-01T08:30", nullptr);
  SessionId uncredited = add(people[2], s, "2023-05-01T08:45", "2023-05-01T08:50", 0);
  add(people[0], s, "2023-05-01T10:00", "2023-05-01T11:00");
  // The station's first day has only a session closed without credit.
  add(people[2], s, "2023-04-30T22:00", "2023-04-30T22:05", 0);
  add(people[2], other, "2023-05-01T09:00", nullptr);
  SessionId open_late = add(people[0], s, "2023-05-02T07:00", nullptr);

  auto ids = [](const std::vector<Session>& list) {
    std::vector<std::int64_t> out;
    for (const auto& x : list) out.push_back(x.id.value);
    return out;
  };
  TimeRange day{parse_instant("2023-05-01T00:00", s.zone),
                parse_instant("2023-05-02T00:00", s.zone)};
  auto at_station = sessions::in_range(db, day, s.id);
  REQUIRE(at_station.size() == 4);
  CHECK(at_station[1].id == open_early);
  CHECK(at_station[1].status == SessionStatus::open);
  CHECK(at_station[2].id == uncredited);
  for (std::size_t i = 1; i < at_station.size(); ++i)
    CHECK(at_station[i - 1].effective_in < at_station[i].effective_in);
  CHECK(sessions::in_range(db, day).size() == 5);  // every station: the other's open one too
  CHECK(ids(sessions::in_range(db, {day.begin, parse_instant("2023-05-03T00:00", s.zone)}, s.id))
            .back() == open_late.value);

  // The activity span reaches the day of the latest check-in, open or not.
  auto span = stats::activity_span(db, s.id);
  REQUIRE(span);
  CHECK(span->first == parse_date("2023-04-30"));
  CHECK(span->last == parse_date("2023-05-02"));
  auto every = stats::activity_span(db, std::nullopt);
  REQUIRE(every);
  CHECK(every->last == parse_date("2023-05-02"));
}
