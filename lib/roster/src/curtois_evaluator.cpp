// Independent evaluator: deliberately plain loops straight from the README's definitions, so
// it can check the solver (which scores incrementally with different code).

#include <string>

#include "vstation/roster/curtois.hpp"

namespace vstation::roster {

namespace {

void check_employee(const CurtoisInstance& instance, int e, const std::vector<int>& row,
                    std::vector<CurtoisViolation>& out) {
  const auto& employee = instance.employees[static_cast<std::size_t>(e)];
  const int days = instance.horizon_days;
  const auto at = [&](int day) { return row[static_cast<std::size_t>(day)]; };

  // Rule 1 (one shift per day) holds by construction: a roster cell holds one shift or none.

  // Rule 2: forbidden successions.
  for (int day = 1; day < days; ++day) {
    if (at(day - 1) == kDayOff || at(day) == kDayOff) continue;
    for (const int next :
         instance.shift_types[static_cast<std::size_t>(at(day - 1))].forbidden_next) {
      if (next == at(day)) {
        out.push_back({RuleId::forbidden_succession, e, day - 1, at(day - 1), at(day), 0});
      }
    }
  }

  // Rule 3: per-type maxima. Rule 4: total minutes.
  std::vector<int> count(instance.shift_types.size(), 0);
  std::int64_t minutes = 0;
  for (int day = 0; day < days; ++day) {
    if (at(day) == kDayOff) continue;
    ++count[static_cast<std::size_t>(at(day))];
    minutes += instance.shift_types[static_cast<std::size_t>(at(day))].length_minutes;
  }
  for (std::size_t s = 0; s < count.size(); ++s) {
    if (count[s] > employee.max_shifts_per_type[s]) {
      out.push_back({RuleId::max_shifts_per_type, e, -1, static_cast<int>(s), count[s],
                     employee.max_shifts_per_type[s]});
    }
  }
  if (minutes > employee.max_total_minutes) {
    out.push_back({RuleId::max_total_minutes, e, -1, -1, minutes, employee.max_total_minutes});
  }
  if (minutes < employee.min_total_minutes) {
    out.push_back({RuleId::min_total_minutes, e, -1, -1, minutes, employee.min_total_minutes});
  }

  // Rules 5-7: runs of worked days and of days off.
  int start = 0;
  while (start < days) {
    const bool working = at(start) != kDayOff;
    int end = start;
    while (end < days && (at(end) != kDayOff) == working) ++end;
    const int length = end - start;
    const bool touches_edge = start == 0 || end == days;
    if (working && length > employee.max_consecutive_shifts) {
      out.push_back(
          {RuleId::max_consecutive_shifts, e, start, -1, length, employee.max_consecutive_shifts});
    }
    if (working && !touches_edge && length < employee.min_consecutive_shifts) {
      out.push_back(
          {RuleId::min_consecutive_shifts, e, start, -1, length, employee.min_consecutive_shifts});
    }
    if (!working && !touches_edge && length < employee.min_consecutive_days_off) {
      out.push_back({RuleId::min_consecutive_days_off, e, start, -1, length,
                     employee.min_consecutive_days_off});
    }
    start = end;
  }

  // Rule 8: weekends with any work.
  int weekends = 0;
  for (int saturday = 5; saturday < days; saturday += 7) {
    const bool sunday_worked = saturday + 1 < days && at(saturday + 1) != kDayOff;
    if (at(saturday) != kDayOff || sunday_worked) ++weekends;
  }
  if (weekends > employee.max_weekends) {
    out.push_back({RuleId::max_weekends, e, -1, -1, weekends, employee.max_weekends});
  }

  // Rule 9: listed days off.
  for (const int day : employee.days_off) {
    if (at(day) != kDayOff) out.push_back({RuleId::day_off, e, day, at(day), 1, 0});
  }
}

}  // namespace

CurtoisEvaluation evaluate_curtois(const CurtoisInstance& instance, const CurtoisRoster& roster) {
  CurtoisEvaluation result;
  for (std::size_t e = 0; e < instance.employees.size(); ++e) {
    check_employee(instance, static_cast<int>(e), roster.shift[e], result.violations);
  }
  const auto cell = [&](int e, int day) {
    return roster.shift[static_cast<std::size_t>(e)][static_cast<std::size_t>(day)];
  };
  for (const auto& request : instance.on_requests) {
    if (cell(request.employee, request.day) != request.shift) {
      add_to_breakdown(result.breakdown, RuleId::shift_on_request, request.weight);
    }
  }
  for (const auto& request : instance.off_requests) {
    if (cell(request.employee, request.day) == request.shift) {
      add_to_breakdown(result.breakdown, RuleId::shift_off_request, request.weight);
    }
  }
  for (const auto& cover : instance.covers) {
    int assigned = 0;
    for (std::size_t e = 0; e < instance.employees.size(); ++e) {
      if (cell(static_cast<int>(e), cover.day) == cover.shift) ++assigned;
    }
    if (assigned < cover.requirement) {
      const int missing = cover.requirement - assigned;
      add_to_breakdown(result.breakdown, RuleId::cover_under,
                       static_cast<std::int64_t>(missing) * cover.weight_under, missing);
    } else if (assigned > cover.requirement) {
      const int extra = assigned - cover.requirement;
      add_to_breakdown(result.breakdown, RuleId::cover_over,
                       static_cast<std::int64_t>(extra) * cover.weight_over, extra);
    }
  }
  for (const auto& line : result.breakdown) result.objective += line.penalty;
  return result;
}

std::string describe(const CurtoisInstance& instance, const CurtoisViolation& v) {
  std::string text = std::string(rule_code(v.rule)) + ": employee " +
                     instance.employees[static_cast<std::size_t>(v.employee)].id;
  if (v.day >= 0) text += ", day " + std::to_string(v.day);
  if (v.shift >= 0) text += ", shift " + instance.shift_types[static_cast<std::size_t>(v.shift)].id;
  if (v.rule == RuleId::forbidden_succession) {
    text += " followed by " + instance.shift_types[static_cast<std::size_t>(v.actual)].id;
  } else if (v.rule != RuleId::day_off) {
    text += ": " + std::to_string(v.actual) + " (limit " + std::to_string(v.limit) + ")";
  }
  return text;
}

}  // namespace vstation::roster
