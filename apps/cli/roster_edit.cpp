#include "cli/roster_edit.hpp"

#include "cli/review_args.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kVolunteer{"volunteer number", "志愿者编号"};
constexpr Msg kShift{"shift number (see 'vstation roster show')",
                     "班次号（见“vstation roster show”）"};
constexpr Msg kNoShift{"--shift: no shift numbered {}", "--shift：没有班次号为 {} 的班次"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};
constexpr Msg kForce{"assign even though a rule about the person says no (needs --reason)",
                     "即使违反有关此人的规则也要安排（需要 --reason）"};
constexpr Msg kReason{"why the rule is overridden (kept in the audit trail)",
                      "为何不按规则处理（记入审计）"};
constexpr Msg kForceNeedsReason{"--force needs --reason TEXT saying why (it is audited)",
                                "--force 需要用 --reason 说明原因（将记入审计）"};
constexpr Msg kReasonNeedsForce{"--reason goes with --force", "--reason 需与 --force 一起使用"};
constexpr Msg kForced{"forced: {} (reason: {})", "强制：{}（原因：{}）"};
constexpr Msg kWarning{"warning: {} breaks a rule on shift {}: {}",
                       "警告：{} 在班次 {} 上违反规则：{}"};

Msg rule_words(roster::RuleId r) {
  using roster::RuleId;
  switch (r) {
    case RuleId::availability:
      return {"not available for the whole shift", "可用时间未覆盖整个班次"};
    case RuleId::overlap:
      return {"on two overlapping shifts", "同时在两个重叠的班次上"};
    case RuleId::max_shifts_per_week:
      return {"over their weekly maximum of shifts", "超过每周班次上限"};
    case RuleId::max_minutes_per_week:
      return {"over their weekly maximum of hours", "超过每周时长上限"};
    case RuleId::min_rest:
      return {"too little rest between shifts", "两个班次之间休息不足"};
    case RuleId::ineligible:
      return {"may not serve (retired, suspended or without consent)",
              "不能服务（已退出、暂停或缺少监护人同意）"};
    default:
      break;
  }
  return {"a hard rule", "硬性规则"};
}
}  // namespace

void declare_edit_args(OptionSet& s, const Context& ctx, const char* flag, Msg flag_help) {
  s.options.add_options()("volunteer", po::value<std::string>()->required(),
                          ctx.tr(kVolunteer).c_str())(
      "shift", po::value<std::int64_t>()->required(), ctx.tr(kShift).c_str());
  if (flag) s.options.add_options()(flag, ctx.tr(flag_help).c_str());
}

EditArgs parse_edit_args(const po::variables_map& vm, const char* flag) {
  return {vm["volunteer"].as<std::string>(), vm["shift"].as<std::int64_t>(),
          flag && vm.count(flag) > 0, std::nullopt};
}

void declare_force(OptionSet& s, const Context& ctx) {
  s.options.add_options()("force", ctx.tr(kForce).c_str())("reason", po::value<std::string>(),
                                                           ctx.tr(kReason).c_str());
}

std::optional<std::string> parse_force(const po::variables_map& vm) {
  auto reason = opt<std::string>(vm, "reason");
  bool force = vm.count("force") > 0;
  if (force && !reason) throw UsageError(kForceNeedsReason);
  if (reason && !force) throw UsageError(kReasonNeedsForce);
  if (reason) checked_reason(*reason);
  return reason;
}

std::optional<store::Override> override_of(const std::optional<std::string>& reason,
                                           const Context& ctx) {
  if (!reason) return std::nullopt;
  return store::Override{*reason, ctx.now()};
}

std::pair<VolunteerId, Shift> resolve_edit(store::Connection& db, store::Lookup& lookup,
                                           const EditArgs& a) {
  VolunteerId v;
  try {
    v = lookup.volunteer(a.volunteer);
  } catch (const DataError& e) {
    throw DataError(kAt, "volunteer", e.text());
  }
  auto s = store::shifts::get(db, ShiftId{a.shift});
  if (!s) throw DataError(kNoShift, a.shift);
  return {v, *s};
}

std::string edit_notes(const planning::AssignOutcome& o, store::Lookup& lookup,
                       const std::string& volunteer, Lang lang) {
  std::string out;
  auto reason = lookup.override_given() ? lookup.override_given()->reason : std::string();
  for (const auto& b : o.forced) out += Text::of(kForced, b.detail, reason).render(lang) + "\n";
  for (const auto& w : o.warnings)
    out +=
        Text::of(kWarning, volunteer, w.shift.value, Text(rule_words(w.rule))).render(lang) + "\n";
  return out;
}

}  // namespace vstation::cli
