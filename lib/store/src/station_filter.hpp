#pragma once
// " AND station_id IN (?, …)" for a scope of some stations (the maintained totals' reads), its ids
// appended to the statement's parameters; nothing for every station.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store {

inline std::string station_filter(const std::optional<std::vector<std::int64_t>>& stations,
                                  std::vector<Value>& args) {
  if (!stations) return "";
  std::string sql = " AND station_id IN (";
  for (std::size_t i = 0; i < stations->size(); ++i) {
    sql += i ? ", ?" : "?";
    args.emplace_back((*stations)[i]);
  }
  return sql + (stations->empty() ? "NULL)" : ")");
}

}  // namespace vstation::store
