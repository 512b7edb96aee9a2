// Connection::stream: a large result read in bounded memory (SQLite: query(); PostgreSQL: a
// server-side cursor fetched 10,000 rows at a time), on both backends: the order across batch
// boundaries, bound values, an empty result, a stream given up part way, an error met part way,
// and the stream inside and outside an open Transaction. Each case that holds for both runs for
// stream_whole() too (PostgreSQL: COPY), whose rows other statements take into memory first.

#include <doctest/doctest.h>

#include <stdexcept>
#include <thread>

#include "store_fixture.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

// 1..n in both dialects.
std::string numbers(int n) {
  return "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " +
         std::to_string(n) + ") ";
}

void add_rows(Connection& db, int n) {
  db.execute("CREATE TABLE stream_t (k INTEGER PRIMARY KEY, v TEXT)");
  db.execute(numbers(n) + "INSERT INTO stream_t (k, v) SELECT x, 'v' || x FROM n");
}

std::int64_t count_of(Connection& db) {
  return db.scalar("SELECT COUNT(*) FROM stream_t").value_or(-1);
}

// stream() or stream_whole(), as the test's subcase chose.
std::unique_ptr<Rows> open_stream(Connection& db, bool whole, std::string_view sql,
                                  std::vector<Value> args = {}) {
  return whole ? db.stream_whole(sql, std::move(args)) : db.stream(sql, std::move(args));
}

}  // namespace

