#include "cli/review_args.hpp"

#include "vstation/domain/text_util.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kReason{"why (kept in the audit trail)", "原因（记入审计记录）"};
constexpr Msg kIn{"corrected check-in time", "更正后的签到时间"};
constexpr Msg kOut{"corrected check-out time", "更正后的签退时间"};
constexpr Msg kBadId{"'{}' is not a session number", "“{}”不是签到记录编号"};
}  // namespace

void declare_review_args(OptionSet& s, const Context& ctx, bool reason_required, bool with_times) {
  auto reason = po::value<std::string>();
  if (reason_required) reason->required();
  s.options.add_options()("session", po::value<std::string>()->required(), "")(
      "reason", reason, ctx.tr(kReason).c_str());
  if (with_times)
    s.options.add_options()("in", po::value<std::string>()->required(), ctx.tr(kIn).c_str())(
        "out", po::value<std::string>()->required(), ctx.tr(kOut).c_str());
  s.positional.add("session", 1);
}

ReviewArgs parse_review_args(const po::variables_map& vm) {
  ReviewArgs a;
  long long id = 0;
  auto text = vm["session"].as<std::string>();
  if (!parse_int(text, id) || id <= 0) throw UsageError(kBadId, text);
  a.session = SessionId{id};
  a.reason = vm.count("reason") ? vm["reason"].as<std::string>() : std::string();
  a.in = opt<std::string>(vm, "in");
  a.out = opt<std::string>(vm, "out");
  return a;
}

}  // namespace vstation::cli
