// Solver front-end: runs independent searches on threads and keeps the best, deterministically
// (feasible first, then lowest objective, then lowest thread index).

#include <algorithm>
#include <thread>

#include "curtois_search.hpp"
#include "vstation/roster/curtois.hpp"

namespace vstation::roster {

CurtoisResult solve_curtois(const CurtoisInstance& instance, const SolveOptions& options) {
  if (instance.horizon_days <= 0 || instance.shift_types.empty() || instance.employees.empty()) {
    // Nothing to schedule (the reader never produces this; a hand-built instance might).
    CurtoisResult result;
    result.roster.shift.assign(
        instance.employees.size(),
        std::vector<int>(static_cast<std::size_t>(std::max(0, instance.horizon_days)), kDayOff));
    result.evaluation = evaluate_curtois(instance, result.roster);
    return result;
  }
  const int threads = std::max(1, options.threads);
  std::vector<detail::CurtoisSearchOutcome> outcomes(static_cast<std::size_t>(threads));
  Budget clock(options);
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        // Derived seeds keep thread 0 identical to a single-threaded run with the same seed.
        detail::CurtoisSearch search(
            instance, options.seed + 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(t));
        outcomes[static_cast<std::size_t>(t)] = search.run(options);
      });
    }
  }
  const detail::CurtoisSearchOutcome* best = nullptr;
  CurtoisResult result;
  for (const auto& outcome : outcomes) {
    result.iterations += outcome.iterations;
    if (!outcome.feasible) continue;
    if (best == nullptr || outcome.objective < best->objective) best = &outcome;
    if (result.seconds_to_first_feasible < 0 ||
        outcome.seconds_to_first_feasible < result.seconds_to_first_feasible) {
      result.seconds_to_first_feasible = outcome.seconds_to_first_feasible;
    }
  }
  if (best == nullptr) best = &outcomes.front();
  result.roster = best->best;
  result.evaluation = evaluate_curtois(instance, result.roster);
  result.seconds = clock.elapsed_seconds();
  return result;
}

}  // namespace vstation::roster
