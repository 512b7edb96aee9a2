// TEMPORARY: the shared schema renders byte for byte the two hand-kept copies it replaces.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>

#include "pg/pg_connection.hpp"
#include "sqlite/sqlite_connection.hpp"

namespace vstation::store::sqlite {
const std::vector<std::string_view>& old_migrations();
}
namespace vstation::store::pg {
const std::vector<std::string_view>& old_migrations();
}

using namespace vstation::store;

TEST_CASE("TEMP: rendered migrations equal the old copies") {
  REQUIRE(sqlite::migrations().size() == sqlite::old_migrations().size());
  REQUIRE(pg::migrations().size() == pg::old_migrations().size());
  for (std::size_t i = 0; i < sqlite::migrations().size(); ++i) {
    CAPTURE(i + 1);
    CHECK(sqlite::migrations()[i] == sqlite::old_migrations()[i]);
    CHECK(pg::migrations()[i] == pg::old_migrations()[i]);
    auto fnv = [](std::string_view s) {
      std::uint64_t h = 14695981039346656037ull;
      for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
      return h;
    };
    std::printf("FP %zu 0x%016llx 0x%016llx %zu %zu\n", i + 1,
                (unsigned long long)fnv(sqlite::old_migrations()[i]), (unsigned long long)fnv(pg::old_migrations()[i]),
                sqlite::old_migrations()[i].size(), pg::old_migrations()[i].size());
  }
}
