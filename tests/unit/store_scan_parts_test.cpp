// The report pass's key sorting (stats_scan_parts.hpp): the radix sort orders any 64-bit keys as
// std::sort does, whichever digits they share, and the distinct-key list keeps each key once
// across its compactions.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "stats_scan_parts.hpp"

using namespace vstation::store::stats::scan;

TEST_CASE("the radix sort orders keys as std::sort does") {
  std::mt19937_64 rng(17);
  // Small lists (sorted directly), full 64-bit keys, keys sharing their high digits (member and
  // volunteer ids of 20 bits), and keys all equal.
  for (std::size_t n : {0u, 1u, 5u, 1023u, 1024u, 70'000u}) {
    for (int shape = 0; shape < 3; ++shape) {
      std::vector<std::uint64_t> keys(n);
      for (auto& k : keys)
        k = shape == 0   ? rng()
            : shape == 1 ? (rng() % (1u << 20)) << 32 | (rng() % (1u << 20))
                         : std::uint64_t(42) << 32 | 7;
      auto expected = keys;
      std::sort(expected.begin(), expected.end());
      radix_sort(keys);
      CHECK(keys == expected);
    }
  }
}

TEST_CASE("distinct keys are kept once across compactions") {
  std::vector<std::uint64_t> keys;
  std::mt19937_64 rng(3);
  std::vector<std::uint64_t> all;
  for (int i = 0; i < 3'000'000; ++i) {
    std::uint64_t k = (rng() % 5000) << 32 | (rng() % 300);
    all.push_back(k);
    add_distinct(keys, k);
  }
  finish_distinct(keys);
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  CHECK(keys == all);
}
