// Roster edits in lib/planning: stable rebuilds, drop-outs that later builds respect, and the
// one policy for manual assignments (refused unless forced with a reason, which is audited).

#include <doctest/doctest.h>

#include <set>

#include "kiosk_fixture.hpp"
#include "planning_fixture.hpp"
#include "vstation/planning/roster_edit.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;

namespace {

const planning::WeekScope kWeek{IsoWeek::parse("2023-W18"), std::nullopt};  // holds 2023-05-01

void offer_monday(KioskWorld& w) {
  for (auto v : w.volunteers)
    store::availability::insert_window(
        *w.db, {AvailabilityId{}, v, Weekday::mon, TimeOfDay{0}, TimeOfDay{24 * 60}});
}

std::set<std::int64_t> on_shift(KioskWorld& w) {
  std::set<std::int64_t> out;
  for (const auto& a : store::assignments::of_shift(*w.db, w.shift.id))
    if (a.status != AssignmentStatus::cancelled) out.insert(a.volunteer.value);
  return out;
}

}  // namespace

TEST_CASE("a rebuild with nothing changed changes nothing; a fresh one may") {
  KioskWorld w(5);  // five volunteers for three places
  offer_monday(w);
  auto first = planning::build_week(*w.db, kWeek, budget(), false, long_before);
  CHECK(first.added == 3);
  auto before = on_shift(w);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    auto o = budget();
    o.seed = seed;
    auto again = planning::build_week(*w.db, kWeek, o, false, long_before);
    CHECK(again.added + again.removed == 0);
    CHECK(on_shift(w) == before);
  }
}

TEST_CASE("a drop-out stays out of later builds and repairs until it is cleared") {
  KioskWorld w(4);
  offer_monday(w);
  planning::build_week(*w.db, kWeek, budget(), false, long_before);
  auto people = on_shift(w);
  REQUIRE(people.size() == 3);
  VolunteerId out{*people.begin()};
  planning::unassign(*w.db, out, w.shift, kLongBefore);
  CHECK_THROWS_AS(planning::unassign(*w.db, out, w.shift, kLongBefore),
                  DataError);  // not on it any more
  for (bool fresh : {false, true}) {
    planning::build_week(*w.db, kWeek, budget(), fresh, long_before);
    CHECK(on_shift(w).count(out.value) == 0);
    CHECK(on_shift(w).size() == 3);  // the fourth volunteer took the place
  }
  auto week = planning::stored_week(*w.db, kWeek, kLongBefore);
  REQUIRE(week.dropped.size() == 1);
  CHECK(week.dropped.front().volunteer == out.value);
  CHECK(planning::clear_dropouts(*w.db, kWeek, out, std::nullopt, kLongBefore) == 1);
  CHECK_THROWS_AS(planning::clear_dropouts(*w.db, kWeek, out, std::nullopt, kLongBefore),
                  DataError);
  CHECK(planning::stored_week(*w.db, kWeek, kLongBefore).dropped.empty());
}

TEST_CASE("a manual assignment that breaks a rule about the person is refused unless forced") {
  KioskWorld w(4);
  offer_monday(w);
  store::Lookup lookup(*w.db);
  // Three places: three by hand, the fourth finds the shift full.
  for (int i = 0; i < 3; ++i)
    planning::assign(*w.db, lookup, w.volunteers[std::size_t(i)], w.shift, false, std::nullopt,
                     kLongBefore);
  auto count = [&] { return store::assignments::of_shift(*w.db, w.shift.id).size(); };
  CHECK_THROWS_AS(
      planning::assign(*w.db, lookup, w.volunteers[3], w.shift, false, std::nullopt, kLongBefore),
      DataError);
  CHECK(count() == 3);
  auto forced =
      planning::assign(*w.db, lookup, w.volunteers[3], w.shift, false,
                       store::Override{"needed a fourth", w.at("2023-04-28T10:00")}, kLongBefore);
  CHECK(count() == 4);
  REQUIRE(forced.forced.size() == 1);
  CHECK(forced.forced.front().rule == store::PersonRule::full);
  auto a = store::assignments::find(*w.db, w.shift.id, w.volunteers[3]);
  auto trail = store::audit::of(*w.db, "assignment", a->id.value);
  REQUIRE(trail.size() == 1);
  CHECK(trail.front().reason == "needed a fourth");
  // The forced place holds: a rebuild pushes nobody off.
  planning::build_week(*w.db, kWeek, budget(), true, long_before);
  CHECK(on_shift(w).size() == 4);
}

TEST_CASE("the person's rules: retired, suspended, under 14 without consent, not joined yet") {
  KioskWorld w(1);
  store::Lookup lookup(*w.db);
  auto v = *store::volunteers::get(*w.db, w.volunteers[0]);
  auto rules = [&](Volunteer changed) {
    store::volunteers::update(*w.db, changed);
    lookup.clear();
    std::vector<store::PersonRule> out;
    for (const auto& b : store::assignment_breaks(*w.db, lookup, changed.id, w.shift))
      out.push_back(b.rule);
    return out;
  };
  CHECK(rules(v).empty());
  auto r = v;
  r.status = VolunteerStatus::retired;
  CHECK(rules(r) == std::vector{store::PersonRule::retired});
  r.status = VolunteerStatus::suspended;
  CHECK(rules(r) == std::vector{store::PersonRule::suspended});
  auto young = v;
  young.birth_date = parse_date("2010-01-01");  // 13 on 2023-05-01
  CHECK(rules(young) == std::vector{store::PersonRule::no_consent});
  young.guardian_consent = true;
  CHECK(rules(young).empty());
  auto later = v;
  later.join_date = parse_date("2023-05-02");
  CHECK(rules(later) == std::vector{store::PersonRule::not_joined});
}
