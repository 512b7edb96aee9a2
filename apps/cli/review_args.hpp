#pragma once
// Arguments shared by the coordinator's review commands: the session and the reason.

#include "cli/command.hpp"

namespace vstation::cli {

struct ReviewArgs {
  SessionId session;
  std::string reason;
  std::optional<std::string> in;
  std::optional<std::string> out;
};

void declare_review_args(OptionSet& s, const Context& ctx, bool reason_required, bool with_times);
ReviewArgs parse_review_args(const po::variables_map& vm);

}  // namespace vstation::cli
