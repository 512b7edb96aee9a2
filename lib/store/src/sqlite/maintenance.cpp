// Backup, restore and integrity check for SQLite databases, through the online backup API:
// a backup reads a consistent snapshot while kiosks keep writing (WAL), and a restore copies
// pages into the live database inside one write transaction, so other programs see the old
// database or the new one, never a mixture.

#include "vstation/store/maintenance.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "sqlite/sqlite_connection.hpp"
#include "vstation/store/busy.hpp"

namespace vstation::store::sqlite {
namespace {

constexpr Msg kExists{"'{}' already exists; choose a new file name", "“{}”已存在，请换一个文件名"};
constexpr Msg kCantCreate{"cannot create '{}'", "无法创建“{}”"};
constexpr Msg kNoFile{"no file at '{}'", "“{}”处没有文件"};
constexpr Msg kNotOurs{"'{}' is not a vstation database; nothing was changed",
                       "“{}”不是 vstation 数据库，未做任何更改"};
constexpr Msg kNotShaped{
    "'{}' is not a vstation database: at its schema version {} {}; nothing was changed",
    "“{}”不是 vstation 数据库：在其结构版本 {} 下{}；未做任何更改"};
constexpr Msg kNotMigratable{
    "the database '{}' cannot be brought up to date: at its schema version {} {}, as someone "
    "changed it outside vstation; nothing was changed",
    "数据库“{}”无法升级：在其结构版本 {} 下{}，有人在 vstation 之外改动过它；未做任何更改"};
constexpr Msg kLacks{"it has no {} '{}'", "缺少{}“{}”"};
constexpr Msg kDiffers{"its {} '{}' is not vstation's", "其{}“{}”与 vstation 的不同"};
constexpr Msg kDamaged{"'{}' is damaged (integrity check: {}); nothing was changed",
                       "“{}”已损坏（完整性检查：{}），未做任何更改"};
constexpr Msg kNewerFile{
    "'{}' was written by a newer vstation (schema version {}, this one knows {}); nothing was changed",
    "“{}”由更新版本的 vstation 写入（结构版本 {}，本程序支持 {}），未做任何更改"};
// SQLite's own words for what its integrity check found (English only: they are its).
constexpr Msg kAsFound{"{}", "{}"};
constexpr Msg kDangling{"{} row {}: its {} names a row of {} that is not there",
                        "{} 第 {} 行：其 {} 指向 {} 中不存在的一行"};
// Enough to see the pattern; a damaged import could leave millions.
constexpr int kMaxDangling = 100;
constexpr Msg kBusyLong{"the database stayed busy; nothing was changed, try again",
                        "数据库一直忙，未做任何更改，请稍后重试"};

StoreError wrap(const SQLite::Exception& e, const std::string& path) {
  return error_from(e.getErrorCode(), e.getExtendedErrorCode(), e.what(), path);
}

// Copies every page of `src` into `dest`, retrying while another writer holds a lock.
void copy_pages(SQLite::Database& dest, SQLite::Database& src) {
  SQLite::Backup backup(dest, src);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    int rc = backup.executeStep(-1);
    if (rc == SQLITE_DONE) return;
    if (std::chrono::steady_clock::now() > deadline) {
      note_busy();
      throw StoreError(StoreFault::busy, Text::of(kBusyLong));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::vector<std::string> integrity(SQLite::Database& db) {
  std::vector<std::string> out;
  SQLite::Statement q(db, "PRAGMA integrity_check");
  while (q.executeStep()) {
    auto line = q.getColumn(0).getString();
    if (line != "ok") out.push_back(line);
  }
  return out;
}

std::string sibling_temp(const std::string& dest) {
  std::random_device rd;
  return dest + ".tmp-" + std::to_string(rd());
}

void fsync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void fsync_dir_of(const std::string& path) {
  auto dir = std::filesystem::path(path).parent_path();
  fsync_path(dir.empty() ? "." : dir.string(), O_RDONLY | O_DIRECTORY);
}

// A private file holding a complete copy of `src`, in DELETE journal mode (one self-contained
// file). Returns its name; the caller renames it into place.
std::string write_copy(SQLite::Database& src, const std::string& dest) {
  std::string tmp = sibling_temp(dest);
  int fd = ::open(tmp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) throw StoreError(StoreFault::io, Text::of(kCantCreate, dest));
  ::close(fd);
  try {
    {
      SQLite::Database out(tmp, SQLite::OPEN_READWRITE);
      out.exec("PRAGMA busy_timeout = 5000");
      copy_pages(out, src);
      out.exec("PRAGMA journal_mode = DELETE");
    }
    fsync_path(tmp, O_RDONLY);
  } catch (const SQLite::Exception& e) {
    std::filesystem::remove(tmp);
    throw wrap(e, dest);
  } catch (...) {
    std::filesystem::remove(tmp);
    throw;
  }
  return tmp;
}

// A schema's shape: each table's columns (name, declared type, NOT NULL, key), and each index's,
// trigger's and view's statement (spaces aside), by (type, name). SQLite's own objects aside.
using Shape = std::map<std::pair<std::string, std::string>, std::string>;
Shape shape_of(SQLite::Database& db) {
  Shape out;
  SQLite::Statement objects(
      db, "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'");
  while (objects.executeStep()) {
    std::string type = objects.getColumn(0).getString(), name = objects.getColumn(1).getString();
    std::string text;
    if (type == "table") {
      SQLite::Statement columns(db, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)");
      columns.bind(1, name);
      while (columns.executeStep())
        for (int i = 0; i < 4; ++i) text += columns.getColumn(i).getString() + (i < 3 ? ":" : ";");
    } else {
      for (char c : objects.getColumn(2).getString())
        if (!std::isspace(static_cast<unsigned char>(c))) text += c;
    }
    out[{type, name}] = text;
  }
  return out;
}

Msg object_word(const std::string& type) {
  if (type == "table") return {"table", "表"};
  if (type == "index") return {"index", "索引"};
  if (type == "trigger") return {"trigger", "触发器"};
  return {"view", "视图"};
}

// A file claiming schema version `version` must have every table, column, index and trigger our
// migrations had made by then, as they made them: a restore copies the file as it is, and the
// next open only migrates forward from there. Tables of its own may be there too (a district
// migration's id map). Returns what differs first, if anything.
std::optional<Text> shape_problem(SQLite::Database& db, int version) {
  SQLite::Database ours(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  for (int v = 0; v < version; ++v) ours.exec(std::string(migrations()[std::size_t(v)]));
  auto theirs = shape_of(db);
  auto expected = shape_of(ours);
  // Tables first: a missing table says more than the indexes it would have carried.
  for (const char* type : {"table", "index", "trigger", "view"})
    for (const auto& [key, text] : expected) {
      if (key.first != type) continue;
      auto it = theirs.find(key);
      if (it == theirs.end()) return Text::of(kLacks, Text(object_word(key.first)), key.second);
      if (it->second != text) return Text::of(kDiffers, Text(object_word(key.first)), key.second);
    }
  return std::nullopt;
}

// Opens a candidate for restore read-only and says what is wrong with it, if anything.
void vet(const std::string& file) {
  if (!std::filesystem::is_regular_file(file)) throw StoreError(StoreFault::io, Text::of(kNoFile, file));
  try {
    SQLite::Database db(file, SQLite::OPEN_READONLY);
    int version = db.execAndGet("PRAGMA user_version").getInt();
    int known = int(migrations().size());
    if (version > known)
      throw StoreError(StoreFault::newer_schema, Text::of(kNewerFile, file, version, known));
    int ours = db.execAndGet(
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                     "('stations', 'volunteers', 'sessions', 'audit')")
                   .getInt();
    if (version < 1 || ours != 4) throw StoreError(StoreFault::corrupt, Text::of(kNotOurs, file));
    auto problems = integrity(db);
    if (!problems.empty())
      throw StoreError(StoreFault::corrupt, Text::of(kDamaged, file, problems.front()));
    if (auto problem = shape_problem(db, version))
      throw StoreError(StoreFault::corrupt, Text::of(kNotShaped, file, version, *problem));
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_NOTADB) throw StoreError(StoreFault::corrupt, Text::of(kNotOurs, file));
    if (e.getErrorCode() == SQLITE_CORRUPT)
      throw StoreError(StoreFault::corrupt, Text::of(kDamaged, file, e.getErrorStr()));
    throw wrap(e, file);
  }
}

}  // namespace

void check_shape_after_failed_migration(const std::string& path, int version) {
  std::optional<Text> problem;
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    db.setBusyTimeout(5000);
    problem = shape_problem(db, version);
  } catch (const SQLite::Exception&) {
    return;  // the step's own error says more than a look that failed too
  }
  if (problem)
    throw StoreError(StoreFault::corrupt, Text::of(kNotMigratable, path, version, *problem));
}

void backup(const std::string& path, const std::string& dest) {
  if (std::filesystem::exists(dest)) throw StoreError(StoreFault::io, Text::of(kExists, dest));
  try {
    SQLite::Database src(path, SQLite::OPEN_READONLY);
    src.exec("PRAGMA busy_timeout = 5000");
    std::string tmp = write_copy(src, dest);
    // link() refuses to replace a file that appeared meanwhile; the copy is complete or absent.
    if (::link(tmp.c_str(), dest.c_str()) != 0) {
      const int error = errno;
      std::filesystem::remove(tmp);
      throw StoreError(StoreFault::io,
                       error == EEXIST ? Text::of(kExists, dest) : Text::of(kCantCreate, dest));
    }
    std::filesystem::remove(tmp);
    fsync_dir_of(dest);
  } catch (const SQLite::Exception& e) {
    throw wrap(e, path);
  }
}

void restore(const std::string& path, const std::string& file) {
  vet(file);
  try {
    SQLite::Database src(file, SQLite::OPEN_READONLY);
    bool live = std::filesystem::exists(path);
    if (live) {
      try {
        SQLite::Database dest(path, SQLite::OPEN_READWRITE);
        dest.exec("PRAGMA busy_timeout = 5000");
        (void)dest.execAndGet("PRAGMA user_version").getInt();  // is it a database at all?
        copy_pages(dest, src);
        return;
      } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() != SQLITE_NOTADB && e.getErrorCode() != SQLITE_CORRUPT) throw;
      }
    }
    // No database yet, or one too damaged to open: put a private copy in its place.
    std::string tmp = write_copy(src, path);
    std::filesystem::rename(tmp, path);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      std::error_code ec;
      std::filesystem::remove(path + suffix, ec);
    }
    fsync_dir_of(path);
  } catch (const SQLite::Exception& e) {
    throw wrap(e, path);
  }
}

std::vector<Text> check_storage(Connection& db) {
  std::vector<Text> out;
  try {
    auto rows = db.query("PRAGMA integrity_check");
    while (rows->next())
      if (rows->str(0) != "ok") out.push_back(Text::of(kAsFound, rows->str(0)));
  } catch (const StoreError& e) {
    // A badly damaged file stops the check itself after the problems it could list.
    if (e.fault() != StoreFault::corrupt) throw;
    out.push_back(Text::of(kAsFound, "database disk image is malformed"));
  }
  if (!out.empty()) return out;  // pages that cannot be trusted: their rows' references neither
  auto dangling = db.query(
      "SELECT c.\"table\", c.rowid, l.\"from\", c.parent FROM pragma_foreign_key_check c "
      "JOIN pragma_foreign_key_list(c.\"table\") l ON l.id = c.fkid AND l.seq = 0 LIMIT ?",
      params(kMaxDangling));
  while (dangling->next())
    out.push_back(Text::of(kDangling, dangling->str(0), dangling->i64(1), dangling->str(2),
                           dangling->str(3)));
  return out;
}

}  // namespace vstation::store::sqlite
