#include "vstation/roster/station_benchmark.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <limits>

namespace vstation::roster {

namespace {

constexpr Instant kHour = 3600;
constexpr Instant kDay = 24 * kHour;

bool window_covers(const Volunteer& volunteer, const Shift& shift) {
  // Windows are merged first so two touching offers can cover one shift, as the engine does.
  std::vector<TimeWindow> windows = volunteer.availability;
  std::sort(windows.begin(), windows.end(),
            [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
  Instant reach = -1;
  Instant from = 0;
  for (const auto& w : windows) {
    if (w.start > reach) from = w.start;
    reach = std::max(reach, w.end);
    if (from <= shift.start && shift.end <= reach) return true;
  }
  return false;
}

StationBenchmarkRun summarise(const StationRoster& roster, int bound) {
  StationBenchmarkRun run;
  run.filled = static_cast<int>(roster.assignments.size());
  run.fill_rate = bound > 0 ? static_cast<double>(run.filled) / bound : 1.0;
  run.score = roster.score;
  run.seconds_to_first_roster = roster.seconds_to_first_roster;
  run.seconds = roster.seconds;
  run.hard_violations = roster.violations.size();
  return run;
}

}  // namespace

StationProblem generate_district_week(const DistrictWeekSpec& spec) {
  Rng rng(spec.seed);
  StationProblem problem;
  problem.min_rest_minutes = 60;
  for (int s = 0; s < spec.shifts; ++s) {
    Shift shift;
    shift.id = 1 + s;
    shift.station = 1 + rng.below(static_cast<std::uint32_t>(spec.stations));
    shift.day = static_cast<int>(rng.below(7));
    const int start_hour = 8 + 2 * static_cast<int>(rng.below(5));  // 08, 10, ... 16
    shift.local_start_minute = start_hour * 60;
    // Stations run on +08:00: local 08:00 is 00:00 UTC.
    shift.start = spec.monday + shift.day * kDay + (start_hour - 8) * kHour;
    shift.end = shift.start + (3 + rng.below(2)) * kHour;
    shift.priority = 1 + static_cast<int>(rng.below(3));
    shift.slots = 1 + static_cast<int>(rng.below(5));
    if (rng.below(3) == 0) {
      shift.skill_minimums.push_back({1 + rng.below(static_cast<std::uint32_t>(spec.skills)), 1});
    }
    problem.shifts.push_back(shift);
  }
  for (int v = 0; v < spec.volunteers; ++v) {
    Volunteer volunteer;
    volunteer.id = 1 + v;
    const int windows = 1 + static_cast<int>(rng.below(3));
    for (int w = 0; w < windows; ++w) {
      const Instant start = spec.monday + rng.below(7) * kDay + rng.below(6) * 2 * kHour;
      volunteer.availability.push_back({start, start + (3 + rng.below(6)) * kHour});
    }
    for (int skill = 1; skill <= spec.skills; ++skill) {
      if (rng.below(4) != 0) continue;
      SkillGrant grant{skill, std::nullopt};
      // A tenth of the certificates run out during (or before) the week.
      if (rng.below(10) == 0) grant.expires_at = spec.monday + rng.below(8) * kDay;
      volunteer.skills.push_back(grant);
    }
    volunteer.max_shifts_per_week = 1 + static_cast<int>(rng.below(3));
    volunteer.max_minutes_per_week = 60 * (4 + static_cast<int>(rng.below(9)));
    volunteer.eligible = rng.below(50) != 0;
    volunteer.is_new = rng.below(10) == 0;
    volunteer.is_experienced = !volunteer.is_new && rng.below(3) == 0;
    const auto shift_count = static_cast<std::uint32_t>(spec.shifts);
    if (rng.below(4) == 0) volunteer.preferred_shifts.push_back(1 + rng.below(shift_count));
    if (rng.below(8) == 0) volunteer.avoided_shifts.push_back(1 + rng.below(shift_count));
    if (rng.below(3) == 0) {
      const auto& usual = problem.shifts[rng.below(shift_count)];
      volunteer.usual_slots.push_back({usual.day, usual.local_start_minute, usual.station});
    }
    problem.volunteers.push_back(volunteer);
  }
  return problem;
}

int fill_upper_bound(const StationProblem& problem) {
  using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using Graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<
          boost::edge_capacity_t, long,
          boost::property<boost::edge_residual_capacity_t, long,
                          boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;
  const auto shifts = problem.shifts.size();
  Graph graph(shifts + 2);  // shifts first, then source and sink; volunteer nodes are added
  const std::size_t source = shifts;
  const std::size_t sink = shifts + 1;
  auto capacity = boost::get(boost::edge_capacity, graph);
  auto reverse = boost::get(boost::edge_reverse, graph);
  const auto connect = [&](std::size_t from, std::size_t to, long cap) {
    const auto forward = boost::add_edge(from, to, graph).first;
    const auto backward = boost::add_edge(to, from, graph).first;
    capacity[forward] = cap;
    capacity[backward] = 0;
    reverse[forward] = backward;
    reverse[backward] = forward;
  };
  const Instant rest = static_cast<Instant>(problem.min_rest_minutes) * 60;
  for (const auto& volunteer : problem.volunteers) {
    if (!volunteer.eligible) continue;
    std::vector<std::size_t> open;
    Instant shortest = 0;
    for (std::size_t s = 0; s < shifts; ++s) {
      if (!window_covers(volunteer, problem.shifts[s])) continue;
      open.push_back(s);
      const Instant length = problem.shifts[s].end - problem.shifts[s].start;
      shortest = open.size() == 1 ? length : std::min(shortest, length);
    }
    if (open.empty()) continue;
    // Weekly cap: max shifts, and how many of the shortest shifts fit in max minutes.
    const long by_minutes = shortest > 0 ? volunteer.max_minutes_per_week * 60L / shortest : 0;
    const auto node = boost::add_vertex(graph);
    connect(source, node, std::min<long>(volunteer.max_shifts_per_week, by_minutes));
    // Daily cap: the most pairwise compatible shifts that day (earliest-end interval
    // scheduling with the rest gap); conflicts across days are ignored, so still a bound.
    for (int day = 0; day < 7; ++day) {
      std::vector<std::size_t> today;
      for (const auto s : open) {
        if (problem.shifts[s].day == day) today.push_back(s);
      }
      if (today.empty()) continue;
      std::sort(today.begin(), today.end(), [&](std::size_t a, std::size_t b) {
        return problem.shifts[a].end < problem.shifts[b].end;
      });
      long compatible = 0;
      Instant free_from = std::numeric_limits<Instant>::min();
      for (const auto s : today) {
        if (problem.shifts[s].start >= free_from) {
          ++compatible;
          free_from = problem.shifts[s].end + rest;
        }
      }
      const auto day_node = boost::add_vertex(graph);
      connect(node, day_node, compatible);
      for (const auto s : today) connect(day_node, s, 1);
    }
  }
  for (std::size_t s = 0; s < shifts; ++s) connect(s, sink, problem.shifts[s].slots);
  return static_cast<int>(boost::push_relabel_max_flow(graph, source, sink));
}

StationBenchmarkReport run_station_benchmark(const StationProblem& problem,
                                             const SolveOptions& options) {
  StationBenchmarkReport report;
  for (const auto& shift : problem.shifts) report.slots += shift.slots;
  report.upper_bound = fill_upper_bound(problem);
  report.greedy = summarise(greedy_station(problem), report.upper_bound);
  SolveOptions construction_only = options;
  construction_only.time_limit_seconds.reset();
  construction_only.max_iterations = 1;
  construction_only.threads = 1;
  report.first_roster = summarise(solve_station(problem, construction_only), report.upper_bound);
  report.engine = summarise(solve_station(problem, options), report.upper_bound);
  return report;
}

}  // namespace vstation::roster
