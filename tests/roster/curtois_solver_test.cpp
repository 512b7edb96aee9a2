#include <doctest/doctest.h>

#include "tiny_curtois.hpp"
#include "vstation/roster/curtois.hpp"

using namespace vstation::roster;

namespace {

SolveOptions iteration_budget(std::uint64_t iterations, std::uint64_t seed) {
  SolveOptions options;
  options.time_limit_seconds.reset();
  options.max_iterations = iterations;
  options.seed = seed;
  options.threads = 2;
  return options;
}

}  // namespace

TEST_CASE("solver finds a feasible roster at least as good as the hand-made one") {
  const auto instance = read_curtois_instance_text(testing::kTinyInstance);
  const auto result = solve_curtois(instance, iteration_budget(200000, 7));
  CHECK(result.evaluation.feasible());
  CHECK(result.evaluation.objective <= 103);
  CHECK(result.evaluation.objective == evaluate_curtois(instance, result.roster).objective);
  CHECK(result.seconds_to_first_feasible >= 0.0);
}

TEST_CASE("solver is deterministic for a seed under an iteration budget") {
  const auto instance = read_curtois_instance_text(testing::kTinyInstance);
  const auto first = solve_curtois(instance, iteration_budget(50000, 42));
  const auto second = solve_curtois(instance, iteration_budget(50000, 42));
  CHECK(first.roster.shift == second.roster.shift);
  CHECK(first.iterations == second.iterations);
}

TEST_CASE("solver stops at a short time limit with a feasible roster") {
  const auto instance = read_curtois_instance_text(testing::kTinyInstance);
  SolveOptions options;
  options.time_limit_seconds = 0.2;
  const auto result = solve_curtois(instance, options);
  CHECK(result.evaluation.feasible());
  CHECK(result.seconds < 2.0);
}
