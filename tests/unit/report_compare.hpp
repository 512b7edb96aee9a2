#pragma once
// Figure-by-figure comparisons of two answers for the same report parts (the pass against the
// SQL definitions, the pass reading history two ways).

#include <doctest/doctest.h>

#include <vector>

#include "vstation/store/stats.hpp"

namespace compare {

// Breakdown rows: the same keys in the same order, each with the same figures.
inline void same_groups(const std::vector<vstation::store::stats::GroupTotals>& x,
                        const std::vector<vstation::store::stats::GroupTotals>& y) {
  REQUIRE(x.size() == y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    CAPTURE(i);
    CHECK(x[i].key == y[i].key);
    CHECK(x[i].service.person_times == y[i].service.person_times);
    CHECK(x[i].service.volunteers == y[i].service.volunteers);
    CHECK(x[i].service.credited_minutes == y[i].service.credited_minutes);
  }
}

// Shift fill of the same parts.
inline void same_fill(const std::vector<vstation::store::stats::ShiftFill>& x,
                      const std::vector<vstation::store::stats::ShiftFill>& y) {
  REQUIRE(x.size() == y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    CAPTURE(i);
    CHECK(x[i].shifts == y[i].shifts);
    CHECK(x[i].slots_demanded == y[i].slots_demanded);
    CHECK(x[i].slots_filled == y[i].slots_filled);
  }
}

}  // namespace compare
