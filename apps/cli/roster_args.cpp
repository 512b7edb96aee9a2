#include "cli/roster_args.hpp"

#include "vstation/store/lookup.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kWeek{"ISO week, e.g. 2024-W23", "ISO 周，例如 2024-W23"};
constexpr Msg kStation{"only this station (default: every station)", "仅此站点（默认：全部站点）"};
constexpr Msg kLimit{"stop searching after this long (default 10s)", "搜索时间上限（默认 10s）"};
constexpr Msg kSeed{"random seed: the same seed gives the same roster",
                    "随机种子：相同种子得到相同排班"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};
}  // namespace

void declare_roster_args(OptionSet& s, const Context& ctx, bool solving) {
  s.options.add_options()("week", po::value<std::string>()->required(), ctx.tr(kWeek).c_str())(
      "station", po::value<std::string>(), ctx.tr(kStation).c_str());
  if (solving)
    s.options.add_options()("time-limit", po::value<std::string>()->default_value("10s"),
                            ctx.tr(kLimit).c_str())(
        "seed", po::value<std::uint64_t>()->default_value(1), ctx.tr(kSeed).c_str());
}

RosterArgs parse_roster_args(const po::variables_map& vm) {
  RosterArgs a;
  try {
    a.week = IsoWeek::parse(vm["week"].as<std::string>());
  } catch (const ParseError& e) {
    throw UsageError(kAt, "week", e.text());
  }
  a.station = opt<std::string>(vm, "station");
  if (vm.count("time-limit")) {
    try {
      a.time_limit = double(parse_duration_seconds(vm["time-limit"].as<std::string>()));
    } catch (const ParseError& e) {
      throw UsageError(kAt, "time-limit", e.text());
    }
  }
  if (vm.count("seed")) a.seed = vm["seed"].as<std::uint64_t>();
  return a;
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
