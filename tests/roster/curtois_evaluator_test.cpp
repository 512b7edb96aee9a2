#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "tiny_curtois.hpp"
#include "vstation/roster/curtois.hpp"

using namespace vstation::roster;

namespace {

CurtoisRoster roster_of(const CurtoisInstance& instance, const std::string& text) {
  std::istringstream in(text);
  return read_curtois_roster(in, instance);
}

std::int64_t penalty_of(const CurtoisEvaluation& evaluation, RuleId rule) {
  for (const auto& line : evaluation.breakdown) {
    if (line.rule == rule) return line.penalty;
  }
  return 0;
}

bool has(const CurtoisEvaluation& evaluation, RuleId rule, const std::string& employee_id,
         const CurtoisInstance& instance, int day = -2) {
  return std::any_of(
      evaluation.violations.begin(), evaluation.violations.end(), [&](const auto& v) {
        return v.rule == rule &&
               instance.employees[static_cast<std::size_t>(v.employee)].id == employee_id &&
               (day == -2 || v.day == day);
      });
}

}  // namespace

TEST_CASE("evaluator: feasible hand-made roster, objective by hand") {
  const auto instance = read_curtois_instance_text(testing::kTinyInstance);
  // A works E,E,L on days 0-2 (a 3-day run at the start, 1440 min), B works E on days 3-4
  // (960 min), C is off all week.
  //   on-requests:  A day 0 E met, B day 3 E met                  -> 0
  //   off-requests: A day 2 L worked                              -> 3
  //   cover: day 0 E 1/1, day 1 E 1/1, day 2 L 1/1                -> 0
  //          day 3 E 1/2: one under x 100                         -> 100
  //   total = 3 + 100 = 103
  const auto evaluation =
      evaluate_curtois(instance, roster_of(instance, "A,E,E,L,,,,\nB,,,,E,E,,\nC,,,,,,,\n"));
  CHECK(evaluation.feasible());
  CHECK(evaluation.objective == 103);
  CHECK(penalty_of(evaluation, RuleId::shift_off_request) == 3);
  CHECK(penalty_of(evaluation, RuleId::cover_under) == 100);
  CHECK(penalty_of(evaluation, RuleId::shift_on_request) == 0);
}

TEST_CASE("evaluator: every broken hard rule is listed, objective by hand") {
  const auto instance = read_curtois_instance_text(testing::kTinyInstance);
  // A: L,E,-,E,-,-,E   B: E x7   C: weekend E,E
  //   A: L then E (forbidden succession, day 0); a 1-day break on day 2 (min 2 days off);
  //      a 1-day run on day 3 (min 2 shifts); works day 6, a listed day off.
  //   B: 7 E shifts (type max 6); 3360 min (max 2400); run of 7 (max 5).
  //   C: works a weekend with MaxWeekends 0.
  //   on-requests: A day 0 wants E, has L -> 2; B day 3 E met -> 0
  //   off-requests: A day 2 L not worked -> 0
  //   cover: day 0 E: B = 1/1 -> 0; day 1 E: A,B = 2/1 -> 1 over x 5 = 5;
  //          day 2 L: nobody -> 100; day 3 E: A,B = 2/2 -> 0
  //   total = 2 + 5 + 100 = 107
  const auto evaluation = evaluate_curtois(
      instance, roster_of(instance, "A,L,E,,E,,,E\nB,E,E,E,E,E,E,E\nC,,,,,,E,E\n"));
  CHECK_FALSE(evaluation.feasible());
  CHECK(evaluation.objective == 107);
  CHECK(has(evaluation, RuleId::forbidden_succession, "A", instance, 0));
  CHECK(has(evaluation, RuleId::min_consecutive_days_off, "A", instance, 2));
  CHECK(has(evaluation, RuleId::min_consecutive_shifts, "A", instance, 3));
  CHECK(has(evaluation, RuleId::day_off, "A", instance, 6));
  CHECK(has(evaluation, RuleId::max_shifts_per_type, "B", instance));
  CHECK(has(evaluation, RuleId::max_total_minutes, "B", instance));
  CHECK(has(evaluation, RuleId::max_consecutive_shifts, "B", instance, 0));
  CHECK(has(evaluation, RuleId::max_weekends, "C", instance));
  CHECK(evaluation.violations.size() == 8);
  CHECK(describe(instance, evaluation.violations.front()).find("employee A") != std::string::npos);
}

TEST_CASE("evaluator: minimum minutes and runs touching the horizon edges") {
  const auto instance = read_curtois_instance_text(testing::kTinyInstance);
  // A works only day 0 (480 < 960 min): min_total_minutes. A 1-day run touching day 0 and
  // the break touching the last day are allowed by rules 6 and 7.
  const auto evaluation =
      evaluate_curtois(instance, roster_of(instance, "A,E,,,,,,\nB,,,,,,,\nC,,,,,,,\n"));
  CHECK(has(evaluation, RuleId::min_total_minutes, "A", instance));
  CHECK(evaluation.violations.size() == 1);
}
