#pragma once
// The demo station's records (data/demo), imported into a test's database in one transaction.

#include <doctest/doctest.h>

#include <filesystem>

#include "vstation/store/db.hpp"
#include "vstation/store/records.hpp"

inline void load_demo(vstation::store::Connection& db) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(VSTATION_DATA_DIR) / "demo";
  REQUIRE(fs::is_directory(dir));
  vstation::store::Transaction tx(db);
  vstation::store::import_directory(db, dir.string(), vstation::store::ImportMode::add,
                                    vstation::store::kTextClock);
  tx.commit();
}
