#include "cli/roster_edit.hpp"

#include "vstation/planning/week.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kVolunteer{"volunteer number", "志愿者编号"};
constexpr Msg kShift{"shift number (see 'vstation roster show --format csv')",
                     "班次号（见“vstation roster show --format csv”）"};
constexpr Msg kNoShift{"--shift: no shift numbered {}", "--shift：没有班次号为 {} 的班次"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};
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
          flag && vm.count(flag) > 0};
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

std::string edit_warnings(store::Connection& db, store::Lookup& lookup, VolunteerId v,
                          const Shift& s, Lang lang) {
  const Station& st = lookup.station_record(s.station);
  planning::WeekScope scope{IsoWeek::of(local_date(s.time.begin, st.zone)), std::nullopt};
  auto wp = planning::build_problem(db, scope);
  auto r = roster::evaluate_station(wp.problem, planning::current_assignments(db, wp));
  std::string out;
  for (const auto& x : r.violations)
    if (x.volunteer == v.value)
      out += Text::of(kWarning, lookup.volunteer_number(v), x.shift, Text(rule_words(x.rule)))
                 .render(lang) +
             "\n";
  return out;
}

}  // namespace vstation::cli
