#pragma once
// The station-week benchmark: a generated district week, an independent upper bound on how many
// slots any roster could fill, and a side-by-side run of the greedy baseline and the engine.
// The CLI can feed the demo station's busiest week through run_station_benchmark as well.

#include <cstdint>

#include "vstation/roster/station.hpp"

namespace vstation::roster {

struct DistrictWeekSpec {
  int volunteers = 2000;
  int shifts = 600;
  int skills = 4;
  int stations = 20;
  std::uint64_t seed = 1;
  Instant monday = 1'717'372'800;  // 2024-06-03 00:00 UTC (2024-W23)
};

// A plausible district week (stations open 08:00-20:00, 3-4 h shifts, 1-4 slots, skill
// minimums on a third of the shifts, expiring certificates, new/experienced volunteers,
// wishes and last week's usual slots). Deterministic for the spec.
[[nodiscard]] StationProblem generate_district_week(const DistrictWeekSpec& spec);

// Maximum number of slots any roster could fill, by max-flow (Boost.Graph push-relabel) on
// volunteer -> day -> shift edges for eligible volunteers whose availability covers the shift.
// Capacities: per volunteer min(max shifts, max minutes / their shortest open shift); per
// volunteer-day the most shifts that day that neither overlap nor break the rest; per shift
// its slots. Skills, soft goals and conflicts across days are ignored, so it is an upper
// bound. Independent of the solver's code.
[[nodiscard]] int fill_upper_bound(const StationProblem& problem);

struct StationBenchmarkRun {
  int filled = 0;
  double fill_rate = 0.0;  // filled / upper bound
  std::int64_t score = 0;
  double seconds_to_first_roster = 0.0;
  double seconds = 0.0;
  std::size_t hard_violations = 0;
};

struct StationBenchmarkReport {
  int slots = 0;        // total demand
  int upper_bound = 0;  // fill_upper_bound
  StationBenchmarkRun greedy;
  StationBenchmarkRun first_roster;  // the engine's construction, before any search
  StationBenchmarkRun engine;        // after options' time limit
};

[[nodiscard]] StationBenchmarkReport run_station_benchmark(const StationProblem& problem,
                                                           const SolveOptions& options);

}  // namespace vstation::roster
