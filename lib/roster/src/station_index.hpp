#pragma once
// Static facts about a station week, computed once per solve (internal): dense indices for the
// database ids, which volunteer could ever take which shift, and the pairwise shift conflicts.

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "vstation/roster/station.hpp"

namespace vstation::roster::detail {

class StationIndex {
 public:
  explicit StationIndex(const StationProblem& problem);

  [[nodiscard]] const StationProblem& problem() const { return problem_; }
  [[nodiscard]] int volunteer_count() const { return static_cast<int>(problem_.volunteers.size()); }
  [[nodiscard]] int shift_count() const { return static_cast<int>(problem_.shifts.size()); }
  [[nodiscard]] const Volunteer& volunteer(int v) const {
    return problem_.volunteers[static_cast<std::size_t>(v)];
  }
  [[nodiscard]] const Shift& shift(int s) const {
    return problem_.shifts[static_cast<std::size_t>(s)];
  }
  [[nodiscard]] const Weights& weights() const { return problem_.weights; }

  [[nodiscard]] std::optional<int> volunteer_of(std::int64_t id) const;
  [[nodiscard]] std::optional<int> shift_of(std::int64_t id) const;

  [[nodiscard]] int minutes(int s) const { return minutes_[static_cast<std::size_t>(s)]; }
  // Volunteer's availability covers the whole shift.
  [[nodiscard]] bool covers(int v, int s) const;
  // Eligible and available: the volunteer may take the shift if the weekly state allows.
  [[nodiscard]] const std::vector<int>& candidates(int s) const {
    return candidates_[static_cast<std::size_t>(s)];
  }
  [[nodiscard]] const std::vector<int>& open_shifts(int v) const {
    return open_shifts_[static_cast<std::size_t>(v)];
  }
  // Two shifts that overlap or leave less than the minimum rest between them.
  [[nodiscard]] bool conflict(int s1, int s2) const;
  [[nodiscard]] bool has_valid_skill(int v, int s, std::int64_t skill) const;
  // What the volunteer offered: shifts they could take, capped by their weekly maximum.
  [[nodiscard]] int offered(int v) const { return offered_[static_cast<std::size_t>(v)]; }
  // Cost added to the score when v is put on s: avoided (+), preferred and usual slot (-).
  [[nodiscard]] std::int64_t pair_cost(int v, int s) const;
  // The constant that keeps the total non-negative: all preferred and usual-slot pairs missed.
  [[nodiscard]] std::int64_t missed_wishes_baseline() const { return wishes_baseline_; }
  [[nodiscard]] bool preferred(int v, int s) const;
  [[nodiscard]] bool avoided(int v, int s) const;
  [[nodiscard]] bool usual(int v, int s) const;
  // The volunteer dropped out of this shift.
  [[nodiscard]] bool barred(int v, int s) const;

 private:
  const StationProblem& problem_;
  std::unordered_map<std::int64_t, int> volunteer_index_;
  std::unordered_map<std::int64_t, int> shift_index_;
  std::vector<int> minutes_;
  std::vector<std::vector<TimeWindow>> merged_availability_;
  std::vector<std::vector<int>> candidates_;
  std::vector<std::vector<int>> open_shifts_;
  std::vector<int> offered_;
  std::vector<std::vector<int>> usual_shifts_;  // per volunteer, sorted shift indices
  std::int64_t wishes_baseline_ = 0;
};

}  // namespace vstation::roster::detail
