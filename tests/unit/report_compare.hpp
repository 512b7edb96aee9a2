#pragma once
// Figure-by-figure comparisons of two answers for the same report parts (the pass against the
// SQL definitions, the pass reading history two ways).

#include <doctest/doctest.h>

#include <vector>

#include "vstation/store/stats.hpp"

namespace compare {

// Two lists of the same length, compared element by element with `same`.
template <class T, class Same>
void each_pair(const std::vector<T>& x, const std::vector<T>& y, Same same) {
  REQUIRE(x.size() == y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    CAPTURE(i);
    same(x[i], y[i]);
  }
}

// Breakdown rows: the same keys in the same order, each with the same figures.
inline void same_groups(const std::vector<vstation::store::stats::GroupTotals>& x,
                        const std::vector<vstation::store::stats::GroupTotals>& y) {
  each_pair(x, y, [](const auto& a, const auto& b) {
    CHECK(a.key == b.key);
    CHECK(a.service.person_times == b.service.person_times);
    CHECK(a.service.volunteers == b.service.volunteers);
    CHECK(a.service.credited_minutes == b.service.credited_minutes);
  });
}

// Shift fill of the same parts.
inline void same_fill(const std::vector<vstation::store::stats::ShiftFill>& x,
                      const std::vector<vstation::store::stats::ShiftFill>& y) {
  each_pair(x, y, [](const auto& a, const auto& b) {
    CHECK(a.shifts == b.shifts);
    CHECK(a.slots_demanded == b.slots_demanded);
    CHECK(a.slots_filled == b.slots_filled);
  });
}

}  // namespace compare
