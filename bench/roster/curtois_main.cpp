// vstation_curtois: solve or evaluate a Curtois & Qu instance.
//   vstation_curtois INSTANCE.txt [--time-limit S] [--seed N] [--threads N] [--iterations N]
//                    [--out SOLUTION] [--best-known N]
//   vstation_curtois --evaluate INSTANCE.txt SOLUTION
// Prints key: value lines (feasibility, objective, gap) so scripts can pick them up.

#include <fmt/core.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "vstation/roster/curtois.hpp"

namespace {

using namespace vstation::roster;

struct Arguments {
  bool evaluate = false;
  std::string instance;
  std::string solution;  // --evaluate input, or --out target
  SolveOptions options;
  std::optional<long long> best_known;
};

[[noreturn]] void usage(const std::string& problem) {
  fmt::print(stderr,
             "error: {}\nusage: vstation_curtois INSTANCE [--time-limit S] [--seed N] "
             "[--threads N] [--iterations N] [--out FILE] [--best-known N]\n"
             "       vstation_curtois --evaluate INSTANCE SOLUTION\n",
             problem);
  std::exit(2);
}

Arguments parse_arguments(int argc, char** argv) {
  Arguments args;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage("missing value after " + arg);
      return argv[++i];
    };
    try {
      if (arg == "--evaluate") {
        args.evaluate = true;
      } else if (arg == "--time-limit") {
        args.options.time_limit_seconds = std::stod(value());
      } else if (arg == "--seed") {
        args.options.seed = std::stoull(value());
      } else if (arg == "--threads") {
        args.options.threads = std::stoi(value());
      } else if (arg == "--iterations") {
        args.options.max_iterations = std::stoull(value());
        args.options.time_limit_seconds.reset();
      } else if (arg == "--out") {
        args.solution = value();
      } else if (arg == "--best-known") {
        args.best_known = std::stoll(value());
      } else if (arg.starts_with("--")) {
        usage("unknown option " + arg);
      } else {
        positional.push_back(arg);
      }
    } catch (const std::logic_error&) {
      usage("bad number for " + arg);
    }
  }
  if (args.evaluate) {
    if (positional.size() != 2) usage("--evaluate needs INSTANCE and SOLUTION");
    args.solution = positional[1];
  } else if (positional.size() != 1) {
    usage("expected exactly one INSTANCE");
  }
  args.instance = positional[0];
  return args;
}

CurtoisInstance load_instance(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return read_curtois_instance(in, path);
}

void print_evaluation(const CurtoisInstance& instance, const CurtoisEvaluation& evaluation,
                      const std::optional<long long>& best_known) {
  fmt::print("feasible: {}\n", evaluation.feasible() ? "yes" : "no");
  for (const auto& violation : evaluation.violations) {
    fmt::print("violation: {}\n", describe(instance, violation));
  }
  fmt::print("objective: {}\n", evaluation.objective);
  for (const auto& line : evaluation.breakdown) {
    fmt::print("rule: {} penalty {} count {}\n", rule_code(line.rule), line.penalty, line.count);
  }
  if (best_known) {
    const double gap =
        static_cast<double>(evaluation.objective - *best_known) / static_cast<double>(*best_known);
    fmt::print("best_known: {}\ngap: {:.2f}%\n", *best_known, 100.0 * gap);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Arguments args = parse_arguments(argc, argv);
  try {
    const CurtoisInstance instance = load_instance(args.instance);
    if (args.evaluate) {
      std::ifstream in(args.solution);
      if (!in) throw std::runtime_error("cannot open " + args.solution);
      const CurtoisRoster roster = read_curtois_roster(in, instance, args.solution);
      const CurtoisEvaluation evaluation = evaluate_curtois(instance, roster);
      print_evaluation(instance, evaluation, args.best_known);
      return evaluation.feasible() ? 0 : 1;
    }
    const CurtoisResult result = solve_curtois(instance, args.options);
    if (!args.solution.empty()) {
      std::ofstream out(args.solution);
      write_curtois_roster(out, instance, result.roster);
      if (!out) throw std::runtime_error("cannot write " + args.solution);
    }
    print_evaluation(instance, result.evaluation, args.best_known);
    fmt::print("seconds: {:.1f}\nfirst_feasible_seconds: {:.2f}\niterations: {}\n", result.seconds,
               result.seconds_to_first_feasible, result.iterations);
    return result.evaluation.feasible() ? 0 : 1;
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 1;
  }
}
