#pragma once
// Arguments shared by the coordinator's review commands: the session and the reason.

#include "cli/command.hpp"

namespace vstation::cli {

struct ReviewArgs {
  SessionId session;
  std::string reason;
  std::optional<std::string> in;
  std::optional<std::string> out;
  bool yes = false;          // go ahead with a change that needs confirming
  bool as_proposed = false;  // confirm: the time the volunteer said they left
};

// Which of the optional review options a command takes.
enum class ReviewOption { none = 0, times = 1, yes = 2, as_proposed = 4 };
constexpr ReviewOption operator|(ReviewOption a, ReviewOption b) {
  return ReviewOption(int(a) | int(b));
}
constexpr bool has(ReviewOption set, ReviewOption o) { return (int(set) & int(o)) != 0; }

void declare_review_args(OptionSet& s, const Context& ctx, bool reason_required, ReviewOption options);
ReviewArgs parse_review_args(const po::variables_map& vm);

// A reason kept in the audit trail: refused (usage error) when empty or only spaces.
std::string checked_reason(const std::string& text, const char* option = "reason");

}  // namespace vstation::cli
