// Random small station weeks, solved and then checked by an independent checker written here
// from the hard rules (no engine code), plus explanation, repair and determinism properties.

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "vstation/roster/search.hpp"
#include "vstation/roster/station.hpp"

using namespace vstation::roster;

namespace {

constexpr Instant kHour = 3600;
constexpr Instant kMonday = 1'717'372'800;  // 2024-06-03 00:00 UTC

StationProblem random_problem(std::uint64_t seed) {
  Rng rng(seed);
  StationProblem problem;
  problem.min_rest_minutes = 60 * static_cast<int>(rng.below(3));
  const int shifts = 8 + static_cast<int>(rng.below(8));
  for (int s = 0; s < shifts; ++s) {
    Shift shift;
    shift.id = 100 + s;
    shift.station = 1 + rng.below(2);
    shift.day = static_cast<int>(rng.below(7));
    const int start_hour = 7 + static_cast<int>(rng.below(10));
    shift.start = kMonday + shift.day * 24 * kHour + start_hour * kHour;
    shift.end = shift.start + (2 + rng.below(3)) * kHour;
    shift.local_start_minute = start_hour * 60;
    shift.priority = 1 + static_cast<int>(rng.below(3));
    shift.slots = 1 + static_cast<int>(rng.below(3));
    if (rng.below(2) == 0) shift.skill_minimums.push_back({1 + rng.below(2), 1});
    problem.shifts.push_back(shift);
  }
  const int volunteers = 6 + static_cast<int>(rng.below(10));
  for (int v = 0; v < volunteers; ++v) {
    Volunteer volunteer;
    volunteer.id = 1 + v;
    // Separate windows (never touching) so the checker's plain containment test is exact.
    for (int day = 0; day < 7; ++day) {
      if (rng.below(3) == 0) continue;
      const Instant start = kMonday + day * 24 * kHour + (6 + rng.below(6)) * kHour;
      volunteer.availability.push_back({start, start + (4 + rng.below(10)) * kHour});
    }
    for (std::int64_t skill = 1; skill <= 2; ++skill) {
      if (rng.below(2) == 0) {
        volunteer.skills.push_back({skill, kMonday + rng.below(7) * 24 * kHour});
      }
    }
    volunteer.max_shifts_per_week = 1 + static_cast<int>(rng.below(4));
    volunteer.max_minutes_per_week = 60 * (3 + static_cast<int>(rng.below(10)));
    volunteer.eligible = rng.below(8) != 0;
    volunteer.is_new = rng.below(4) == 0;
    volunteer.is_experienced = !volunteer.is_new && rng.below(3) == 0;
    if (rng.below(3) == 0)
      volunteer.preferred_shifts.push_back(100 + rng.below(static_cast<std::uint32_t>(shifts)));
    if (rng.below(3) == 0)
      volunteer.avoided_shifts.push_back(100 + rng.below(static_cast<std::uint32_t>(shifts)));
    problem.volunteers.push_back(volunteer);
  }
  return problem;
}

// Independent checker: every hard rule, straight from the definitions.
std::vector<std::string> broken_rules(const StationProblem& problem,
                                      const std::vector<Assignment>& assignments) {
  std::vector<std::string> broken;
  std::map<std::int64_t, const Volunteer*> volunteers;
  std::map<std::int64_t, const Shift*> shifts;
  for (const auto& v : problem.volunteers) volunteers[v.id] = &v;
  for (const auto& s : problem.shifts) shifts[s.id] = &s;
  std::map<std::int64_t, std::vector<const Shift*>> by_volunteer;
  std::map<std::int64_t, int> per_shift;
  std::set<Assignment> seen;
  for (const auto& a : assignments) {
    if (!seen.insert(a).second) broken.push_back("duplicate");
    const Volunteer& v = *volunteers.at(a.volunteer);
    const Shift& s = *shifts.at(a.shift);
    if (!v.eligible) broken.push_back("ineligible");
    const bool covered =
        std::any_of(v.availability.begin(), v.availability.end(),
                    [&](const TimeWindow& w) { return w.start <= s.start && s.end <= w.end; });
    if (!covered) broken.push_back("availability");
    by_volunteer[a.volunteer].push_back(&s);
    if (++per_shift[a.shift] > s.slots) broken.push_back("over slots");
  }
  for (const auto& [id, list] : by_volunteer) {
    const Volunteer& v = *volunteers.at(id);
    if (static_cast<int>(list.size()) > v.max_shifts_per_week) broken.push_back("max shifts");
    Instant seconds = 0;
    for (const Shift* s : list) seconds += s->end - s->start;
    if (seconds > static_cast<Instant>(v.max_minutes_per_week) * 60)
      broken.push_back("max minutes");
    for (std::size_t i = 0; i < list.size(); ++i) {
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        const Shift& a = *list[i];
        const Shift& b = *list[j];
        const Instant gap = std::max(a.start, b.start) - std::min(a.end, b.end);
        if (gap < static_cast<Instant>(problem.min_rest_minutes) * 60 || gap < 0) {
          broken.push_back("overlap or rest");
        }
      }
    }
  }
  for (const auto& pin : problem.pinned) {
    if (!seen.count(pin)) broken.push_back("pin dropped");
  }
  return broken;
}

