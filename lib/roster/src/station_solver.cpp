// Public entry points for the station week: solve, evaluate, greedy baseline and repair.

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "station_report.hpp"
#include "station_search.hpp"
#include "vstation/roster/station.hpp"

namespace vstation::roster {

namespace {

using detail::StationIndex;
using detail::StationSearch;
using detail::StationSearchOutcome;
using detail::StationState;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs `threads` independent searches, each from a copy of `start`; keeps the lowest cost
// (ties: lowest thread index, so iteration-limited runs are reproducible).
StationSearchOutcome search_best(const StationState& start,
                                 const std::vector<std::pair<int, int>>& pins,
                                 const SolveOptions& options, bool construct_first) {
  const int threads = std::max(1, options.threads);
  std::vector<StationSearchOutcome> outcomes(static_cast<std::size_t>(threads));
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        StationState state = start;
        StationSearch search(state, pins,
                             options.seed + 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(t));
        outcomes[static_cast<std::size_t>(t)] = search.run(options, construct_first);
      });
    }
  }
  std::size_t best = 0;
  std::uint64_t iterations = 0;
  double first_roster = outcomes.front().seconds_to_first_roster;
  for (std::size_t t = 0; t < outcomes.size(); ++t) {
    iterations += outcomes[t].iterations;
    first_roster = std::min(first_roster, outcomes[t].seconds_to_first_roster);
    if (outcomes[t].cost < outcomes[best].cost) best = t;
  }
  StationSearchOutcome result = std::move(outcomes[best]);
  result.iterations = iterations;
  result.seconds_to_first_roster = first_roster;
  return result;
}

StationState state_from(const StationIndex& index, const std::vector<std::pair<int, int>>& pairs) {
  StationState state(index);
  for (const auto& [v, s] : pairs) state.add(v, s);
  return state;
}

}  // namespace

StationRoster solve_station(const StationProblem& problem, const SolveOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const StationIndex index(problem);
  StationState state(index);
  const auto pins = detail::add_pins(state);
  const auto outcome = search_best(state, pins, options, true);
  StationRoster roster = detail::report_station(state_from(index, outcome.best));
  roster.iterations = outcome.iterations;
  roster.seconds = seconds_since(start);
  roster.seconds_to_first_roster = outcome.seconds_to_first_roster;
  return roster;
}

StationRoster evaluate_station(const StationProblem& problem,
                               const std::vector<Assignment>& assignments) {
  const StationIndex index(problem);
  StationState state(index);
  for (const auto& assignment : assignments) {
    const auto [v, s] = detail::resolve(index, assignment);
    if (!state.assigned(v, s)) state.add(v, s);
  }
  return detail::report_station(state);
}

StationRoster greedy_station(const StationProblem& problem) {
  const auto start = std::chrono::steady_clock::now();
  const StationIndex index(problem);
  StationState state(index);
  detail::add_pins(state);
  std::vector<int> order(static_cast<std::size_t>(index.shift_count()));
  for (std::size_t s = 0; s < order.size(); ++s) order[s] = static_cast<int>(s);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return index.shift(a).start < index.shift(b).start; });
  for (const int s : order) {
    while (state.open_slot(s)) {
      int best = -1;
      for (const int v : index.candidates(s)) {
        if (!state.can_add(v, s)) continue;
        if (best < 0 || state.shifts_of(v).size() < state.shifts_of(best).size()) best = v;
      }
      if (best < 0) break;
      state.add(best, s);
    }
  }
  StationRoster roster = detail::report_station(state);
  roster.seconds = seconds_since(start);
  roster.seconds_to_first_roster = roster.seconds;
  return roster;
}

RepairResult repair_station(const StationProblem& problem,
                            const std::vector<std::int64_t>& dropped_volunteers,
                            const SolveOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const auto dropped = [&](std::int64_t id) {
    return std::find(dropped_volunteers.begin(), dropped_volunteers.end(), id) !=
           dropped_volunteers.end();
  };
  StationProblem working = problem;
  for (auto& volunteer : working.volunteers) {
    if (dropped(volunteer.id)) volunteer.eligible = false;
  }
  // A volunteer who dropped out cannot honour a pin either, except on a shift that has begun.
  std::set<std::int64_t> begun;
  for (const auto& shift : working.shifts)
    if (shift.frozen) begun.insert(shift.id);
  std::erase_if(working.pinned, [&](const Assignment& pin) {
    return dropped(pin.volunteer) && !begun.count(pin.shift);
  });
  const StationIndex index(working);
  StationState state(index);
  const auto pins = detail::add_pins(state);
  // Keep every existing assignment that is still allowed; the rest become holes.
  const auto change_cost = static_cast<std::int64_t>(working.weights.change_from_existing);
  std::vector<std::vector<std::pair<int, std::int64_t>>> stay(
      static_cast<std::size_t>(index.volunteer_count()));
  std::int64_t baseline = 0;
  for (const auto& assignment : working.existing) {
    const auto [v, s] = detail::resolve(index, assignment);
    stay[static_cast<std::size_t>(v)].emplace_back(s, -change_cost);
    baseline += change_cost;
    if (!state.assigned(v, s) && state.can_add(v, s)) state.add(v, s);
  }
  // Every pair costs one change unless it was in the existing roster: leaving an existing pair
  // costs its -change_cost back, so the search refills holes with the fewest edits.
  state.set_extra_pair_cost(std::move(stay), change_cost, baseline);
  const auto outcome = search_best(state, pins, options, true);

  RepairResult result;
  result.roster = detail::report_station(state_from(index, outcome.best));
  result.roster.iterations = outcome.iterations;
  result.roster.seconds = seconds_since(start);
  result.roster.seconds_to_first_roster = outcome.seconds_to_first_roster;
  std::vector<Assignment> before = working.existing;
  std::sort(before.begin(), before.end());
  before.erase(std::unique(before.begin(), before.end()), before.end());
  const auto& after = result.roster.assignments;
  std::vector<Assignment> removed;
  std::vector<Assignment> added;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::back_inserter(removed));
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(added));
  for (const auto& a : removed) result.changes.push_back(RosterChange{ChangeKind::removed, a});
  for (const auto& a : added) result.changes.push_back(RosterChange{ChangeKind::added, a});
  return result;
}

}  // namespace vstation::roster
