#include "heap_growth.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>
#endif

namespace vstation::store::heap {
namespace {

// M_TOP_PAD's, M_TRIM_THRESHOLD's and M_MMAP_THRESHOLD's, per mallopt(3).
constexpr int kGlibcDefault = 128 << 10;
// The largest mmap threshold glibc takes on a 64-bit machine.
constexpr int kLargestMmapThreshold = 32 << 20;

void set([[maybe_unused]] int top_pad, [[maybe_unused]] int trim_threshold,
         [[maybe_unused]] int mmap_threshold) {
#if defined(__GLIBC__)
  mallopt(M_TOP_PAD, top_pad);
  mallopt(M_TRIM_THRESHOLD, trim_threshold);
  mallopt(M_MMAP_THRESHOLD, mmap_threshold);
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
  set(64 << 20, 1 << 30, kLargestMmapThreshold);
  small_pages(true);
}

void release() {
  std::lock_guard lock(mutex);
  if (--holders > 0) return;
  set(kGlibcDefault, kGlibcDefault, kGlibcDefault);
  small_pages(false);
}

void prefault([[maybe_unused]] std::size_t bytes) {
#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE)
  {
    std::lock_guard lock(mutex);
    if (holders == 0) return;  // glibc would hand the memory back as soon as it is freed
  }
  // Blocks under the mmap threshold hold() sets, so that each comes from this thread's arena
  // (a thread's heaps are 64 MiB each), and is back in it once freed.
  constexpr std::size_t kBlock = 16 << 20;
  const auto page = std::uintptr_t(sysconf(_SC_PAGESIZE));
  const auto memory = std::size_t(sysconf(_SC_PHYS_PAGES)) * page;
  bytes = std::min({bytes, memory / 8, std::size_t(768) << 20});  // kept: under hold()'s 1 GiB
  std::vector<void*> blocks;
  for (std::size_t filled = kBlock; filled <= bytes; filled += kBlock) {
    void* block = std::malloc(kBlock);
    if (block == nullptr) break;
    blocks.push_back(block);
    const auto begin = (reinterpret_cast<std::uintptr_t>(block) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(block) + kBlock) & ~(page - 1);
    if (madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE) != 0) break;
  }
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) std::free(*it);
#endif
}

}  // namespace vstation::store::heap