TEST_CASE("stream: every row in order across batches, with bound values and NULLs") {
  bool whole = false;
  SUBCASE("stream()") {}
  SUBCASE("stream_whole()") {
    whole = true;
  }
  TempDb t;
  add_rows(*t.db, 25'001);
  auto rows = open_stream(*t.db, whole,
                          "SELECT k, v, CASE WHEN k % 7 = 0 THEN NULL ELSE k * 2 END FROM stream_t "
                          "WHERE k > ? ORDER BY k DESC",
                          params(3));
  std::int64_t expect = 25'001;
  while (rows->next()) {
    REQUIRE(rows->i64(0) == expect);
    REQUIRE(rows->str(1) == "v" + std::to_string(expect));
    REQUIRE(rows->is_null(2) == (expect % 7 == 0));
    if (expect % 7 != 0) REQUIRE(rows->i64(2) == 2 * expect);
    --expect;
  }
  CHECK(expect == 3);
  CHECK_FALSE(rows->next());  // stays at its end
  rows.reset();
  CHECK_FALSE(t.db->in_transaction());
  CHECK(count_of(*t.db) == 25'001);
}

TEST_CASE("stream: an empty result, then the connection as before") {
  bool whole = false;
  SUBCASE("stream()") {}
  SUBCASE("stream_whole()") {
    whole = true;
  }
  TempDb t;
  add_rows(*t.db, 10);
  auto rows = open_stream(*t.db, whole, "SELECT k FROM stream_t WHERE k > ?", params(100));
  CHECK_FALSE(rows->next());
  CHECK_FALSE(rows->next());
  rows.reset();
  // Exactly one batch (10,000 rows: the end is known only from the next, empty fetch).
  t.db->execute(numbers(10'000) + "INSERT INTO stream_t (k, v) SELECT x + 10, 'w' FROM n");
  auto all = open_stream(*t.db, whole, "SELECT k FROM stream_t WHERE k > ? ORDER BY k", params(10));
  int n = 0;
  while (all->next()) REQUIRE(all->i64(0) == 10 + ++n);
  CHECK(n == 10'000);
  Transaction tx(*t.db);
  t.db->execute("DELETE FROM stream_t WHERE k > 10");
  tx.commit();
  CHECK(count_of(*t.db) == 10);
}

TEST_CASE("stream: given up part way, the connection reads and writes as before") {
  bool whole = false;
  SUBCASE("stream()") {}
  SUBCASE("stream_whole()") {
    whole = true;
  }
  TempDb t;
  add_rows(*t.db, 30'000);
  {
    auto rows = open_stream(*t.db, whole, "SELECT k FROM stream_t ORDER BY k");
    for (int i = 1; i <= 15'000; ++i) {
      REQUIRE(rows->next());
      REQUIRE(rows->i64(0) == i);
    }
    // Other statements between rows of a stream.
    CHECK(count_of(*t.db) == 30'000);
  }
  CHECK_FALSE(t.db->in_transaction());
  {
    Transaction tx(*t.db);
    t.db->execute("DELETE FROM stream_t WHERE k > 20000");
    tx.commit();
  }
  // Another connection sees the change: nothing was left open.
  auto other = open_database(t.path);
  CHECK(count_of(*other) == 20'000);
  // Two streams at once, one given up.
  auto a = open_stream(*t.db, whole, "SELECT k FROM stream_t ORDER BY k");
  auto b = open_stream(*t.db, whole, "SELECT k FROM stream_t ORDER BY k DESC");
  REQUIRE(a->next());
  REQUIRE(b->next());
  CHECK(a->i64(0) == 1);
  CHECK(b->i64(0) == 20'000);
  b.reset();
  int n = 1;
  while (a->next()) ++n;
  CHECK(n == 20'000);
}

TEST_CASE("stream: an error met part way is thrown by next(), and the connection goes on") {
  bool whole = false;
  SUBCASE("stream()") {}
  SUBCASE("stream_whole()") {
    whole = true;
  }
  TempDb t;
  // abs() of the smallest integer overflows, in both dialects, at row 15,000 only.
  auto rows = open_stream(
      *t.db, whole,
      numbers(20'000) +
          "SELECT x, abs(CASE WHEN x = 15000 THEN -9223372036854775807 - 1 ELSE x END) FROM n");
  int read = 0;
  bool failed = false;
  try {
    while (rows->next()) {
      REQUIRE(rows->i64(1) == rows->i64(0));
      ++read;
    }
  } catch (const StoreError&) {
    failed = true;
  }
  CHECK(failed);
  CHECK(read < 15'000);
  CHECK_FALSE(rows->next());  // over
  rows.reset();
  CHECK_FALSE(t.db->in_transaction());
  add_rows(*t.db, 5);
  CHECK(count_of(*t.db) == 5);
  // A statement the server refuses at once.
  CHECK_THROWS_AS(open_stream(*t.db, whole, "SELECT nothing FROM stream_t"), StoreError);
  CHECK(count_of(*t.db) == 5);
}

TEST_CASE(
    "stream: inside a Transaction it sees the transaction's writes, which commit or roll back") {
  bool whole = false;
  SUBCASE("stream()") {}
  SUBCASE("stream_whole()") {
    whole = true;
  }
  TempDb t;
  add_rows(*t.db, 12'000);
  {
    Transaction tx(*t.db);
    t.db->execute("DELETE FROM stream_t WHERE k % 2 = 0");
    auto rows = open_stream(*t.db, whole, "SELECT k FROM stream_t ORDER BY k");
    int n = 0;
    while (rows->next()) {
      REQUIRE(rows->i64(0) % 2 == 1);
      ++n;
      if (n == 3000) t.db->execute("UPDATE stream_t SET v = 'y' WHERE k = ?", params(1));
    }
    CHECK(n == 6000);  // the cursor read the rows as they were when it was opened
    CHECK(t.db->in_transaction());
    tx.commit();
  }
  CHECK(count_of(*t.db) == 6000);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM stream_t WHERE v = 'y'") == 1);
  {
    Transaction tx(*t.db);
    t.db->execute("DELETE FROM stream_t");
    auto rows = open_stream(*t.db, whole, "SELECT k FROM stream_t");
    CHECK_FALSE(rows->next());
  }  // rolled back
  CHECK(count_of(*t.db) == 6000);
  // An error part way inside a Transaction: the transaction rolls back.
  {
    Transaction tx(*t.db);
    t.db->execute("DELETE FROM stream_t WHERE k > 100");
    auto rows = open_stream(
        *t.db, whole,
        numbers(20'000) +
            "SELECT abs(CASE WHEN x = 15000 THEN -9223372036854775807 - 1 ELSE x END) FROM n");
    CHECK_THROWS_AS(
        [&] {
          while (rows->next()) {
          }
        }(),
        StoreError);
  }
  CHECK(count_of(*t.db) == 6000);
}

TEST_CASE("stream: outside a Transaction, one cannot begin while a stream is open on PostgreSQL") {
  TempDb t;
  add_rows(*t.db, 100);
  auto rows = t.db->stream("SELECT k FROM stream_t ORDER BY k");
  REQUIRE(rows->next());
  if (t.pg) {
    // Its cursor lives in a transaction of the stream's own, which a commit would end.
    CHECK_THROWS_AS([&] { Transaction tx(*t.db); }(), std::logic_error);
    rows.reset();
  } else {
    // SQLite steps the statement under a write transaction as well.
    Transaction tx(*t.db);
    t.db->execute("DELETE FROM stream_t WHERE k > 50");
    int n = 1;
    while (rows->next()) ++n;
    CHECK(n >= 50);
    rows.reset();
    tx.commit();
  }
  Transaction tx(*t.db);
  t.db->execute("DELETE FROM stream_t WHERE k > 10");
  tx.commit();
  CHECK(count_of(*t.db) == 10);
}

TEST_CASE("shared read: helpers read on other threads, on the snapshot of the read they share") {
  TempDb t;
  add_rows(*t.db, 10);
  auto writer = open_database(t.path);
  {
    SharedRead read(*t.db, 2);
    REQUIRE(read.helper(0) != nullptr);
    REQUIRE(read.helper(1) != nullptr);
    CHECK(read.helper(2) == nullptr);
    CHECK(count_of(*t.db) == 10);
    writer->execute("INSERT INTO stream_t (k, v) VALUES (11, 'v11')");
    // On SQLite the three read the snapshot taken before the insert; PostgreSQL's look-ups
    // each take their own (Connection::begin_read), so there each sees it.
    const std::int64_t seen = t.pg ? 11 : 10;
    std::int64_t on_helpers[2] = {0, 0};
    std::thread a([&] { on_helpers[0] = count_of(*read.helper(0)); });
    std::thread b([&] { on_helpers[1] = count_of(*read.helper(1)); });
    a.join();
    b.join();
    CHECK(on_helpers[0] == seen);
    CHECK(on_helpers[1] == seen);
    CHECK(count_of(*t.db) == seen);
  }
  CHECK(count_of(*t.db) == 11);
  // The snapshots' write lock taken and let go: the writer goes on.
  writer->execute("INSERT INTO stream_t (k, v) VALUES (12, 'v12')");
  CHECK(count_of(*t.db) == 12);
}

TEST_CASE("shared read: no helpers inside a transaction, nor while another writer holds SQLite's lock") {
  TempDb t;
  add_rows(*t.db, 3);
  {
    Transaction tx(*t.db);
    SharedRead read(*t.db, 1);
    CHECK(read.helper(0) == nullptr);
    CHECK(count_of(*t.db) == 3);
  }
  if (t.pg) return;  // PostgreSQL's helpers need no lock
  auto writer = open_database(t.path);
  writer->begin();
  writer->execute("INSERT INTO stream_t (k, v) VALUES (4, 'v4')");
  {
    SharedRead read(*t.db, 1);  // waits a second for the lock, then reads alone
    CHECK(read.helper(0) == nullptr);
    CHECK(count_of(*t.db) == 3);
  }
  writer->commit();
  SharedRead read(*t.db, 1);
  CHECK(read.helper(0) != nullptr);
  CHECK(count_of(*read.helper(0)) == 4);
}

TEST_CASE("stream: every kind of value reads as the same through a stream as through a query") {
  bool whole = false;
  SUBCASE("stream()") {}
  SUBCASE("stream_whole()") {
    whole = true;
  }
  TempDb t;
  add_rows(*t.db, 12'000);
  // On PostgreSQL a stream's rows arrive in binary, a query's in text: small and large
  // integers, sums (numeric there), fractions, negative ones, truth values, text and NULL.
  const std::string sql =
      "SELECT k, k * 1000000000000, -k, SUM(k) OVER (ORDER BY k), k / 4.0, -k - 0.75, "
      "k % 3 = 0, v, 'c''est 志愿 ' || v, NULL, CAST(k AS REAL) / 8 FROM stream_t ORDER BY k";
  auto streamed = open_stream(*t.db, whole, sql);
  auto queried = t.db->query(sql);
  int rows = 0;
  while (queried->next()) {
    REQUIRE(streamed->next());
    ++rows;
    for (int c = 0; c < 11; ++c) {
      INFO("row " << rows << ", column " << c);
      REQUIRE(streamed->is_null(c) == queried->is_null(c));
      if (queried->is_null(c)) continue;
      REQUIRE(streamed->i64(c) == queried->i64(c));
      REQUIRE(streamed->f64(c) == doctest::Approx(queried->f64(c)));
      if (c == 7 || c == 8) REQUIRE(streamed->text(c) == queried->text(c));
    }
  }
  CHECK_FALSE(streamed->next());
  CHECK(rows == 12'000);
  // The largest sum is past 2^26: its numeric has several base-10000 digits.
  CHECK(t.db->scalar("SELECT SUM(k) FROM stream_t") == 72'006'000);
}

TEST_CASE("stream_whole: bound values of every kind, quotes and backslashes included") {
  TempDb t;
  add_rows(*t.db, 20);
  // On PostgreSQL the values are written into the COPY's text as literals.
  const std::string sql =
      "SELECT k, ? || v, ?, ? IS NULL FROM stream_t WHERE k > ? AND (? IS NULL OR k < ?) ORDER BY "
      "k";
  const std::vector<Value> args = {std::string("it's \\ 志愿 \"q\" '') --"),
                                   std::string("E'x'"),
                                   Value{},
                                   std::int64_t(3),
                                   Value{},
                                   std::int64_t(-1)};
  auto whole = t.db->stream_whole(sql, args);
  auto queried = t.db->query(sql, args);
  int rows = 0;
  while (queried->next()) {
    REQUIRE(whole->next());
    ++rows;
    CHECK(whole->i64(0) == queried->i64(0));
    CHECK(whole->text(1) == queried->text(1));
    CHECK(whole->text(2) == "E'x'");
    CHECK(whole->i64(3) == 1);
  }
  CHECK_FALSE(whole->next());
  CHECK(rows == 17);
}
