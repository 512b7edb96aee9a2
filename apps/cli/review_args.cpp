#include "cli/review_args.hpp"

#include "vstation/domain/text_util.hpp"
#include "vstation/kiosk/review.hpp"
#include "vstation/text/width.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kReason{"why (kept in the audit trail)", "原因（记入审计记录）"};
constexpr Msg kIn{"corrected check-in time", "更正后的签到时间"};
constexpr Msg kOut{"corrected check-out time", "更正后的签退时间"};
constexpr Msg kBadId{"'{}' is not a session number", "“{}”不是签到记录编号"};
constexpr Msg kEmptyReason{
    "--{}: give a reason (it is kept in the audit trail); it cannot be empty",
    "--{}：请给出原因（记入审计记录），不能为空"};
constexpr std::size_t kMaxReason = kiosk::kMaxReasonChars;
constexpr Msg kLongReason{"--{}: at most {} characters ({} given)", "--{}：最多 {} 个字（实际 {} 个）"};
constexpr Msg kYes{
    "make the change even though it takes the session off its shift, credits it "
    "nothing, or rejects a session not awaiting review",
    "即使会使记录脱离班次、不计时长，或驳回并非待审核的记录，也执行"};
constexpr Msg kAsProposed{
    "a forgotten check-out: credit it to the time the volunteer said they left "
    "(default: the rostered end)",
    "忘记签退的记录：按志愿者所说的离开时间计入（默认：按排班结束时间）"};
}  // namespace

std::string checked_reason(const std::string& text, const char* option) {
  if (is_blank(text)) throw UsageError(kEmptyReason, option);
  // An audit row is read by people: a sentence or two, not a pasted file.
  if (auto n = text::char_count(text); n > kMaxReason)
    throw UsageError(kLongReason, option, kMaxReason, n);
  return text;
}

void declare_review_args(OptionSet& s, const Context& ctx, bool reason_required,
                         ReviewOption options) {
  auto reason = po::value<std::string>();
  if (reason_required) reason->required();
  s.options.add_options()("session", po::value<std::string>()->required(), "")(
      "reason", reason, ctx.tr(kReason).c_str());
  if (has(options, ReviewOption::times))
    s.options.add_options()("in", po::value<std::string>()->required(), ctx.tr(kIn).c_str())(
        "out", po::value<std::string>()->required(), ctx.tr(kOut).c_str());
  if (has(options, ReviewOption::as_proposed))
    s.options.add_options()("as-proposed", ctx.tr(kAsProposed).c_str());
  if (has(options, ReviewOption::yes)) s.options.add_options()("yes", ctx.tr(kYes).c_str());
  s.positional.add("session", 1);
}

ReviewArgs parse_review_args(const po::variables_map& vm) {
  ReviewArgs a;
  long long id = 0;
  auto text = vm["session"].as<std::string>();
  if (!parse_int(text, id) || id <= 0) throw UsageError(kBadId, text);
  a.session = SessionId{id};
  if (vm.count("reason")) a.reason = checked_reason(vm["reason"].as<std::string>());
  a.in = opt<std::string>(vm, "in");
  a.out = opt<std::string>(vm, "out");
  a.yes = vm.count("yes") > 0;
  a.as_proposed = vm.count("as-proposed") > 0;
  return a;
}

}  // namespace vstation::cli
