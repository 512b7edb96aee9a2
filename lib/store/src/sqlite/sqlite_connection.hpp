#pragma once
// The SQLite backend: the only code that includes SQLiteCpp.

#include <memory>
#include <string>

#include "vstation/store/db.hpp"

namespace vstation::store::sqlite {

std::unique_ptr<Connection> open(const std::string& path, const OpenOptions& options);

// The forward-only migrations, index i takes the schema from version i to i + 1.
const std::vector<std::string_view>& migrations();

}  // namespace vstation::store::sqlite
