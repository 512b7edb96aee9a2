// libFuzzer target: the rules of --out. A sandbox folder holds a database with its -wal, a
// backup, an ordinary file, a symbolic link to it, a dangling link, a link to the database, a
// folder and a FIFO. Each input is a path built from those names (and "..", ".", odd bytes),
// written through cli::PendingOutput. Whatever the path, the database, the backup and every
// link stay exactly as they were, the folder stays a folder, and a refusal is a DataError or a
// UsageError. Anything else is a finding.

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "cli/output.hpp"

using namespace vstation;
namespace fs = std::filesystem;

namespace {

const fs::path& sandbox() {
  static const fs::path dir = [] {
    // Two levels down, so the ".." an input may hold (at most two) stays inside the fuzz folder.
    auto d =
        fs::temp_directory_path() / ("vstation-fuzz-out-" + std::to_string(::getpid())) / "a" / "b";
    fs::create_directories(d / "dir");
    std::ofstream(d / "live.db") << std::string("SQLite format 3\0", 16) << "pages";
    std::ofstream(d / "live.db-wal") << "wal frames";
    std::ofstream(d / "backup.bak") << std::string("SQLite format 3\0", 16) << "copy";
    std::ofstream(d / "report.csv") << "old report";
    fs::create_symlink(d / "report.csv", d / "link");
    fs::create_symlink(d / "nowhere", d / "dangling");
    fs::create_symlink(d / "live.db", d / "dblink");
    ::mkfifo((d / "fifo").c_str(), 0600);
    return d;
  }();
  return dir;
}

std::string contents(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* kParts[] = {
      "live.db", "live.db-wal", "live.db-shm", "backup.bak", "report.csv",
      "link",    "dangling",    "dblink",      "dir",        "fifo",
      "..",      ".",           "new.csv",     "missing",    ""};
  const fs::path& d = sandbox();
  std::string path = d.string();
  int ups = 0;
  for (std::size_t i = 0; i < size && i < 6; ++i)
    if (data[i] < 240 &&
        std::string_view(kParts[data[i] % (sizeof kParts / sizeof *kParts)]) == "..")
      ++ups;
  if (ups > 2) return 0;
  for (std::size_t i = 0; i < size && i < 6; ++i) {
    std::uint8_t b = data[i];
    path += "/";
    if (b < 240)
      path += kParts[b % (sizeof kParts / sizeof *kParts)];
    else
      path += std::string(1, char(b - 200));  // odd bytes, control characters among them
  }
  std::string db = (d / "live.db").string();
  std::string before_db = contents(d / "live.db"), before_bak = contents(d / "backup.bak");
  std::ostringstream out;
  cli::GlobalOptions g;
  g.db = db;
  try {
    cli::Context ctx(g, out, out);
    cli::PendingOutput pending(ctx, "report body\n", path);
    pending.publish();
  } catch (const Error&) {
  }
  if (contents(d / "live.db") != before_db || contents(d / "backup.bak") != before_bak)
    __builtin_trap();
  for (const char* link : {"link", "dangling", "dblink"})
    if (!fs::is_symlink(d / link)) __builtin_trap();
  if (!fs::is_directory(d / "dir") || fs::is_symlink(d / "dir")) __builtin_trap();
  // What was written to ordinary files is put back for the next input.
  std::ofstream(d / "report.csv") << "old report";
  std::error_code ec;
  fs::remove(d / "new.csv", ec);
  return 0;
}
