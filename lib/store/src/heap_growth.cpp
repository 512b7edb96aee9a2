#include "heap_growth.hpp"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/prctl.h>
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

// The process's transparent huge pages off (true) or back as they were. Only a bulk write's
// memory is concerned: what it touches is mostly new (pages read or written once, rows kept to
// the end), and on a virtual machine the kernel's zeroing of a fresh 2 MiB page cost more than
// the 512 small faults it saves (a million sessions: 4.25-4.36 s in 4 KiB pages against
// 4.65-4.97 s in huge ones; apps/main.cpp asks glibc for them, for the reports' arrays).
void small_pages([[maybe_unused]] bool on) {
#if defined(__linux__)
  static int before = 0;
  if (on) before = prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0);
  if (before == 0) prctl(PR_SET_THP_DISABLE, on ? 1 : 0, 0, 0, 0);
#endif
}

std::mutex mutex;
int holders = 0;

}  // namespace

void hold() {
  std::lock_guard lock(mutex);
  if (holders++ > 0) return;
  set(64 << 20, 1 << 30);
  small_pages(true);
}

void release() {
  std::lock_guard lock(mutex);
  if (--holders > 0) return;
  set(kGlibcDefault, kGlibcDefault);
  small_pages(false);
}

}  // namespace vstation::store::heap
