// `vstation roster bench INSTANCE.txt [--time-limit 60s] [--seed N] [--out SOLUTION]
// [--best-known N]`: solves a Curtois & Qu shift-scheduling instance with the same engine.

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "cli/roster_args.hpp"
#include "vstation/roster/curtois.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"solve a Curtois & Qu benchmark instance with the roster engine",
                       "用排班引擎求解 Curtois & Qu 基准实例"};
constexpr Msg kArgs{"INSTANCE.txt", "实例文件"};
constexpr Msg kLimit{"time limit (default 60s)", "时间上限（默认 60s）"};
constexpr Msg kSeed{"random seed", "随机种子"};
constexpr Msg kOut{"write the solution here", "将解写入此文件"};
constexpr Msg kBest{"best known objective, to print the gap", "已知最优目标值，用于计算差距"};
constexpr Msg kCannotRead{"cannot read '{}'", "无法读取“{}”"};
constexpr Msg kBadInstance{"{}", "{}"};
constexpr Msg kResult{"feasible: {}\nobjective: {}\niterations: {}\nseconds: {}",
                      "可行：{}\n目标值：{}\n迭代次数：{}\n用时（秒）：{}"};
constexpr Msg kYes{"yes", "是"};
constexpr Msg kNo{"no", "否"};
constexpr Msg kGap{"best known: {}\ngap: {}%", "已知最优：{}\n差距：{}%"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};

struct BenchArgs {
  std::string instance;
  double time_limit = 60;
  std::uint64_t seed = 1;
  std::optional<std::string> out;
  std::optional<std::int64_t> best;
};
}  // namespace

void register_roster_bench(std::vector<Command>& out) {
  out.push_back(make_command<BenchArgs>(
      "roster bench", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("instance", po::value<std::string>()->required(), "")(
            "time-limit", po::value<std::string>()->default_value("60s"), ctx.tr(kLimit).c_str())(
            "seed", po::value<std::string>()->default_value("1"), ctx.tr(kSeed).c_str())(
            "out,o", po::value<std::string>(), ctx.tr(kOut).c_str())(
            "best-known", po::value<std::int64_t>(), ctx.tr(kBest).c_str());
        s.positional.add("instance", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        BenchArgs a;
        a.instance = vm["instance"].as<std::string>();
        try {
          a.time_limit = double(parse_duration_seconds(vm["time-limit"].as<std::string>()));
        } catch (const ParseError& e) {
          throw UsageError(kAt, "time-limit", e.text());
        }
        a.seed = parse_seed(vm);
        a.out = opt<std::string>(vm, "out");
        a.best = opt<std::int64_t>(vm, "best-known");
        return a;
      },
      [](const BenchArgs& a, Context& ctx) {
        std::ifstream in(a.instance);
        if (!in) throw DataError(kCannotRead, a.instance);
        roster::CurtoisInstance instance;
        try {
          instance = roster::read_curtois_instance(in, a.instance);
        } catch (const roster::CurtoisFormatError& e) {
          throw DataError(kBadInstance, e.what());
        }
        roster::SolveOptions options;
        options.time_limit_seconds = a.time_limit;
        options.seed = a.seed;
        auto r = roster::solve_curtois(instance, options);
        if (a.out) {
          std::ostringstream roster_text;
          roster::write_curtois_roster(roster_text, instance, r.roster);
          write_output(ctx, roster_text.str(), a.out);
        }
        ctx.out() << ctx.tr(kResult, Text(r.evaluation.feasible() ? kYes : kNo),
                            r.evaluation.objective, r.iterations, fmt::format("{:.1f}", r.seconds))
                  << "\n";
        if (a.best && *a.best > 0)
          ctx.out() << ctx.tr(
                           kGap, *a.best,
                           fmt::format("{:.2f}", 100.0 * double(r.evaluation.objective - *a.best) /
                                                     double(*a.best)))
                    << "\n";
        return r.evaluation.feasible() ? 0 : 1;
      }));
}

}  // namespace vstation::cli
