#pragma once
// The catalogue of roster rules shared by both front-ends (the Curtois benchmark format and
// the station week). Every score and every violation names a RuleId, so the CLI can render
// the same breakdown in zh/en for either model; the stable code string is the translation key.

#include <cstdint>
#include <string_view>
#include <vector>

namespace vstation::roster {

enum class RuleKind { hard, soft };

enum class RuleId {
  // Hard rules of the Curtois format.
  one_shift_per_day,
  forbidden_succession,
  max_shifts_per_type,
  max_total_minutes,
  min_total_minutes,
  max_consecutive_shifts,
  min_consecutive_shifts,
  min_consecutive_days_off,
  max_weekends,
  day_off,
  // Soft goals of the Curtois format.
  shift_on_request,
  shift_off_request,
  cover_under,
  cover_over,
  // Hard rules of the station week.
  availability,
  overlap,
  max_shifts_per_week,
  max_minutes_per_week,
  min_rest,
  ineligible,
  pinned,
  // Soft goals of the station week.
  unfilled_slot,
  skill_minimum,
  new_without_experienced,
  fairness,
  preferred_shift_missed,
  avoided_shift,
  continuity,
  long_run_of_days,
};

[[nodiscard]] RuleKind rule_kind(RuleId rule);
// Stable snake_case code ("cover_under"), used as a translation key and in CSV/JSON output.
[[nodiscard]] std::string_view rule_code(RuleId rule);

// One line of a score breakdown: how often a rule was broken and what it cost.
struct RuleScore {
  RuleId rule{};
  std::int64_t penalty = 0;
  std::int64_t count = 0;
  friend bool operator==(const RuleScore&, const RuleScore&) = default;
};

using ScoreBreakdown = std::vector<RuleScore>;

// Adds (penalty, count) to the rule's line, creating it if absent (keeps first-seen order).
void add_to_breakdown(ScoreBreakdown& breakdown, RuleId rule, std::int64_t penalty,
                      std::int64_t count = 1);

}  // namespace vstation::roster
