#pragma once
// A bulk write grows the heap by hundreds of MB (SQLite's page cache, the rows an import keeps).
// glibc hands the free top of its heap back to the kernel past 128 KiB and grows it again
// 128 KiB at a time, so an import faulted the same memory in again and again (60,000 page faults
// for a million sessions, 4 KiB each), and gave its page cache back a page at a time when it
// committed (20,000 calls to madvise). While anything holds the heap it grows 64 MiB at a time
// and keeps what is freed, in 4 KiB pages (not the transparent huge pages apps/main.cpp asks glibc
// for); when the last lets go, glibc's defaults and the huge pages come back.

namespace vstation::store::heap {

void hold();
void release();

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
