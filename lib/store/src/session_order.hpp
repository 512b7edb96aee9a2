#pragma once
// The order sessions are listed in everywhere: by effective check-in, then by id.

#include <utility>

#include "vstation/domain/entities.hpp"

namespace vstation::store {

inline bool earlier(const Session& a, const Session& b) {
  return std::pair(a.effective_in, a.id.value) < std::pair(b.effective_in, b.id.value);
}

}  // namespace vstation::store
