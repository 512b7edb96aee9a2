// A volunteer's own sign-ups (lib/planning self_service): each wall keeps a slot off the offer
// and refuses a sign-up leaving the database as it was; availability is only a wish; two people
// racing for the last place: exactly one gets it; cancelling until the deadline, inclusive.

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "kiosk_fixture.hpp"
#include "vstation/planning/self_service.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;

namespace {

struct SignUpWorld : KioskWorld {
  // Four days before the fixture's shift (Mon 2023-05-01 09:00–12:00, three places).
  Instant now = at("2023-04-27T10:00");
  ProjectId other_project;

  SignUpWorld() : KioskWorld(4) {
    Project p;
    p.code = "P2";
    p.station = station.id;
    p.name = "便民服务";
    p.published = p.starts = parse_date("2023-03-01");
    other_project = store::projects::insert(*db, p);
  }

  // Another shift (of the second project, so it may overlap the first) with `v` on it.
  ShiftId other_shift(const char* from, const char* to, std::optional<VolunteerId> v = {}) {
    Shift s;
    s.station = station.id;
    s.project = other_project;
    s.time = {at(from), at(to)};
    s.slots = 2;
    s.id = store::shifts::insert(*db, s);
    if (v) store::assignments::insert(*db, Assignment{AssignmentId{}, s.id, *v});
    return s.id;
  }

  Volunteer person(int i) { return *store::volunteers::get(*db, volunteers[i]); }
  void save(const Volunteer& v) { store::volunteers::update(*db, v); }

  bool offered(int i) {
    for (const auto& s : planning::open_slots(*db, volunteers[i], station.id, now))
      if (s.shift.id == shift.id) return true;
    return false;
  }

  std::int64_t rows() {
    return *db->scalar("SELECT count(*) FROM assignments") * 1000 +
           *db->scalar("SELECT count(*) FROM audit");
  }

  // The wall that refuses volunteer i the fixture's shift: not offered, and refused on sign-up
  // with the rule's code, nothing changed.
  void refused(int i, planning::Wall wall, planning::Refusal::Kind kind =
                                               planning::Refusal::Kind::not_allowed) {
    CHECK_FALSE(offered(i));
    auto hits = planning::walls(*db, volunteers[i], shift, now);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().wall == wall);
    auto before = rows();
    try {
      planning::sign_up(*db, volunteers[i], shift.id, now, "web volunteer V");
      FAIL("signed up past a wall");
    } catch (const planning::Refusal& e) {
      CHECK(e.kind() == kind);
      CHECK(e.code() == planning::wall_code(wall));
      CHECK_FALSE(e.text().render(Lang::zh).empty());
    }
    CHECK(rows() == before);
  }
};

}  // namespace

TEST_CASE("an open slot is offered, outside the usual times too, and taken with an audit row") {
  SignUpWorld w;
  auto slots = planning::open_slots(*w.db, w.volunteers[0], w.station.id, w.now);
  REQUIRE(slots.size() == 1);
  CHECK(slots[0].free == 3);
  REQUIRE(slots[0].bends.size() == 1);  // no availability given: a wish bent, not a wall
  CHECK(slots[0].bends[0] == planning::Bend::outside_availability);
  CHECK(slots[0].why.render(Lang::en) == "outside your usual times");
  store::availability::insert_window(*w.db, {AvailabilityId{}, w.volunteers[0], Weekday::mon,
                                             TimeOfDay{8 * 60}, TimeOfDay{13 * 60},
                                             Preference::prefer});
  slots = planning::open_slots(*w.db, w.volunteers[0], w.station.id, w.now);
  REQUIRE(slots.size() == 1);
  CHECK(slots[0].bends.empty());
  CHECK(slots[0].preferred);
  CHECK(slots[0].why.render(Lang::zh) == "在您偏好的时间内");

  auto a = planning::sign_up(*w.db, w.volunteers[0], w.shift.id, w.now, "web volunteer V1");
  CHECK(a.source == AssignmentSource::manual);
  auto trail = store::audit::of(*w.db, "assignment", a.id.value);
  REQUIRE(trail.size() == 1);
  CHECK(trail[0].actor == "web volunteer V1");
  CHECK(trail[0].action == "signed_up");
  w.refused(0, planning::Wall::already_on, planning::Refusal::Kind::conflict);
  auto mine = planning::my_shifts(*w.db, w.volunteers[0], w.now);
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].cancellable_until == w.at("2023-04-30T09:00"));
  CHECK(mine[0].cancellable);
}