SolveOptions iterations(std::uint64_t count, std::uint64_t seed) {
  SolveOptions options;
  options.time_limit_seconds.reset();
  options.max_iterations = count;
  options.seed = seed;
  return options;
}

// Adds a pin that the checker accepts together with the earlier pins, if one exists.
void add_feasible_pin(StationProblem& problem, std::uint64_t seed) {
  Rng rng(seed);
  for (int attempt = 0; attempt < 50; ++attempt) {
    const auto& v =
        problem.volunteers[rng.below(static_cast<std::uint32_t>(problem.volunteers.size()))];
    const auto& s = problem.shifts[rng.below(static_cast<std::uint32_t>(problem.shifts.size()))];
    auto trial = problem.pinned;
    trial.push_back({v.id, s.id});
    if (broken_rules(problem, trial).empty()) {
      problem.pinned = trial;
      return;
    }
  }
}

}  // namespace

TEST_CASE("property: solved random weeks break no hard rule and explain every gap") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    StationProblem problem = random_problem(seed);
    add_feasible_pin(problem, seed * 7);
    const auto roster = solve_station(problem, iterations(20000, seed));
    CHECK(broken_rules(problem, roster.assignments).empty());
    CHECK(roster.violations.empty());

    std::int64_t sum = 0;
    for (const auto& line : roster.breakdown) sum += line.penalty;
    CHECK(sum == roster.score);
    CHECK(evaluate_station(problem, roster.assignments).score == roster.score);

    for (const auto& shift : problem.shifts) {
      int on = 0;
      std::map<std::int64_t, int> holders;
      for (const auto& a : roster.assignments) {
        if (a.shift != shift.id) continue;
        ++on;
        const auto& v = *std::find_if(problem.volunteers.begin(), problem.volunteers.end(),
                                      [&](const Volunteer& x) { return x.id == a.volunteer; });
        for (const auto& grant : v.skills) {
          if (!grant.expires_at || shift.start < *grant.expires_at) ++holders[grant.skill];
        }
      }
      const auto gap_of = [&](GapKind kind, std::int64_t skill) {
        return std::find_if(roster.gaps.begin(), roster.gaps.end(), [&](const GapExplanation& g) {
          return g.shift == shift.id && g.kind == kind && g.skill == skill;
        });
      };
      if (on < shift.slots) {
        const auto gap = gap_of(GapKind::unfilled_slots, 0);
        REQUIRE(gap != roster.gaps.end());
        CHECK(gap->missing == shift.slots - on);
        int counted = 0;
        for (const auto& line : gap->reasons) counted += line.volunteers;
        CHECK(counted == static_cast<int>(problem.volunteers.size()) - on);
      } else {
        CHECK(gap_of(GapKind::unfilled_slots, 0) == roster.gaps.end());
      }
      for (const auto& minimum : shift.skill_minimums) {
        const bool unmet = holders[minimum.skill] < minimum.count;
        CHECK((gap_of(GapKind::skill_minimum, minimum.skill) != roster.gaps.end()) == unmet);
      }
    }
  }
}

TEST_CASE("property: repair after a drop-out keeps the rules and changes few assignments") {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    CAPTURE(seed);
    StationProblem problem = random_problem(seed + 1000);
    const auto roster = solve_station(problem, iterations(20000, seed));
    // Drop the busiest volunteer.
    std::map<std::int64_t, int> load;
    for (const auto& a : roster.assignments) ++load[a.volunteer];
    if (load.empty()) continue;
    const auto busiest =
        std::max_element(load.begin(), load.end(), [](const auto& a, const auto& b) {
          return a.second < b.second;
        })->first;
    problem.existing = roster.assignments;
    const auto repaired = repair_station(problem, {busiest}, iterations(20000, seed));

    StationProblem after = problem;
    for (auto& v : after.volunteers) {
      if (v.id == busiest) v.eligible = false;
    }
    CHECK(broken_rules(after, repaired.roster.assignments).empty());
    const int holes = load[busiest];
    int others_changed = 0;
    for (const auto& change : repaired.changes) {
      if (change.assignment.volunteer == busiest) {
        CHECK(change.kind == ChangeKind::removed);
      } else {
        ++others_changed;
      }
    }
    // Refilling each hole is one addition; allow one extra re-shuffle per hole at most.
    CHECK(others_changed <= 2 * holes);
    // Never worse at filling than just leaving the holes.
    const auto left = evaluate_station(after, [&] {
      std::vector<Assignment> kept;
      for (const auto& a : roster.assignments) {
        if (a.volunteer != busiest) kept.push_back(a);
      }
      return kept;
    }());
    int empty_left = 0;
    int empty_repaired = 0;
    for (const auto& g : left.gaps) empty_left += g.kind == GapKind::unfilled_slots ? g.missing : 0;
    for (const auto& g : repaired.roster.gaps)
      empty_repaired += g.kind == GapKind::unfilled_slots ? g.missing : 0;
    CHECK(empty_repaired <= empty_left);
  }
}

TEST_CASE("station solve is deterministic for a seed under an iteration budget") {
  const StationProblem problem = random_problem(99);
  auto options = iterations(30000, 5);
  options.threads = 2;
  const auto first = solve_station(problem, options);
  const auto second = solve_station(problem, options);
  CHECK(first.assignments == second.assignments);
  CHECK(first.score == second.score);
}
