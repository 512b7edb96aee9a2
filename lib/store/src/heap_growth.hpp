#pragma once
// A bulk write grows the heap by hundreds of MB (SQLite's page cache, the rows an import keeps).
// glibc hands the free top of its heap back to the kernel past 128 KiB and grows it again
// 128 KiB at a time, so an import faulted the same memory in again and again (60,000 page faults
// for a million sessions, 4 KiB each), and gave its page cache back a page at a time when it
// committed (20,000 calls to madvise). While anything holds the heap it grows 64 MiB at a time
// and keeps what is freed, in 4 KiB pages (not the transparent huge pages apps/main.cpp asks glibc
// for); when the last lets go, glibc's defaults and the huge pages come back. Meanwhile blocks up
// to 32 MiB come from the heap too, not from a mapping of their own (a vector that doubles, a
// sorter's buffer), so that what one frees the next reuses.

#include <cstddef>

namespace vstation::store::heap {

void hold();
void release();

// While the heap is held: `bytes` of the calling thread's heap (glibc gives each thread an arena
// of its own) faulted in at once and left free for what comes next. A virtual machine's page
// fault can cost 12-27 us, one a 4 KiB page; the kernel fills the same memory in one call about
// twenty times faster (MADV_POPULATE_WRITE). Below 16 MiB nothing is done; at most 768 MiB, and
// an eighth of the machine's memory, is filled. Nothing without glibc or the call (Linux
// before 5.14).
void prefault(std::size_t bytes);

// Holds the heap from engage() until it is destroyed (a connection whose page cache grew: its
// pages are freed when it closes).
class Hold {
 public:
  Hold() = default;
  Hold(const Hold&) = delete;
  Hold& operator=(const Hold&) = delete;
  ~Hold() {
    if (held_) release();
  }
  void engage() {
    if (!held_) hold();
    held_ = true;
  }

 private:
  bool held_ = false;
};

}  // namespace vstation::store::heap
