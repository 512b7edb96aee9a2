// The freeze rule of lib/planning: once a shift has begun, who is on it is the record of who
// served. Builds keep its people and add nobody, repairs leave it, hand edits are refused, and a
// plan worked out before it began is stale after. Nothing is saved before a plan is applied.

#include <doctest/doctest.h>

#include <set>

#include "kiosk_fixture.hpp"
#include "planning_fixture.hpp"
#include "vstation/planning/roster_edit.hpp"
#include "vstation/planning/roster_plan.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;

namespace {

// The fixture's shift (Mon 2023-05-01 09:00-12:00, three places) and an afternoon one; it is
// Monday 10:00: the morning has begun, the afternoon has not.
struct FreezeWorld : KioskWorld {
  planning::WeekScope week{IsoWeek::parse("2023-W18"), station.id};
  Shift afternoon;
  Instant now = at("2023-05-01T10:00");
  FreezeWorld() : KioskWorld(5) {
    for (auto v : volunteers)
      store::availability::insert_window(
          *db, {AvailabilityId{}, v, Weekday::mon, TimeOfDay{0}, TimeOfDay{24 * 60}});
    afternoon = shift;
    afternoon.time = {at("2023-05-01T14:00"), at("2023-05-01T17:00")};
    afternoon.id = store::shifts::insert(*db, afternoon);
  }
  std::set<std::int64_t> on(const Shift& s) {
    std::set<std::int64_t> out;
    for (const auto& a : store::assignments::of_shift(*db, s.id))
      if (a.status != AssignmentStatus::cancelled) out.insert(a.volunteer.value);
    return out;
  }
  void put(VolunteerId v, const Shift& s) {
    Assignment a;
    a.shift = s.id;
    a.volunteer = v;
    store::assignments::insert(*db, a);
  }
};

}  // namespace

TEST_CASE("a build keeps who is on a shift that has begun and adds nobody to it") {
  FreezeWorld w;
  w.put(w.volunteers[0], w.shift);  // one of three places filled, and it has begun
  for (bool fresh : {false, true}) {
    auto o = planning::build_week(*w.db, w.week, budget(), fresh, [&] { return w.now; });
    CHECK(w.on(w.shift) == std::set<std::int64_t>{w.volunteers[0].value});
    CHECK(w.on(w.afternoon).size() == 3);
    CHECK(o.shifts == 2);
  }
  // Its empty places are no gap to fill any more.
  CHECK(planning::stored_week(*w.db, w.week, w.now).roster.gaps.empty());
  CHECK(planning::stored_week(*w.db, w.week, kLongBefore).roster.gaps.size() == 1);
}

TEST_CASE("hand edits of a shift that has begun are refused and change nothing") {
  FreezeWorld w;
  w.put(w.volunteers[0], w.shift);
  store::Lookup lookup(*w.db);
  const std::set<std::int64_t> before{w.volunteers[0].value};
  CHECK_THROWS_WITH_AS(
      planning::assign(*w.db, lookup, w.volunteers[1], w.shift, false, std::nullopt, w.now),
      doctest::Contains("began at 2023-05-01 09:00"), DataError);
  CHECK_THROWS_AS(planning::unassign(*w.db, w.volunteers[0], w.shift, w.now), DataError);
  CHECK_THROWS_AS(planning::unassign(*w.db, w.volunteers[0], w.shift, w.now, std::nullopt, false),
                  DataError);
  CHECK(w.on(w.shift) == before);
  // A drop-out of a shift that has begun stays on record.
  auto a = store::assignments::find(*w.db, w.shift.id, w.volunteers[0]);
  a->status = AssignmentStatus::cancelled;
  store::assignments::update(*w.db, *a);
  CHECK_THROWS_AS(planning::clear_dropouts(*w.db, w.week, w.volunteers[0], w.shift.id, w.now),
                  DataError);
  CHECK_THROWS_WITH_AS(
      planning::clear_dropouts(*w.db, w.week, w.volunteers[0], std::nullopt, w.now),
      doctest::Contains("on shifts that have begun: they stay on record"), DataError);
  CHECK(planning::stored_week(*w.db, w.week, w.now).dropped.size() == 1);
  // The afternoon has not begun: edits go through.
  planning::assign(*w.db, lookup, w.volunteers[1], w.afternoon, false, std::nullopt, w.now);
  planning::unassign(*w.db, w.volunteers[1], w.afternoon, w.now);
}

TEST_CASE("a repair takes the one who drops out off the shifts to come only") {
  FreezeWorld w;
  w.put(w.volunteers[0], w.shift);
  w.put(w.volunteers[0], w.afternoon);
  auto o = planning::repair_week(*w.db, w.week, w.volunteers[0], budget(), [&] { return w.now; });
  CHECK(o.dropped_shifts == 1);
  CHECK(w.on(w.shift) == std::set<std::int64_t>{w.volunteers[0].value});  // served: kept
  CHECK(w.on(w.afternoon).count(w.volunteers[0].value) == 0);
  CHECK(store::assignments::find(*w.db, w.afternoon.id, w.volunteers[0])->status ==
        AssignmentStatus::cancelled);
  // Now on a begun shift only: nothing to repair.
  CHECK_THROWS_WITH_AS(
      planning::repair_week(*w.db, w.week, w.volunteers[0], budget(), [&] { return w.now; }),
      doctest::Contains("yet to begin"), DataError);
}

TEST_CASE("a plan worked out before a shift began is stale after, and saves nothing") {
  FreezeWorld w;
  auto plan = planning::plan_build(*w.db, w.week, budget(), false, w.at("2023-05-01T08:00"));
  REQUIRE(!plan.changes.empty());
  CHECK_THROWS_AS(planning::apply_plan(*w.db, plan, w.now), planning::PlanStale);
  CHECK(w.on(w.shift).empty());
  CHECK(w.on(w.afternoon).empty());
}

TEST_CASE("a build of a week whose shifts have all begun is refused, saving nothing") {
  FreezeWorld w;
  const Instant later = w.at("2023-05-08T10:00");
  CHECK_THROWS_WITH_AS(planning::build_week(*w.db, w.week, budget(), false, [&] { return later; }),
                       doctest::Contains("every shift of 2023-W18 has begun"), DataError);
  CHECK(w.on(w.shift).empty());
}

TEST_CASE("a shift that begins while the build works saves nothing for it") {
  FreezeWorld w;
  // Read when the plan is made (08:00), then when it is saved (10:00): the morning began between.
  int reads = 0;
  const auto clock = [&] { return w.at(reads++ == 0 ? "2023-05-01T08:00" : "2023-05-01T10:00"); };
  CHECK_THROWS_WITH_AS(planning::build_week(*w.db, w.week, budget(), false, clock),
                       doctest::Contains("one of its shifts began"), DataError);
  CHECK(reads == 2);
  CHECK(w.on(w.shift).empty());
  CHECK(w.on(w.afternoon).empty());
}
