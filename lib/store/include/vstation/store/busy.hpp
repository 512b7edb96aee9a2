#pragma once
// How many times this thread has met a busy database (another process holding the lock past
// the patience, a serialisation failure): each backend notes it as it makes the StoreError. The
// web face answers a request refused after meeting one with 503 and Retry-After, however its
// page worded the refusal (it changed nothing).

#include <cstdint>

namespace vstation::store {

void note_busy();
[[nodiscard]] std::uint64_t busy_seen();

}  // namespace vstation::store
