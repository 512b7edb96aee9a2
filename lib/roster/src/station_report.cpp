#include "station_report.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace vstation::roster::detail {

namespace {

void add_breakdown(StationRoster& roster, const StationState& state) {
  const auto& index = state.index();
  const auto& w = index.weights();
  auto& breakdown = roster.breakdown;
  for (int s = 0; s < index.shift_count(); ++s) {
    const auto& shift = index.shift(s);
    if (const int empty = state.empty_slots(s); empty > 0) {
      add_to_breakdown(breakdown, RuleId::unfilled_slot,
                       static_cast<std::int64_t>(empty) * w.unfilled_slot * shift.priority, empty);
    }
    for (const auto& minimum : shift.skill_minimums) {
      if (const int missing = minimum.count - state.skill_holders(s, minimum.skill); missing > 0) {
        add_to_breakdown(breakdown, RuleId::skill_minimum,
                         static_cast<std::int64_t>(missing) * w.skill_minimum, missing);
      }
    }
    if (const int alone = state.new_without_experienced(s); alone > 0) {
      add_to_breakdown(breakdown, RuleId::new_without_experienced,
                       static_cast<std::int64_t>(alone) * w.new_without_experienced, alone);
    }
  }
  for (int v = 0; v < index.volunteer_count(); ++v) {
    if (const auto fairness = state.fairness_cost(v); fairness > 0) {
      add_to_breakdown(breakdown, RuleId::fairness, fairness, 1);
    }
    if (const int beyond = state.days_beyond_long_run(v); beyond > 0) {
      add_to_breakdown(breakdown, RuleId::long_run_of_days,
                       static_cast<std::int64_t>(beyond) * w.long_run, beyond);
    }
    for (int s = 0; s < index.shift_count(); ++s) {
      const bool on = state.assigned(v, s);
      if (index.preferred(v, s) && !on) {
        add_to_breakdown(breakdown, RuleId::preferred_shift_missed, w.preferred_shift_missed);
      }
      if (index.avoided(v, s) && on)
        add_to_breakdown(breakdown, RuleId::avoided_shift, w.avoided_shift);
      if (index.usual(v, s) && !on) add_to_breakdown(breakdown, RuleId::continuity, w.continuity);
    }
  }
  for (const auto& line : breakdown) roster.score += line.penalty;
}

GapExplanation explain(const StationState& state, int s, GapKind kind, std::int64_t skill,
                       int needed, int missing) {
  const auto& index = state.index();
  GapExplanation gap{kind, index.shift(s).id, skill, needed, missing, 0, {}, {}};
  std::array<int, 8> counts{};
  for (int v = 0; v < index.volunteer_count(); ++v) {
    if (state.assigned(v, s)) continue;
    const auto reason = state.blocker(v, s, skill).value_or(CandidateReason::could_take);
    ++counts[static_cast<std::size_t>(reason)];
    if (reason != CandidateReason::ineligible && reason != CandidateReason::not_available) {
      ++gap.available_in_window;
    }
    if (index.covers(v, s))
      gap.people.push_back({index.volunteer(v).id, reason, index.avoided(v, s)});
  }
  std::stable_sort(
      gap.people.begin(), gap.people.end(),
      [](const GapCandidate& a, const GapCandidate& b) { return a.reason > b.reason; });
  for (std::size_t r = 0; r < counts.size(); ++r) {
    if (counts[r] > 0)
      gap.reasons.push_back(ReasonCount{static_cast<CandidateReason>(r), counts[r]});
  }
  return gap;
}

void add_gaps(StationRoster& roster, const StationState& state) {
  const auto& index = state.index();
  for (int s = 0; s < index.shift_count(); ++s) {
    const auto& shift = index.shift(s);
    if (const int empty = state.empty_slots(s); empty > 0) {
      roster.gaps.push_back(explain(state, s, GapKind::unfilled_slots, 0, shift.slots, empty));
    }
    for (const auto& minimum : shift.skill_minimums) {
      if (const int missing = minimum.count - state.skill_holders(s, minimum.skill); missing > 0) {
        roster.gaps.push_back(
            explain(state, s, GapKind::skill_minimum, minimum.skill, minimum.count, missing));
      }
    }
  }
}

void add_violations(StationRoster& roster, const StationState& state) {
  const auto& index = state.index();
  for (int v = 0; v < index.volunteer_count(); ++v) {
    const auto& volunteer = index.volunteer(v);
    const auto& mine = state.shifts_of(v);
    int minutes = 0;
    for (const int s : mine) minutes += index.minutes(s);
    const auto flag = [&](RuleId rule, int s) {
      roster.violations.push_back(StationViolation{rule, volunteer.id, index.shift(s).id});
    };
    for (std::size_t i = 0; i < mine.size(); ++i) {
      const int s = mine[i];
      if (!volunteer.eligible) flag(RuleId::ineligible, s);
      if (!index.covers(v, s)) flag(RuleId::availability, s);
      for (std::size_t j = 0; j < i; ++j) {
        if (!index.conflict(mine[j], s)) continue;
        const auto& a = index.shift(mine[j]);
        const auto& b = index.shift(s);
        flag(a.start < b.end && b.start < a.end ? RuleId::overlap : RuleId::min_rest, s);
      }
    }
    if (!mine.empty() && static_cast<int>(mine.size()) > volunteer.max_shifts_per_week) {
      flag(RuleId::max_shifts_per_week, mine.back());
    }
    if (!mine.empty() && minutes > volunteer.max_minutes_per_week) {
      flag(RuleId::max_minutes_per_week, mine.back());
    }
  }
  for (const auto& pin : index.problem().pinned) {
    const auto [v, s] = resolve(index, pin);
    if (!state.assigned(v, s))
      roster.violations.push_back(StationViolation{RuleId::pinned, pin.volunteer, pin.shift});
  }
}

}  // namespace

std::pair<int, int> resolve(const StationIndex& index, const Assignment& assignment) {
  const auto v = index.volunteer_of(assignment.volunteer);
  const auto s = index.shift_of(assignment.shift);
  if (!v)
    throw std::invalid_argument("unknown volunteer id " + std::to_string(assignment.volunteer));
  if (!s) throw std::invalid_argument("unknown shift id " + std::to_string(assignment.shift));
  return {*v, *s};
}

std::vector<std::pair<int, int>> add_pins(StationState& state) {
  std::vector<std::pair<int, int>> pins;
  for (const auto& pin : state.index().problem().pinned) {
    const auto pair = resolve(state.index(), pin);
    if (state.assigned(pair.first, pair.second)) continue;
    state.add(pair.first, pair.second);
    pins.push_back(pair);
  }
  return pins;
}

StationRoster report_station(const StationState& state) {
  StationRoster roster;
  roster.assignments = state.assignments();
  add_breakdown(roster, state);
  add_gaps(roster, state);
  add_violations(roster, state);
  return roster;
}

}  // namespace vstation::roster::detail