TEST_CASE("a slot in a window marked 'rather not' is offered, saying so") {
  SignUpWorld w;
  store::availability::insert_window(*w.db, {AvailabilityId{}, w.volunteers[0], Weekday::mon,
                                             TimeOfDay{8 * 60}, TimeOfDay{13 * 60},
                                             Preference::avoid});
  auto slots = planning::open_slots(*w.db, w.volunteers[0], w.station.id, w.now);
  REQUIRE(slots.size() == 1);
  REQUIRE(slots[0].bends.size() == 1);
  CHECK(slots[0].bends[0] == planning::Bend::avoided);
}

TEST_CASE("walls: an overlapping shift, the weekly maximums, rest") {
  SignUpWorld w;
  w.other_shift("2023-05-01T11:00", "2023-05-01T14:00", w.volunteers[0]);
  w.refused(0, planning::Wall::overlap);

  w.other_shift("2023-05-02T09:00", "2023-05-02T12:00", w.volunteers[1]);
  auto v = w.person(1);
  v.max_shifts_per_week = 1;
  w.save(v);
  w.refused(1, planning::Wall::max_shifts);
  v.max_shifts_per_week = 5;
  v.max_minutes_per_week = 5 * 60;  // 3 h on Tuesday + 3 h here
  w.save(v);
  w.refused(1, planning::Wall::max_minutes);
  v.max_minutes_per_week = 6 * 60;
  w.save(v);
  CHECK(w.offered(1));

  w.other_shift("2023-05-01T14:00", "2023-05-01T16:00", w.volunteers[2]);
  CHECK(w.offered(2));
  w.station.settings.min_rest_minutes = 180;
  store::stations::update(*w.db, w.station);
  w.refused(2, planning::Wall::min_rest);
}

TEST_CASE("walls: the person (retired, suspended, not joined yet, under 14 without consent)") {
  SignUpWorld w;
  auto v = w.person(0);
  v.status = VolunteerStatus::retired;
  w.save(v);
  w.refused(0, planning::Wall::retired);
  v.status = VolunteerStatus::suspended;
  w.save(v);
  w.refused(0, planning::Wall::suspended);
  v.status = VolunteerStatus::active;
  v.join_date = parse_date("2023-05-02");
  w.save(v);
  w.refused(0, planning::Wall::not_joined);
  v.join_date = parse_date("2023-03-01");
  v.birth_date = parse_date("2010-01-01");
  w.save(v);
  w.refused(0, planning::Wall::no_consent);
  v.guardian_consent = true;
  w.save(v);
  CHECK(w.offered(0));
}

TEST_CASE("walls: a full shift, one under way, and places kept for a skill valid that day") {
  SignUpWorld w;
  auto first_aid = store::skills::insert(*w.db, Skill{SkillId{}, "first_aid", "First aid", "急救"});
  w.shift.minimums[first_aid] = 1;
  w.shift.slots = 2;
  store::shifts::update(*w.db, w.shift);
  w.roster(w.volunteers[3]);  // one place left, and nobody with first aid yet
  w.refused(0, planning::Wall::skill);
  store::skills::add_certification(
      *w.db, {w.volunteers[0], first_aid, parse_date("2021-01-01"), parse_date("2023-04-30")});
  w.refused(0, planning::Wall::skill);  // expired the day before
  store::skills::add_certification(
      *w.db, {w.volunteers[1], first_aid, parse_date("2023-04-01"), std::nullopt});
  CHECK(w.offered(1));
  planning::sign_up(*w.db, w.volunteers[1], w.shift.id, w.now, "web volunteer V2");
  w.refused(2, planning::Wall::full, planning::Refusal::Kind::conflict);

  w.now = w.at("2023-05-01T09:00");
  w.refused(2, planning::Wall::started);
}

