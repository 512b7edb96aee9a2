#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "store_fixture.hpp"
#include "vstation/store/db.hpp"

using namespace vstation;
using namespace vstation::store;

TEST_CASE("migrations run from an empty file to the current version") {
  TempDb t;
  CHECK(schema_version(*t.db) == current_schema_version());
  CHECK(current_schema_version() >= 1);
  if (!t.pg) {
    // foreign keys and WAL are on
    CHECK(t.db->scalar("PRAGMA foreign_keys") == 1);
    auto mode = t.db->query("PRAGMA journal_mode");
    REQUIRE(mode->next());
    CHECK(mode->str(0) == "wal");
  }
  // reopening does not migrate again and keeps the version
  t.db.reset();
  t.db = open_database(t.path);
  CHECK(schema_version(*t.db) == current_schema_version());
}

TEST_CASE("the database file is created readable by its owner only") {
  TempDb t;
  if (t.pg) return;  // a server database has no file of ours
  struct stat st {};
  REQUIRE(::stat(t.path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("a database from a newer schema is refused with a clear message") {
  TempDb t;
  if (t.pg)
    t.db->execute("INSERT INTO schema_version (version) VALUES (999)");
  else
    t.db->execute("PRAGMA user_version = 999");
  t.db.reset();
  try {
    open_database(t.path);
    FAIL("expected an error");
  } catch (const StoreError& e) {
    CHECK(e.fault() == StoreFault::newer_schema);
    CHECK(e.text().render(Lang::en).find("newer vstation") != std::string::npos);
  }
}

TEST_CASE("a file that is not a database is refused") {
  TempDb t;
  if (t.pg) return;  // store_pg_test.cpp: another program's PostgreSQL database is refused
  t.db.reset();
  std::string junk = (t.dir / "junk.db").string();
  {
    std::ofstream f(junk);
    f << "this is not a database, just some text that is long enough to be read as a header\n";
  }
  try {
    open_database(junk);
    FAIL("expected an error");
  } catch (const StoreError& e) {
    CHECK(e.fault() == StoreFault::corrupt);
  }
}

TEST_CASE("a transaction rolls back unless committed") {
  TempDb t;
  {
    Transaction tx(*t.db);
    t.db->execute("INSERT INTO skills (code) VALUES ('x')");
  }
  CHECK(t.db->scalar("SELECT COUNT(*) FROM skills") == 0);
  {
    Transaction tx(*t.db);
    t.db->execute("INSERT INTO skills (code) VALUES ('x')");
    tx.commit();
  }
  CHECK(t.db->scalar("SELECT COUNT(*) FROM skills") == 1);
}

TEST_CASE("a read transaction: one snapshot on SQLite, nests, and adds nothing inside a write") {
  TempDb t;
  auto other = open_database(t.path);
  auto count = [&] { return t.db->scalar("SELECT COUNT(*) FROM skills"); };
  {
    ReadTransaction outer(*t.db);
    CHECK(count() == 0);
    { ReadTransaction inner(*t.db); }  // ending the inner one keeps the outer one
    other->execute("INSERT INTO skills (code) VALUES ('x')");
    // SQLite answers from the snapshot; PostgreSQL runs each look-up on its own.
    CHECK(count() == (t.pg ? 1 : 0));
    if (!t.pg) CHECK_THROWS_AS(Transaction(*t.db), std::logic_error);
  }
  CHECK(count() == 1);
  {
    Transaction tx(*t.db);
    { ReadTransaction inside(*t.db); }
    t.db->execute("INSERT INTO skills (code) VALUES ('y')");
    tx.commit();
  }
  CHECK(count() == 2);
}
