#pragma once
// The mutable roster during a station solve (internal): who is on which shift, the weekly
// totals that the hard rules check, and the per-shift / per-volunteer cost terms from which
// a move's delta is computed by re-scoring only what it touched.

#include <cstdint>
#include <optional>
#include <vector>

#include "station_index.hpp"

namespace vstation::roster::detail {

class StationState {
 public:
  explicit StationState(const StationIndex& index);

  [[nodiscard]] const StationIndex& index() const { return index_; }
  [[nodiscard]] const std::vector<int>& on_shift(int s) const {
    return on_shift_[static_cast<std::size_t>(s)];
  }
  [[nodiscard]] const std::vector<int>& shifts_of(int v) const {
    return shifts_of_[static_cast<std::size_t>(v)];
  }
  [[nodiscard]] bool assigned(int v, int s) const;
  [[nodiscard]] bool open_slot(int s) const {
    return !index_.shift(s).frozen && static_cast<int>(on_shift(s).size()) < index_.shift(s).slots;
  }

  // The first hard rule that stops v from joining s now, or nullopt if v may join.
  // `skill` != 0 adds the check that v holds that skill validly (for skill-gap explanations).
  [[nodiscard]] std::optional<CandidateReason> blocker(int v, int s, std::int64_t skill = 0) const;
  [[nodiscard]] bool can_add(int v, int s) const { return open_slot(s) && !blocker(v, s); }

  void add(int v, int s);
  void remove(int v, int s);

  // Cost terms; the total is their sum plus the wishes baseline plus the pair costs.
  [[nodiscard]] std::int64_t shift_cost(int s) const;
  [[nodiscard]] std::int64_t volunteer_cost(int v) const;
  [[nodiscard]] std::int64_t total() const;

  // Extra cost per pair (repair: staying with the existing roster is cheaper).
  // `costs` lists (shift, cost) per volunteer; every other pair costs `other_pairs`.
  void set_extra_pair_cost(std::vector<std::vector<std::pair<int, std::int64_t>>> costs,
                           std::int64_t other_pairs, std::int64_t baseline);
  [[nodiscard]] std::int64_t pair_cost(int v, int s) const;

  // Individual terms, for the breakdown by rule.
  [[nodiscard]] int empty_slots(int s) const;
  [[nodiscard]] int skill_holders(int s, std::int64_t skill) const;
  [[nodiscard]] int new_without_experienced(int s) const;
  [[nodiscard]] std::int64_t fairness_cost(int v) const;
  [[nodiscard]] int days_beyond_long_run(int v) const;
  [[nodiscard]] int filled_slots() const { return filled_; }

  [[nodiscard]] std::vector<Assignment> assignments() const;

 private:
  const StationIndex& index_;
  std::vector<std::vector<int>> on_shift_;
  std::vector<std::vector<int>> shifts_of_;
  std::vector<int> minutes_;
  std::vector<std::vector<std::pair<int, std::int64_t>>> extra_pair_cost_;  // per volunteer
  std::int64_t extra_other_pairs_ = 0;
  std::int64_t extra_baseline_ = 0;
  int filled_ = 0;
};

}  // namespace vstation::roster::detail