TEST_CASE("cancelling: until the deadline inclusive, then refused naming the contact") {
  SignUpWorld w;
  w.station.settings.cancel_deadline_hours = 48;
  w.station.contact = "13800000000";
  store::stations::update(*w.db, w.station);
  planning::sign_up(*w.db, w.volunteers[0], w.shift.id, w.now, "web volunteer V1");
  planning::sign_up(*w.db, w.volunteers[1], w.shift.id, w.now, "web volunteer V2");
  // Another volunteer's place is not theirs to cancel.
  CHECK_THROWS_AS(planning::cancel(*w.db, w.volunteers[2], w.shift.id, w.now, "x"),
                  planning::Refusal);
  const Instant deadline = w.at("2023-04-29T09:00");
  auto before = w.rows();
  try {
    planning::cancel(*w.db, w.volunteers[1], w.shift.id, deadline.plus_minutes(1), "web");
    FAIL("cancelled after the deadline");
  } catch (const planning::Refusal& e) {
    CHECK(e.kind() == planning::Refusal::Kind::too_late);
    CHECK(e.text().render(Lang::en).find("contact the coordinator (13800000000)") !=
          std::string::npos);
    CHECK(e.text().render(Lang::zh).find("请联系站长（13800000000）") != std::string::npos);
  }
  CHECK(w.rows() == before);
  CHECK_FALSE(planning::my_shifts(*w.db, w.volunteers[1], deadline.plus_minutes(1))[0].cancellable);

  planning::cancel(*w.db, w.volunteers[0], w.shift.id, deadline, "web volunteer V1");
  auto a = store::assignments::find(*w.db, w.shift.id, w.volunteers[0]);
  CHECK(a->status == AssignmentStatus::cancelled);  // kept: the coordinator sees the drop-out
  auto trail = store::audit::of(*w.db, "assignment", a->id.value);
  REQUIRE(trail.size() == 2);
  CHECK(trail[1].action == "cancelled");
  CHECK(trail[1].actor == "web volunteer V1");
  CHECK(planning::my_shifts(*w.db, w.volunteers[0], w.now).empty());
  CHECK_THROWS_AS(planning::cancel(*w.db, w.volunteers[0], w.shift.id, w.now, "x"),
                  planning::Refusal);

  // They may take it up again themselves, while there is a place.
  auto slots = planning::open_slots(*w.db, w.volunteers[0], w.station.id, w.now);
  REQUIRE(slots.size() == 1);
  CHECK(slots[0].returning);
  auto again = planning::sign_up(*w.db, w.volunteers[0], w.shift.id, w.now, "web volunteer V1");
  CHECK(again.id == a->id);
  CHECK(again.status == AssignmentStatus::planned);
}

