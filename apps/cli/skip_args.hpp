#pragma once
// Arguments shared by `template skip` and `template unskip`: one template (its code) or every
// template of a station (--station), and the date.

#include "cli/command.hpp"
#include "vstation/planning/template_skips.hpp"

namespace vstation::cli {

struct SkipArgs {
  std::optional<std::string> template_code;
  std::optional<std::string> station;
  Date date;
  std::string reason;
};

void declare_skip_args(OptionSet& s, const Context& ctx, bool with_reason);
// Exactly one of TEMPLATE and --station; a date that parses (1900 to 2099); a reason the records
// take. Anything else is a usage error.
SkipArgs parse_skip_args(const po::variables_map& vm);
// What the skip covers; an unknown template or station is refused (exit 1).
planning::SkipScope resolve_skip(store::Connection& db, const SkipArgs& a);
// "template T1" or "every template of station icity", in the context's language.
Text skip_target(const SkipArgs& a);

}  // namespace vstation::cli
