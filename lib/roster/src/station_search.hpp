#pragma once
// Construction and simulated annealing over a StationState (internal). Every move keeps the
// hard rules: additions are checked with StationState::can_add, pinned pairs never move.

#include <cstdint>
#include <vector>

#include "station_state.hpp"
#include "vstation/roster/search.hpp"

namespace vstation::roster::detail {

struct StationSearchOutcome {
  std::vector<std::pair<int, int>> best;  // (volunteer, shift) indices
  std::int64_t cost = 0;
  std::uint64_t iterations = 0;
  double seconds_to_first_roster = -1.0;
};

class StationSearch {
 public:
  // `state` holds the starting roster (pins already in); `pinned` lists pairs never to move.
  StationSearch(StationState& state, const std::vector<std::pair<int, int>>& pinned,
                std::uint64_t seed);
  // Fills open slots greedily by lowest marginal cost, scarce shifts first.
  void construct();
  StationSearchOutcome run(const SolveOptions& options, bool construct_first);

 private:
  struct Op {
    bool add;
    int volunteer;
    int shift;
  };
  // Applies ops in order if each addition is allowed; returns false (state unchanged) if not.
  bool apply(const std::vector<Op>& ops, std::int64_t& delta);
  void revert(const std::vector<Op>& ops);
  [[nodiscard]] bool is_pinned(int v, int s) const;
  bool propose(std::vector<Op>& ops);
  int random_below(std::size_t bound) {
    return static_cast<int>(rng_.below(static_cast<std::uint32_t>(bound)));
  }

  StationState& state_;
  std::vector<std::vector<int>> pinned_;  // per volunteer, shift indices
  Rng rng_;
  std::vector<int> touched_shifts_;
  std::vector<int> touched_volunteers_;
};

}  // namespace vstation::roster::detail
