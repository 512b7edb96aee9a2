// Builds and repairs as plans (the web's preview and confirm): a dry plan saves nothing, applying
// it saves exactly its changes with audit rows, a week changed meanwhile is refused as stale, a
// change list survives its form field, and publishing stamps the week and notices later changes.

#include <doctest/doctest.h>

#include <set>

#include "kiosk_fixture.hpp"
#include "planning_fixture.hpp"
#include "vstation/planning/roster_plan.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;

namespace {

struct PlanWorld : KioskWorld {
  planning::WeekScope week{IsoWeek::parse("2023-W18"), station.id};  // holds 2023-05-01
  PlanWorld() : KioskWorld(4) {
    for (auto v : volunteers)
      store::availability::insert_window(
          *db, {AvailabilityId{}, v, Weekday::mon, TimeOfDay{0}, TimeOfDay{24 * 60}});
  }
  std::set<std::int64_t> on_shift() {
    std::set<std::int64_t> out;
    for (const auto& a : store::assignments::of_shift(*db, shift.id))
      if (a.status != AssignmentStatus::cancelled) out.insert(a.volunteer.value);
    return out;
  }
};

}  // namespace

TEST_CASE("a dry build saves nothing; applying it saves exactly its changes") {
  PlanWorld w;
  auto plan = planning::plan_build(*w.db, w.week, budget(), false, kLongBefore);
  CHECK(plan.changes.size() == 3);
  CHECK(w.on_shift().empty());
  auto out = planning::apply_plan(*w.db, plan, kLongBefore,
                                  planning::EditAudit{"web coordinator alice", {}});
  CHECK(out.added == 3);
  std::set<std::int64_t> planned;
  for (const auto& c : plan.changes) planned.insert(c.volunteer.value);
  CHECK(w.on_shift() == planned);
  std::size_t audited = 0;
  for (const auto& a : store::assignments::of_shift(*w.db, w.shift.id))
    audited += store::audit::of(*w.db, "assignment", a.id.value).size();
  CHECK(audited == 3);
}

TEST_CASE("a posted plan naming a volunteer the week does not know is refused, saving nothing") {
  PlanWorld w;
  auto plan = planning::plan_build(*w.db, w.week, budget(), false, kLongBefore);
  REQUIRE(!plan.changes.empty());
  for (std::int64_t unknown : {std::int64_t{99999}, std::int64_t{-1}, std::int64_t{0}}) {
    auto forged = plan;
    forged.changes.back().volunteer = VolunteerId{unknown};
    CHECK_THROWS_AS(planning::apply_plan(*w.db, forged, kLongBefore), DataError);
    CHECK(w.on_shift().empty());
  }
}

TEST_CASE("a plan for a week that changed meanwhile is refused and saves nothing") {
  PlanWorld w;
  auto plan = planning::plan_build(*w.db, w.week, budget(), false, kLongBefore);
  w.roster(w.volunteers[3]);  // a sign-up after the preview
  CHECK_THROWS_AS(planning::apply_plan(*w.db, plan, kLongBefore), planning::PlanStale);
  CHECK(w.on_shift() == std::set<std::int64_t>{w.volunteers[3].value});
}

TEST_CASE("a repair plan records the drop-outs and refills") {
  PlanWorld w;
  planning::apply_plan(*w.db, planning::plan_build(*w.db, w.week, budget(), false, kLongBefore),
                       kLongBefore);
  auto on = w.on_shift();
  VolunteerId gone{*on.begin()};
  auto plan = planning::plan_repair(*w.db, w.week, gone, budget(), kLongBefore);
  auto out = planning::apply_plan(*w.db, plan, kLongBefore);
  CHECK(out.dropped_shifts == 1);
  CHECK(out.added == 1);
  CHECK(w.on_shift().count(gone.value) == 0);
  CHECK(w.on_shift().size() == 3);
  CHECK(store::assignments::find(*w.db, w.shift.id, gone)->status == AssignmentStatus::cancelled);
}

TEST_CASE("a change list round-trips through its form field; anything else is refused") {
  std::vector<planning::PlannedChange> v{
      {roster::ChangeKind::added, VolunteerId{3}, ProjectId{1}, Instant{1682902800}},
      {roster::ChangeKind::removed, VolunteerId{12}, ProjectId{2}, Instant{-5}}};
  std::sort(v.begin(), v.end());
  CHECK(planning::decode_changes(planning::encode_changes(v)) == v);
  CHECK(planning::decode_changes("")->empty());
  for (const char* bad : {"x.1.2.3", "a.1.2", "a.0.2.3", "a.1.2.3 ", "a.1.2.3x", "a..2.3"})
    CHECK_MESSAGE(!planning::decode_changes(bad), bad);
}

TEST_CASE("publishing stamps the week; a later change shows") {
  PlanWorld w;
  CHECK(!planning::publish_state(*w.db, w.week).published);
  auto p = planning::publish_week(*w.db, w.week, Instant{100}, "cli");
  CHECK(p.week == "2023-W18");
  auto s = planning::publish_state(*w.db, w.week);
  REQUIRE(s.published);
  CHECK(s.published->by == "cli");
  CHECK(!s.changed_since);
  w.roster(w.volunteers[0]);
  CHECK(planning::publish_state(*w.db, w.week).changed_since);
  planning::WeekScope empty{IsoWeek::parse("2023-W30"), w.station.id};
  CHECK_THROWS_AS(planning::publish_week(*w.db, empty, Instant{100}, "cli"), DataError);
}
