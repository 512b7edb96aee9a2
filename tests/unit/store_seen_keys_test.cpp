// The keys an import file has brought (records/seen_keys.hpp): every repeat found with the line
// of its first occurrence, exactly (keys compared, not only hashed), across the table's growth and
// past the former limit of 250,000 keys in one file.

#include <doctest/doctest.h>

#include <string>

#include "records/seen_keys.hpp"

using vstation::store::SeenKeys;

TEST_CASE("a repeated key is found with the line it first came on") {
  SeenKeys seen;
  CHECK_FALSE(seen.first_or_add("V0001", 2));
  CHECK_FALSE(seen.first_or_add("V0002", 3));
  CHECK(seen.first_or_add("V0001", 9) == 2u);
  // The repeat is not kept: its first line stays the answer.
  CHECK(seen.first_or_add("V0001", 12) == 2u);
  CHECK(seen.size() == 2);
}

TEST_CASE("keys that differ only in case, length or a trailing byte are different keys") {
  SeenKeys seen;
  CHECK_FALSE(seen.first_or_add("v1", 2));
  CHECK_FALSE(seen.first_or_add("V1", 3));
  CHECK_FALSE(seen.first_or_add("V10", 4));
  CHECK_FALSE(seen.first_or_add(std::string("V1\0", 3), 5));
  CHECK_FALSE(seen.first_or_add("", 6));
  CHECK(seen.first_or_add("", 7) == 6u);
  CHECK(seen.first_or_add("张三", 8) == std::nullopt);
  CHECK(seen.first_or_add("张三", 9) == 8u);
  CHECK(seen.size() == 6);
}

TEST_CASE("six hundred thousand keys: each new once, each repeat named, through every growth") {
  SeenKeys seen;
  constexpr std::uint64_t n = 600'000;
  for (std::uint64_t i = 0; i < n; ++i)
    REQUIRE_FALSE(seen.first_or_add("N" + std::to_string(i), i + 2));
  CHECK(seen.size() == n);
  for (std::uint64_t i = 0; i < n; i += 997)
    REQUIRE(seen.first_or_add("N" + std::to_string(i), n + 10) == i + 2);
  // Lines past 32 bits are kept whole.
  CHECK_FALSE(seen.first_or_add("late", std::uint64_t(1) << 40));
  CHECK(seen.first_or_add("late", 1) == std::uint64_t(1) << 40);
  CHECK(seen.size() == n + 1);
}
