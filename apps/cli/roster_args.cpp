#include "cli/roster_args.hpp"

#include <charconv>

#include "vstation/planning/roster_plan.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kWeek{"ISO week (2024-W23), a date in it, this, next or last",
                   "ISO 周（2024-W23）、其中某一天的日期、本周（this）、下周（next）或上周（last）"};
constexpr Msg kStation{"only this station (default: every station)", "仅此站点（默认：全部站点）"};
constexpr Msg kLimit{"search for this long instead of a fixed number of steps (not reproducible)",
                    "按此时长搜索，而不是固定步数（结果不可复现）"};
constexpr Msg kSeed{"random seed: the same seed gives the same roster",
                    "随机种子：相同种子得到相同排班"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};
constexpr Msg kBadSeed{"--seed must be a whole number from 0 to 18446744073709551615, not '{}'",
                       "--seed 必须是 0 到 18446744073709551615 之间的整数，而不是“{}”"};
}  // namespace

std::uint64_t parse_seed(const po::variables_map& vm) {
  const auto& text = vm["seed"].as<std::string>();
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    throw UsageError(kBadSeed, text);
  return n;
}

void declare_roster_args(OptionSet& s, const Context& ctx, bool solving) {
  s.options.add_options()("week", po::value<std::string>()->required(), ctx.tr(kWeek).c_str())(
      "station", po::value<std::string>(), ctx.tr(kStation).c_str());
  if (solving)
    s.options.add_options()("time-limit", po::value<std::string>(), ctx.tr(kLimit).c_str())(
        "seed", po::value<std::string>()->default_value("1"), ctx.tr(kSeed).c_str());
}

RosterArgs parse_roster_args(const po::variables_map& vm, const Context& ctx) {
  RosterArgs a;
  try {
    a.week = IsoWeek::parse_named(vm["week"].as<std::string>(), local_date(ctx.now(), default_zone()));
  } catch (const ParseError& e) {
    throw UsageError(kAt, "week", e.text());
  }
  a.station = opt<std::string>(vm, "station");
  if (vm.count("time-limit")) {
    a.time_limit_given = true;
    try {
      a.time_limit = double(parse_duration_seconds(vm["time-limit"].as<std::string>()));
    } catch (const ParseError& e) {
      throw UsageError(kAt, "time-limit", e.text());
    }
  }
  if (vm.count("seed")) a.seed = parse_seed(vm);
  return a;
}

void apply_budget(roster::SolveOptions& options, const RosterArgs& a) {
  if (a.time_limit_given) {
    options.time_limit_seconds = a.time_limit;
    return;
  }
  // Progress is then measured in steps, not seconds (planning::standard_solve_options).
  const auto standard = planning::standard_solve_options();
  options.time_limit_seconds = standard.time_limit_seconds;
  options.max_iterations = standard.max_iterations;
}

roster::SolveOptions solve_options(const RosterArgs& a) {
  roster::SolveOptions options;
  apply_budget(options, a);
  options.seed = a.seed;
  return options;
}

planning::WeekScope scope_of(const RosterArgs& a, store::Connection& db) {
  planning::WeekScope scope{a.week, std::nullopt};
  if (a.station) {
    store::Lookup lookup(db);
    try {
      scope.station = lookup.station(*a.station);
    } catch (const ParseError& e) {
      throw DataError(kAt, "station", e.text());
    }
  }
  return scope;
}

}  // namespace vstation::cli
