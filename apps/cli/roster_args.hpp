#pragma once
// Arguments shared by the roster commands.

#include "cli/command.hpp"
#include "vstation/planning/week.hpp"

namespace vstation::cli {

struct RosterArgs {
  IsoWeek week;
  std::optional<std::string> station;
  double time_limit = 10.0;
  bool time_limit_given = false;  // else a fixed iteration budget: the same seed, the same roster
  std::uint64_t seed = 1;
};

void declare_roster_args(OptionSet& s, const Context& ctx, bool solving);
RosterArgs parse_roster_args(const po::variables_map& vm, const Context& ctx);
// --seed, declared as text: a whole number from 0 up (boost would wrap "-1" round to 2^64 - 1).
std::uint64_t parse_seed(const po::variables_map& vm);
planning::WeekScope scope_of(const RosterArgs& a, store::Connection& db);
// A fixed iteration budget (reproducible for a seed), or --time-limit when given (anytime).
void apply_budget(roster::SolveOptions& options, const RosterArgs& a);
// The budget and the seed.
roster::SolveOptions solve_options(const RosterArgs& a);

}  // namespace vstation::cli
