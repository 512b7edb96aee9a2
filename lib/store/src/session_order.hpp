#pragma once
// The order sessions are listed in everywhere: by effective check-in, then by id; and the parts
// they are read in by time.

#include <utility>

#include "vstation/domain/entities.hpp"

namespace vstation::store {

// The sessions that are not open, read in time order, come in two parts, each through an index
// that holds it by eff_in (schema 28): those with credit (sessions_credited) and those closed
// without (sessions_uncredited). The few open ones are read apart, through sessions_one_open.
inline constexpr const char* kClosedByTime[] = {"credited_min > 0 AND status <> 'open'",
                                                "credited_min = 0 AND status <> 'open'"};

inline bool earlier(const Session& a, const Session& b) {
  return std::pair(a.effective_in, a.id.value) < std::pair(b.effective_in, b.id.value);
}

}  // namespace vstation::store
