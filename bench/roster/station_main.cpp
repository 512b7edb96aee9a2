// vstation_station_bench: the generated district week, greedy baseline vs the engine.
//   vstation_station_bench [--volunteers N] [--shifts N] [--skills N] [--seed N] [--time-limit S]
// Prints a markdown table.

#include <fmt/core.h>

#include <cstdlib>
#include <string>

#include "vstation/roster/station_benchmark.hpp"

using namespace vstation::roster;

int main(int argc, char** argv) {
  DistrictWeekSpec spec;
  SolveOptions options;
  options.time_limit_seconds = 10.0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--volunteers") {
      spec.volunteers = std::atoi(value);
    } else if (flag == "--shifts") {
      spec.shifts = std::atoi(value);
    } else if (flag == "--skills") {
      spec.skills = std::atoi(value);
    } else if (flag == "--seed") {
      spec.seed = std::strtoull(value, nullptr, 10);
      options.seed = spec.seed;
    } else if (flag == "--time-limit") {
      options.time_limit_seconds = std::atof(value);
    } else {
      fmt::print(stderr, "unknown option {}\n", flag);
      return 2;
    }
  }
  const StationProblem problem = generate_district_week(spec);
  const StationBenchmarkReport report = run_station_benchmark(problem, options);
  fmt::print(
      "district week: {} volunteers, {} shifts, {} skills, {} slots; fill upper bound "
      "(max-flow) {}\n\n",
      spec.volunteers, spec.shifts, spec.skills, report.slots, report.upper_bound);
  fmt::print(
      "| roster | filled | fill rate vs bound | score | time to roster (s) | total time (s) "
      "| hard violations |\n|---|---|---|---|---|---|---|\n");
  const auto row = [](const char* name, const StationBenchmarkRun& run) {
    fmt::print("| {} | {} | {:.2f}% | {} | {:.3f} | {:.2f} | {} |\n", name, run.filled,
               100.0 * run.fill_rate, run.score, run.seconds_to_first_roster, run.seconds,
               run.hard_violations);
  };
  row("greedy baseline", report.greedy);
  row("engine, construction only", report.first_roster);
  row(fmt::format("engine, {:.0f} s", options.time_limit_seconds.value_or(0)).c_str(),
      report.engine);
  return 0;
}
