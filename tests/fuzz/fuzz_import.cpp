// libFuzzer target: the CSV import of every record kind, through store::import_csv into a
// temporary database holding the demo station. The first byte picks the kind; the rest is the
// file. Each input runs in a transaction that is rolled back, so inputs do not interfere.
// Anything but a DataError (the "file:line: column: what is wrong" refusal) is a finding.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "vstation/store/db.hpp"
#include "vstation/store/records.hpp"

using namespace vstation;

namespace {

std::unique_ptr<store::Connection>& database() {
  static std::unique_ptr<store::Connection> db = [] {
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path() / ("vstation-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    auto db = store::open_database((dir / "fuzz.db").string());
    store::Transaction tx(*db);
    for (const auto& kind : store::record_kinds()) {
      fs::path file = fs::path(VSTATION_DATA_DIR) / "demo" / (std::string(kind->name()) + ".csv");
      if (!fs::exists(file)) continue;
      std::ifstream in(file, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      store::import_csv(*db, *kind, ss.str(), file.string());
    }
    tx.commit();
    return db;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  auto& db = *database();
  const auto& kinds = store::record_kinds();
  const auto& kind = *kinds[data[0] % kinds.size()];
  // The first byte also picks the mode: plain adds, or --update (rows changing records by key).
  auto mode = (data[0] / kinds.size()) % 2 ? store::ImportMode::update : store::ImportMode::add;
  std::string_view csv(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    store::Transaction tx(db);  // never committed: rolled back on leaving the scope
    store::import_csv(db, kind, csv, "fuzz.csv", mode);
  } catch (const DataError&) {
  }
  return 0;
}
