#pragma once
// Every code of a table with its id, streamed (an import's Lookup::hold_codes).

#include <cstdint>
#include <string_view>

#include "vstation/store/db.hpp"

namespace vstation::store {

// `sql` selects (code, id) and ends in LIMIT ?: `each(code, id)` for up to `limit` rows; false
// if there were more.
template <class IdT, class Each>
bool each_code(Connection& db, std::string_view sql, std::int64_t limit, const Each& each) {
  auto r = db.stream(sql, params(limit + 1));
  for (std::int64_t n = 0; r->next(); ++n) {
    if (n == limit) return false;
    each(r->text(0), r->id<IdT>(1));
  }
  return true;
}

}  // namespace vstation::store
