// The demo station's busiest week through the roster engine and the greedy baseline, in one
// run: fill rate against the max-flow upper bound, time to the first complete roster, score
// after the time limit.
//   vstation_demo_week_bench DEMO.db [SECONDS]

#include <cstdio>
#include <cstdlib>
#include <map>

#include "vstation/planning/week.hpp"
#include "vstation/roster/station_benchmark.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DEMO.db [SECONDS]\n", argv[0]);
    return 2;
  }
  double seconds = argc > 2 ? std::atof(argv[2]) : 10.0;
  auto db = store::open_database(argv[1], {false, false});
  auto stations = store::stations::all(*db);
  // The busiest week: the most slots demanded.
  std::map<IsoWeek, int> slots;
  for (const auto& s : store::shifts::all(*db))
    if (!s.cancelled)
      slots[IsoWeek::of(local_date(s.time.begin, stations.front().zone))] += s.slots;
  IsoWeek busiest;
  int most = -1;
  for (const auto& [w, n] : slots)
    if (n > most) busiest = w, most = n;
  auto wp = planning::build_problem(*db, {busiest, std::nullopt});
  // Solve from scratch: the recorded roster is history, not pins.
  wp.problem.pinned.clear();
  wp.problem.existing.clear();
  roster::SolveOptions o;
  o.time_limit_seconds = seconds;
  auto r = roster::run_station_benchmark(wp.problem, o);
  std::printf("week %s: %zu shifts, %d slots, %zu volunteers\n", busiest.str().c_str(),
              wp.shifts.size(), r.slots, wp.problem.volunteers.size());
  std::printf("upper bound (max-flow, soft goals ignored): %d slots\n", r.upper_bound);
  auto row = [](const char* name, const roster::StationBenchmarkRun& x) {
    std::printf(
        "%-14s filled %4d  fill/bound %6.2f%%  score %8lld  first roster %.3f s  total %.2f s  "
        "hard violations %zu\n",
        name, x.filled, 100.0 * x.fill_rate, static_cast<long long>(x.score),
        x.seconds_to_first_roster, x.seconds, x.hard_violations);
  };
  row("greedy", r.greedy);
  row("first roster", r.first_roster);
  row("engine", r.engine);
  return 0;
}
