#include "heap_growth.hpp"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace vstation::store::heap {
namespace {

constexpr int kGlibcDefault = 128 << 10;  // M_TOP_PAD's and M_TRIM_THRESHOLD's, per mallopt(3)

void set([[maybe_unused]] int top_pad, [[maybe_unused]] int trim_threshold) {
#if defined(__GLIBC__)
  mallopt(M_TOP_PAD, top_pad);
  mallopt(M_TRIM_THRESHOLD, trim_threshold);
#endif
}

std::mutex mutex;
int holders = 0;

}  // namespace

void hold() {
  std::lock_guard lock(mutex);
  if (holders++ == 0) set(64 << 20, 1 << 30);
}

void release() {
  std::lock_guard lock(mutex);
  if (--holders == 0) set(kGlibcDefault, kGlibcDefault);
}

}  // namespace vstation::store::heap
