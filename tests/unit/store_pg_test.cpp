// The PostgreSQL backend: its migrations mirror SQLite's, `?` becomes $n, and (with a server,
// VSTATION_TEST_PG_URL) the server-only behaviour: another program's database is refused,
// serialization failures are `busy`, concurrent first opens migrate once, errors read as SQLite's.

#include <doctest/doctest.h>

#include <thread>

#include "pg/pg_connection.hpp"
#include "sqlite/sqlite_connection.hpp"
#include "store_fixture.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using namespace vstation::store;

TEST_CASE("the PostgreSQL migrations mirror the SQLite ones step for step") {
  // Both are rendered from one list (lib/store/src/schema/).
  CHECK(pg::migrations().size() == sqlite::migrations().size());
  CHECK(current_schema_version() == int(pg::migrations().size()));
}

TEST_CASE("placeholders: ? becomes $n, not inside quotes; ? IS NULL gets a type") {
  CHECK(pg::translate_placeholders("SELECT a FROM t WHERE x = ? AND y = ?") ==
        "SELECT a FROM t WHERE x = $1 AND y = $2");
  CHECK(pg::translate_placeholders("SELECT '?' || ? FROM \"a?\"") == "SELECT '?' || $1 FROM \"a?\"");
  CHECK(pg::translate_placeholders("WHERE (? IS NULL OR st.id = ?)") ==
        "WHERE ($1::text IS NULL OR st.id = $2)");
  CHECK(pg_url_with_db("postgresql:///postgres?host=/tmp/pg&user=postgres", "x") ==
        "postgresql:///x?host=/tmp/pg&user=postgres");
}

TEST_CASE("a server URL is shown without its password, wherever it is written") {
  CHECK(shown_database("postgresql://kiosk:secret@db.example/district") == "postgresql://kiosk@db.example/district");
  CHECK(shown_database("postgresql:///district?host=/tmp") == "postgresql:///district?host=/tmp");
  CHECK(shown_database("postgres://k@h:5432/d?sslmode=require&Password=x&application_name=v") ==
        "postgres://k@h:5432/d?sslmode=require&application_name=v");
  CHECK(shown_database("postgresql://h/d?password=x") == "postgresql://h/d");
  CHECK(shown_database("postgresql://u:p@h:1/d?password=x&") == "postgresql://u@h:1/d");
  CHECK(shown_database("station.db") == "station.db");
  CHECK(shown_database("a\x1b.db") == "a\\x1B.db");
}

TEST_CASE("PostgreSQL: another program's database is refused and left alone") {
  if (!test_pg_url()) return;
  TempDb t;
  t.db->execute("DROP TABLE schema_version");  // now it looks like some other program's tables
  t.db.reset();
  try {
    open_database(t.path);
    FAIL("expected an error");
  } catch (const StoreError& e) {
    CHECK(e.fault() == StoreFault::corrupt);
    CHECK(e.text().render(Lang::en).find("another program") != std::string::npos);
  }
}

TEST_CASE("PostgreSQL: an unreachable server is an io error naming the URL without its password") {
  try {
    open_database("postgresql://kiosk:secret@/nowhere?host=/nonexistent-vstation-socket-dir");
    FAIL("expected an error");
  } catch (const StoreError& e) {
    CHECK(e.fault() == StoreFault::io);
    auto m = e.text().render(Lang::en);
    CHECK(m.find("secret") == std::string::npos);
    CHECK(m.find("cannot connect") != std::string::npos);
  }
}

TEST_CASE("PostgreSQL: a serialization failure is `busy`, so callers retry it") {
  if (!test_pg_url()) return;
  TempDb t;
  t.db->execute("INSERT INTO skills (code) VALUES ('a')");
  auto other = open_database(t.path);
  Transaction a(*t.db);
  Transaction b(*other);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM skills") == 1);
  CHECK(other->scalar("SELECT COUNT(*) FROM skills") == 1);
  t.db->execute("UPDATE skills SET name_en = 'x' WHERE code = 'a'");
  a.commit();
  try {
    other->execute("UPDATE skills SET name_en = 'y' WHERE code = 'a'");
    b.commit();
    FAIL("expected a serialization failure");
  } catch (const StoreError& e) {
    CHECK(e.fault() == StoreFault::busy);
  }
}

TEST_CASE("PostgreSQL: clients opening a fresh database at once migrate it once") {
  if (!test_pg_url()) return;
  TempDb t;
  std::string fresh = t.pg_name + "_fresh";
  TempDb::admin(test_pg_url(), "CREATE DATABASE " + fresh);
  std::string url = pg_url_with_db(test_pg_url(), fresh);
  std::vector<std::thread> clients;
  std::atomic<int> failures{0};
  for (int i = 0; i < 6; ++i)
    clients.emplace_back([&] {
      try {
        auto db = open_database(url);
        if (schema_version(*db) != current_schema_version()) ++failures;
      } catch (const std::exception&) {
        ++failures;
      }
    });
  for (auto& c : clients) c.join();
  CHECK(failures == 0);
  {
    auto db = open_database(url);
    CHECK(db->scalar("SELECT COUNT(*) FROM schema_version") == current_schema_version());
  }
  TempDb::admin(test_pg_url(), "DROP DATABASE " + fresh + " WITH (FORCE)");
}

TEST_CASE("a duplicate names table and columns the same way on both backends") {
  TempDb t;
  t.db->execute("INSERT INTO skills (code) VALUES ('first_aid')");
  try {
    t.db->execute("INSERT INTO skills (code) VALUES ('first_aid')");
    FAIL("expected an error");
  } catch (const StoreError& e) {
    CHECK(e.fault() == StoreFault::unique);
    CHECK(e.text().render(Lang::en) == "the same record is already there (skills: code)");
  }
  // Inside a transaction a refused row does not spoil the rest (as in SQLite).
  Transaction tx(*t.db);
  CHECK_THROWS_AS(t.db->execute("INSERT INTO skills (code) VALUES ('first_aid')"), StoreError);
  t.db->execute("INSERT INTO skills (code) VALUES ('legal')");
  tx.commit();
  CHECK(t.db->scalar("SELECT COUNT(*) FROM skills") == 2);
}
