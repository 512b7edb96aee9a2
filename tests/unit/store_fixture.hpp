#pragma once
// A fresh database file in a private temporary directory, removed afterwards.

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "vstation/store/db.hpp"

struct TempDb {
  std::filesystem::path dir;
  std::string path;
  std::unique_ptr<vstation::store::Connection> db;
  TempDb() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("vstation-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    path = (dir / "test.db").string();
    db = vstation::store::open_database(path);
  }
  ~TempDb() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};
