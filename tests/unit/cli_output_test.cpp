// The rules of --out: what may never be written to, whatever the path looks like.

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/output.hpp"

using namespace vstation;
namespace fs = std::filesystem;

TEST_CASE("--out never names a database, a link, a device, a directory or a missing folder") {
  auto dir = fs::temp_directory_path() / ("vstation-out-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto p = [&](const char* name) { return (dir / name).string(); };
  std::string db = p("live.db");
  { std::ofstream(db) << std::string("SQLite format 3\0", 16) << "rest"; }
  { std::ofstream(p("backup.bak")) << std::string("SQLite format 3\0", 16); }
  { std::ofstream(p("report.csv")) << "old"; }
  fs::create_symlink(p("report.csv"), p("link.csv"));
  fs::create_directories(p("sub"));
  auto refused = [&](const std::string& path) {
    return cli::refuse_output_path(path, db).has_value();
  };
  CHECK(refused(db));
  CHECK(refused(db + "-wal"));  // not there yet: still the database's
  CHECK(refused(db + "-shm"));
  CHECK(refused((dir / "." / "live.db").string()));  // another spelling of the same file
  CHECK(refused(p("backup.bak")));                   // any file with SQLite's header
  CHECK(refused(p("link.csv")));
  CHECK(refused(p("sub")));
  CHECK(refused(p("nowhere/report.csv")));
  CHECK(refused("/dev/null"));
  CHECK(refused(""));
  CHECK_FALSE(refused(p("report.csv")));  // an ordinary file is replaced whole
  CHECK_FALSE(refused(p("new.csv")));
  fs::remove_all(dir);
}
