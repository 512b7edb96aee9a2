#include "vstation/roster/rules.hpp"

#include <algorithm>

namespace vstation::roster {

RuleKind rule_kind(RuleId rule) {
  switch (rule) {
    case RuleId::shift_on_request:
    case RuleId::shift_off_request:
    case RuleId::cover_under:
    case RuleId::cover_over:
    case RuleId::unfilled_slot:
    case RuleId::skill_minimum:
    case RuleId::new_without_experienced:
    case RuleId::fairness:
    case RuleId::preferred_shift_missed:
    case RuleId::avoided_shift:
    case RuleId::continuity:
    case RuleId::long_run_of_days:
      return RuleKind::soft;
    default:
      return RuleKind::hard;
  }
}

std::string_view rule_code(RuleId rule) {
  switch (rule) {
    case RuleId::one_shift_per_day:
      return "one_shift_per_day";
    case RuleId::forbidden_succession:
      return "forbidden_succession";
    case RuleId::max_shifts_per_type:
      return "max_shifts_per_type";
    case RuleId::max_total_minutes:
      return "max_total_minutes";
    case RuleId::min_total_minutes:
      return "min_total_minutes";
    case RuleId::max_consecutive_shifts:
      return "max_consecutive_shifts";
    case RuleId::min_consecutive_shifts:
      return "min_consecutive_shifts";
    case RuleId::min_consecutive_days_off:
      return "min_consecutive_days_off";
    case RuleId::max_weekends:
      return "max_weekends";
    case RuleId::day_off:
      return "day_off";
    case RuleId::shift_on_request:
      return "shift_on_request";
    case RuleId::shift_off_request:
      return "shift_off_request";
    case RuleId::cover_under:
      return "cover_under";
    case RuleId::cover_over:
      return "cover_over";
    case RuleId::availability:
      return "availability";
    case RuleId::overlap:
      return "overlap";
    case RuleId::max_shifts_per_week:
      return "max_shifts_per_week";
    case RuleId::max_minutes_per_week:
      return "max_minutes_per_week";
    case RuleId::min_rest:
      return "min_rest";
    case RuleId::ineligible:
      return "ineligible";
    case RuleId::pinned:
      return "pinned";
    case RuleId::unfilled_slot:
      return "unfilled_slot";
    case RuleId::skill_minimum:
      return "skill_minimum";
    case RuleId::new_without_experienced:
      return "new_without_experienced";
    case RuleId::fairness:
      return "fairness";
    case RuleId::preferred_shift_missed:
      return "preferred_shift_missed";
    case RuleId::avoided_shift:
      return "avoided_shift";
    case RuleId::continuity:
      return "continuity";
    case RuleId::long_run_of_days:
      return "long_run_of_days";
  }
  return "unknown";
}

void add_to_breakdown(ScoreBreakdown& breakdown, RuleId rule, std::int64_t penalty,
                      std::int64_t count) {
  auto it = std::find_if(breakdown.begin(), breakdown.end(),
                         [rule](const RuleScore& line) { return line.rule == rule; });
  if (it == breakdown.end()) {
    breakdown.push_back(RuleScore{rule, penalty, count});
  } else {
    it->penalty += penalty;
    it->count += count;
  }
}

}  // namespace vstation::roster
