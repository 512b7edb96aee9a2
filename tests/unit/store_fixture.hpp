#pragma once
// A fresh database for one test, removed afterwards: a file in a private temporary directory,
// or, when VSTATION_TEST_PG_URL names a PostgreSQL server (its maintenance database, e.g.
// postgresql:///postgres?host=/tmp/pg), a fresh database created on it.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "vstation/store/db.hpp"
#include "vstation/store/records.hpp"

// The base URL with its database name replaced: postgresql:///postgres?host=X -> postgresql:///NAME?host=X
inline std::string pg_url_with_db(const std::string& base, const std::string& name) {
  auto query = base.find('?');
  auto path_end = query == std::string::npos ? base.size() : query;
  auto slash = base.rfind('/', path_end - 1);
  return base.substr(0, slash + 1) + name + base.substr(path_end);
}

inline const char* test_pg_url() {
  const char* url = std::getenv("VSTATION_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

struct TempDb {
  std::filesystem::path dir;
  std::string path;  // the file, or the PostgreSQL URL
  std::string pg_name;
  bool pg = false;
  std::unique_ptr<vstation::store::Connection> db;
  TempDb() {
    std::random_device rd;
    auto tag = std::to_string(rd()) + std::to_string(rd() % 1000);
    dir = std::filesystem::temp_directory_path() / ("vstation-test-" + tag);
    std::filesystem::create_directories(dir);
    if (const char* base = test_pg_url()) {
      pg = true;
      pg_name = "vstation_test_" + tag;
      admin(base, "CREATE DATABASE " + pg_name);
      path = pg_url_with_db(base, pg_name);
    } else {
      path = (dir / "test.db").string();
    }
    db = vstation::store::open_database(path);
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;
  ~TempDb() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    if (pg) {
      try {
        admin(test_pg_url(), "DROP DATABASE IF EXISTS " + pg_name + " WITH (FORCE)");
      } catch (...) {  // NOLINT(bugprone-empty-catch): a leftover test database is harmless
      }
    }
  }
  static void admin(const char* base, const std::string& sql) {
    vstation::store::OpenOptions o;
    o.migrate = false;
    auto server = vstation::store::open_database(base, o);
    server->execute(sql);
  }
};

namespace vstation::test {
// A record kind by name ("volunteers"), which every store test expects to exist.
inline const store::RecordKind& kind(std::string_view name) {
  const auto* k = store::find_kind(name);
  REQUIRE(k != nullptr);
  return *k;
}
// What the store says, in English, when `f` is refused (DataError), or "no error".
template <class F>
std::string refusal_of(F f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.text().render(Lang::en);
  }
  return "no error";
}
// Imports CSV text as that kind's file would (as the CLI does: one transaction, committed only on
// success); returns the rows read.
inline std::size_t import(store::Connection& db, std::string_view kind_name, std::string_view csv) {
  store::Transaction tx(db);
  auto n = store::import_csv(db, kind(kind_name), csv, std::string(kind_name) + ".csv").rows();
  tx.commit();
  return n;
}
}  // namespace vstation::test
