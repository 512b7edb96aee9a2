#include "station_state.hpp"

#include <algorithm>

namespace vstation::roster::detail {

namespace {

void erase_value(std::vector<int>& values, int value) {
  const auto it = std::find(values.begin(), values.end(), value);
  if (it != values.end()) {
    *it = values.back();
    values.pop_back();
  }
}

}  // namespace

StationState::StationState(const StationIndex& index)
    : index_(index),
      on_shift_(static_cast<std::size_t>(index.shift_count())),
      shifts_of_(static_cast<std::size_t>(index.volunteer_count())),
      minutes_(static_cast<std::size_t>(index.volunteer_count()), 0),
      extra_pair_cost_(static_cast<std::size_t>(index.volunteer_count())) {}

bool StationState::assigned(int v, int s) const {
  const auto& list = shifts_of(v);
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::optional<CandidateReason> StationState::blocker(int v, int s, std::int64_t skill) const {
  const auto& volunteer = index_.volunteer(v);
  if (!volunteer.eligible) return CandidateReason::ineligible;
  if (index_.barred(v, s)) return CandidateReason::dropped_out;
  if (!index_.covers(v, s)) return CandidateReason::not_available;
  if (skill != 0 && !index_.has_valid_skill(v, s, skill)) return CandidateReason::lacks_valid_skill;
  const auto& mine = shifts_of(v);
  if (static_cast<int>(mine.size()) >= volunteer.max_shifts_per_week) {
    return CandidateReason::at_max_shifts;
  }
  if (minutes_[static_cast<std::size_t>(v)] + index_.minutes(s) > volunteer.max_minutes_per_week) {
    return CandidateReason::at_max_minutes;
  }
  for (const int other : mine) {
    if (other == s || index_.conflict(other, s)) return CandidateReason::overlap_or_rest;
  }
  return std::nullopt;
}

void StationState::add(int v, int s) {
  on_shift_[static_cast<std::size_t>(s)].push_back(v);
  shifts_of_[static_cast<std::size_t>(v)].push_back(s);
  minutes_[static_cast<std::size_t>(v)] += index_.minutes(s);
  ++filled_;
}

void StationState::remove(int v, int s) {
  erase_value(on_shift_[static_cast<std::size_t>(s)], v);
  erase_value(shifts_of_[static_cast<std::size_t>(v)], s);
  minutes_[static_cast<std::size_t>(v)] -= index_.minutes(s);
  --filled_;
}

int StationState::empty_slots(int s) const {
  return std::max(0, index_.shift(s).slots - static_cast<int>(on_shift(s).size()));
}

int StationState::skill_holders(int s, std::int64_t skill) const {
  int holders = 0;
  for (const int v : on_shift(s)) {
    if (index_.has_valid_skill(v, s, skill)) ++holders;
  }
  return holders;
}

int StationState::new_without_experienced(int s) const {
  int newcomers = 0;
  for (const int v : on_shift(s)) {
    const auto& volunteer = index_.volunteer(v);
    if (volunteer.is_experienced) return 0;
    if (volunteer.is_new) ++newcomers;
  }
  return newcomers;
}

std::int64_t StationState::fairness_cost(int v) const {
  // Convex in the number of shifts and scaled by what the volunteer offered, so the minimum
  // spreads shifts in proportion to each volunteer's offer.
  const auto n = static_cast<std::int64_t>(shifts_of(v).size());
  return index_.weights().fairness * n * n * 100 / std::max(1, index_.offered(v));
}

int StationState::days_beyond_long_run(int v) const {
  unsigned days = 0;
  for (const int s : shifts_of(v)) days |= 1u << (index_.shift(s).day & 31);
  int beyond = 0;
  int run = 0;
  for (int day = 0; day < 32; ++day) {
    run = (days >> day) & 1u ? run + 1 : 0;
    if (run > index_.weights().long_run_days) ++beyond;
  }
  return beyond;
}

std::int64_t StationState::shift_cost(int s) const {
  const auto& shift = index_.shift(s);
  const auto& w = index_.weights();
  std::int64_t cost = static_cast<std::int64_t>(empty_slots(s)) * w.unfilled_slot * shift.priority;
  for (const auto& minimum : shift.skill_minimums) {
    cost +=
        static_cast<std::int64_t>(std::max(0, minimum.count - skill_holders(s, minimum.skill))) *
        w.skill_minimum;
  }
  cost += static_cast<std::int64_t>(new_without_experienced(s)) * w.new_without_experienced;
  return cost;
}

std::int64_t StationState::volunteer_cost(int v) const {
  return fairness_cost(v) +
         static_cast<std::int64_t>(days_beyond_long_run(v)) * index_.weights().long_run;
}

void StationState::set_extra_pair_cost(std::vector<std::vector<std::pair<int, std::int64_t>>> costs,
                                       std::int64_t other_pairs, std::int64_t baseline) {
  extra_pair_cost_ = std::move(costs);
  extra_other_pairs_ = other_pairs;
  extra_baseline_ = baseline;
}

std::int64_t StationState::pair_cost(int v, int s) const {
  for (const auto& [shift, extra] : extra_pair_cost_[static_cast<std::size_t>(v)]) {
    if (shift == s) return index_.pair_cost(v, s) + extra;
  }
  return index_.pair_cost(v, s) + extra_other_pairs_;
}

std::int64_t StationState::total() const {
  std::int64_t cost = index_.missed_wishes_baseline() + extra_baseline_;
  for (int s = 0; s < index_.shift_count(); ++s) cost += shift_cost(s);
  for (int v = 0; v < index_.volunteer_count(); ++v) {
    cost += volunteer_cost(v);
    for (const int s : shifts_of(v)) cost += pair_cost(v, s);
  }
  return cost;
}

std::vector<Assignment> StationState::assignments() const {
  std::vector<Assignment> result;
  result.reserve(static_cast<std::size_t>(filled_));
  for (int v = 0; v < index_.volunteer_count(); ++v) {
    for (const int s : shifts_of(v)) {
      result.push_back(Assignment{index_.volunteer(v).id, index_.shift(s).id});
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

}  // namespace vstation::roster::detail
