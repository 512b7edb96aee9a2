#pragma once
// Arguments shared by the roster commands.

#include "cli/command.hpp"
#include "vstation/planning/week.hpp"

namespace vstation::cli {

struct RosterArgs {
  IsoWeek week;
  std::optional<std::string> station;
  double time_limit = 10.0;
  std::uint64_t seed = 1;
};

void declare_roster_args(OptionSet& s, const Context& ctx, bool solving);
RosterArgs parse_roster_args(const po::variables_map& vm);
planning::WeekScope scope_of(const RosterArgs& a, store::Connection& db);

}  // namespace vstation::cli