TEST_CASE("two phones race for the last place: exactly one gets it") {
  SignUpWorld w;
  w.shift.slots = 1;
  store::shifts::update(*w.db, w.shift);
  for (int round = 0; round < 4; ++round) {
    std::atomic<int> won{0}, full{0}, other{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> phones;
    for (int i = 0; i < 3; ++i)
      phones.emplace_back([&, i] {
        auto db = store::open_database(w.path);
        while (!go) std::this_thread::yield();
        try {
          planning::sign_up(*db, w.volunteers[i], w.shift.id, w.now, "web");
          ++won;
        } catch (const planning::Refusal& e) {
          (e.kind() == planning::Refusal::Kind::conflict ? full : other)++;
        } catch (...) {
          ++other;
        }
      });
    go = true;
    for (auto& t : phones) t.join();
    CHECK(won == 1);
    CHECK(full == 2);
    CHECK(other == 0);
    int on = 0;
    for (const auto& a : store::assignments::of_shift(*w.db, w.shift.id))
      if (a.status != AssignmentStatus::cancelled) {
        ++on;
        store::assignments::remove(*w.db, a.id);  // next round starts empty
      }
    CHECK(on == 1);
  }
}

TEST_CASE("a slot past the cancellation deadline is offered as binding, from the deadline on") {
  SignUpWorld w;  // the shift starts Mon 2023-05-01 09:00; the station's deadline is 24 h
  const auto binding = [&](const char* now) {
    auto slots = planning::open_slots(*w.db, w.volunteers[0], w.station.id, w.at(now));
    REQUIRE(slots.size() == 1);
    return slots[0].binding;
  };
  CHECK_FALSE(binding("2023-04-27T10:00"));
  CHECK_FALSE(binding("2023-04-30T09:00"));  // cancelling at the deadline is still in time
  CHECK(binding("2023-04-30T09:01"));
  CHECK(binding("2023-05-01T08:59"));
  // It follows the station's setting, and agrees with what cancel() would then say.
  w.station.settings.cancel_deadline_hours = 0;
  store::stations::update(*w.db, w.station);
  CHECK_FALSE(binding("2023-05-01T08:59"));
  w.station.settings.cancel_deadline_hours = 72;
  store::stations::update(*w.db, w.station);
  CHECK(binding("2023-04-28T09:01"));
  planning::sign_up(*w.db, w.volunteers[0], w.shift.id, w.at("2023-04-28T09:01"), "web");
  CHECK_THROWS_AS(
      planning::cancel(*w.db, w.volunteers[0], w.shift.id, w.at("2023-04-28T09:01"), "web"),
      planning::Refusal);
}

TEST_CASE("the offer says why the shifts with a free place were not offered") {
  SignUpWorld w;
  // Nothing kept back: the one shift is offered.
  auto all = planning::offer(*w.db, w.volunteers[1], w.station.id, w.now);
  CHECK(all.slots.size() == 1);
  CHECK(all.not_offered.empty());
  CHECK(all.shifts == 1);
  CHECK(all.full == 0);

  // Their weekly hours: 3 h on Tuesday of the same week, a maximum of 5 h.
  w.other_shift("2023-05-02T09:00", "2023-05-02T12:00", w.volunteers[1]);
  auto v = w.person(1);
  v.max_minutes_per_week = 5 * 60;
  w.save(v);
  all = planning::offer(*w.db, w.volunteers[1], w.station.id, w.now);
  CHECK(all.slots.empty());
  CHECK(all.shifts == 2);
  REQUIRE(all.not_offered.size() == 2);
  CHECK(all.not_offered[0].wall == planning::Wall::max_minutes);
  CHECK(all.not_offered[0].shifts == 1);
  CHECK(all.not_offered[0].why.render(Lang::en) ==
        "week of 2023-05-01 (2023-W18): you have 3 h of your weekly maximum of 5 h, too little "
        "left for the open shifts");
  CHECK(all.not_offered[0].why.render(Lang::zh) ==
        "2023-05-01 起的一周（2023-W18）：您已有 3 小时，每周上限 5 "
        "小时，余下的时间不够报名空缺班次");
  CHECK(all.not_offered[1].wall == planning::Wall::already_on);  // Tuesday's: theirs already

  // The same rule as the walls: the reason is the first wall a sign-up would be refused by.
  auto hits = planning::walls(*w.db, w.volunteers[1], w.shift, w.now);
  REQUIRE_FALSE(hits.empty());
  CHECK(hits.front().wall == all.not_offered[0].wall);

  // Two more shifts that week, kept back by the same limit: one reason, three shifts.
  Shift more = w.shift;
  for (std::string day : {"2023-05-03", "2023-05-04"}) {
    more.time = {w.at((day + "T09:00").c_str()), w.at((day + "T12:00").c_str())};
    more.id = store::shifts::insert(*w.db, more);
  }
  all = planning::offer(*w.db, w.volunteers[1], w.station.id, w.now);
  REQUIRE(all.not_offered.size() == 2);
  CHECK(all.not_offered[0].shifts == 3);

  // A full shift is counted, not explained by a wall.
  more.time = {w.at("2023-05-05T09:00"), w.at("2023-05-05T12:00")};
  more.slots = 1;
  more.id = store::shifts::insert(*w.db, more);
  store::assignments::insert(*w.db, Assignment{AssignmentId{}, more.id, w.volunteers[2]});
  all = planning::offer(*w.db, w.volunteers[1], w.station.id, w.now);
  CHECK(all.full == 1);
  CHECK(all.shifts == 5);
  CHECK(all.not_offered.size() == 2);
}
