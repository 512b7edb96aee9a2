// A bulk write keeps the heap it grows (heap_growth.hpp): glibc would otherwise hand the free top
// of its heap back to the kernel past 128 KiB and fault the same memory in again at the next rows.

#include <doctest/doctest.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "heap_growth.hpp"
#include "store_fixture.hpp"
#include "vstation/store/db.hpp"

namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VSTATION_OTHER_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || !defined(__GLIBC__)
#define VSTATION_OTHER_ALLOCATOR 1
#endif

#if !defined(VSTATION_OTHER_ALLOCATOR)
char* program_break() {
  return static_cast<char*>(sbrk(0));
}

// Grows the main heap's top by at least 16 MiB of blocks under glibc's mmap threshold (taken from
// the top once no free space inside the heap is left to take them from), then frees them all: the
// break as it was at its highest.
char* grow_and_free() {
  constexpr std::size_t kBlock = 64 << 10, kGrowth = 16 << 20;
  char* start = program_break();
  std::vector<char*> blocks;
  while (program_break() < start + kGrowth && blocks.size() < 16384) {
    auto* block = static_cast<char*>(std::malloc(kBlock));
    if (block == nullptr) FAIL("out of memory");
    block[0] = 1;
    blocks.push_back(block);
  }
  char* highest = program_break();
  REQUIRE(highest >= start + kGrowth);
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) std::free(*it);
  return highest;
}
#endif

}  // namespace

TEST_CASE("a bulk write keeps the heap it grows; after it, glibc gives the top back again") {
#if defined(VSTATION_OTHER_ALLOCATOR)
  MESSAGE("not glibc's allocator here: nothing to check");
#else
  TempDb t;
  {
    vstation::store::BulkWrite outer(*t.db);
    {
      vstation::store::BulkWrite inner(*t.db);  // nested: the outer one still holds the heap
    }
    char* highest = grow_and_free();
    CHECK(program_break() >= highest);
  }
  // A SQLite connection whose page cache grew holds the heap until it has closed (its pages are
  // freed as it commits and closes); a server's connection lets go with the bulk write.
  if (!t.pg) {
    char* highest = grow_and_free();
    CHECK(program_break() >= highest);
  }
  t.db.reset();
  char* highest = grow_and_free();
  CHECK(program_break() < highest);
#endif
}

#if !defined(VSTATION_OTHER_ALLOCATOR) && defined(MADV_POPULATE_WRITE)
namespace {
long minor_faults() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  return u.ru_minflt;
}

// The page faults that writing to 16 MiB of new blocks (64 KiB each: from the heap) takes.
long faults_to_fill_16_mib() {
  constexpr std::size_t kBlock = 64 << 10;
  std::vector<char*> blocks;
  const long before = minor_faults();
  for (std::size_t n = 0; n < (16u << 20); n += kBlock) {
    auto* block = static_cast<char*>(std::malloc(kBlock));
    REQUIRE(block != nullptr);
    for (std::size_t i = 0; i < kBlock; i += 4096) block[i] = 1;
    blocks.push_back(block);
  }
  const long taken = minor_faults() - before;
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) std::free(*it);
  return taken;
}
}  // namespace

// Run by the case below in a process of its own (`--no-skip`): the free space earlier cases leave
// inside a heap, some of it never touched, would be taken first.
TEST_CASE("prefault in a fresh process" * doctest::skip()) {
  using namespace vstation::store;
  // Not held: nothing is filled (it would be given back as soon as it was freed).
  char* before = program_break();
  heap::prefault(64 << 20);
  CHECK(program_break() < before + (64 << 20));
  heap::hold();
  heap::prefault(64 << 20);
  CHECK(program_break() >= before + (64 << 20));
  // What comes next is taken from memory already there: a page fault for a page in 64 would be
  // a lot (without the fill each page of it takes one).
  CHECK(faults_to_fill_16_mib() < 64);
  heap::release();
}

TEST_CASE("prefault fills the held heap ahead of its use, and does nothing while it is not held") {
  TempDb t;  // for its directory
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  const auto said = t.dir / "said.txt";
  const std::string command = "'" + self +
                              "' --no-skip --test-case='prefault in a fresh process' > '" +
                              said.string() + "' 2>&1";
  CHECK(std::system(command.c_str()) == 0);
  std::ifstream in(said);
  const std::string output{std::istreambuf_iterator<char>(in), {}};
  CAPTURE(output);
  CHECK(output.find(" 1 passed | 0 failed") != std::string::npos);
}
#endif

TEST_CASE("a transaction begun in a bulk write keeps its statements' journals in memory") {
  TempDb t;
  if (t.pg) return;  // SQLite's temp_store
  auto& db = *t.db;
  auto temp_store = [&] { return db.scalar("PRAGMA temp_store").value_or(-1); };
  {
    vstation::store::BulkWrite bulk(db);
    vstation::store::Transaction tx(db);
    CHECK(temp_store() == 2);  // MEMORY
    tx.commit();
  }
  {
    vstation::store::Transaction tx(db);
    CHECK(temp_store() == 0);  // the default again
    tx.commit();
  }
  {
    vstation::store::Transaction tx(db);
    vstation::store::BulkWrite late(db);  // begun inside: the transaction's setting stays
    CHECK(temp_store() == 0);
    tx.commit();
  }
}

#if defined(__linux__)
#include <sys/prctl.h>

TEST_CASE("a bulk write's memory comes in small pages; after it, huge pages are allowed again") {
  const int before = prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0);
  if (before != 0) {
    MESSAGE("huge pages already off for this process (or no such setting): nothing to check");
    return;
  }
  TempDb t;
  {
    vstation::store::BulkWrite outer(*t.db);
    {
      vstation::store::BulkWrite inner(*t.db);
      CHECK(prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1);
    }
    CHECK(prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1);  // the outer one still holds the heap
  }
  t.db.reset();  // a SQLite connection whose cache grew lets go as it closes
  CHECK(prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 0);
}
#endif
