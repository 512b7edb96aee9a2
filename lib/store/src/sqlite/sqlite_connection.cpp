#include "sqlite/sqlite_connection.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "check_rules.hpp"
#include "heap_growth.hpp"
#include "sqlite/statement.hpp"
#include "vstation/store/busy.hpp"

namespace vstation::store::sqlite {
namespace {

constexpr Msg kBusy{"the database is busy: another program is writing to it; nothing was changed, try again",
                    "数据库正忙：另一个程序正在写入；未做任何更改，请稍后重试"};
constexpr Msg kReadOnly{"the database '{}' is read-only; nothing was changed",
                        "数据库“{}”是只读的，未做任何更改"};
constexpr Msg kFull{"the disk is full; nothing was changed", "磁盘已满，未做任何更改"};
constexpr Msg kWriteFailed{"the database '{}' could not be written (the disk is full or failing); nothing was changed",
                           "无法写入数据库“{}”（磁盘已满或出现故障）；未做任何更改"};
constexpr Msg kIo{"the database '{}' could not be read or written (a disk error); nothing was changed",
                  "无法读写数据库“{}”（磁盘错误）；未做任何更改"};
constexpr Msg kCorrupt{"'{}' is not a vstation database or is damaged",
                       "“{}”不是 vstation 数据库，或文件已损坏"};
constexpr Msg kCantOpen{"cannot open the database '{}'", "无法打开数据库“{}”"};
constexpr Msg kForeign{"'{}' is a database of another program, not a vstation database; nothing was changed",
                       "“{}”是其他程序的数据库，不是 vstation 数据库；未做任何更改"};
constexpr Msg kMissing{"no database at '{}'", "“{}”处没有数据库"};
constexpr Msg kNotRegular{"'{}' is not a regular file (a device, pipe or socket); give a database file",
                          "“{}”不是普通文件（设备、管道或套接字）；请给出数据库文件"};
constexpr Msg kIsFolder{"'{}' is a folder; give a database file", "“{}”是文件夹；请给出数据库文件"};
constexpr Msg kDanglingLink{"'{}' is a symbolic link to a file that does not exist; give the database "
                            "file itself",
                            "“{}”是指向不存在文件的符号链接；请直接给出数据库文件"};
constexpr Msg kCantCreate{"cannot create the database '{}': {}", "无法创建数据库“{}”：{}"};
constexpr Msg kOther{"database error: {}", "数据库错误：{}"};
constexpr Msg kDuplicate{"the same record is already there ({})", "已有相同的记录（{}）"};
constexpr Msg kConstraint{"the change breaks a rule of the database: {}", "更改违反了数据库规则：{}"};
constexpr Msg kNewer{
    "the database '{}' was written by a newer vstation (schema version {}, this one knows {}); "
    "upgrade vstation",
    "数据库“{}”由更新版本的 vstation 写入（结构版本 {}，本程序支持 {}），请升级 vstation"};

// "UNIQUE constraint failed: certifications.volunteer_id, certifications.skill_id" ->
// "certifications: volunteer_id, skill_id"
std::string unique_columns(std::string_view message) {
  auto colon = message.find(": ");
  if (colon == std::string_view::npos) return std::string(message);
  std::string table;
  std::string columns;
  for (auto rest = message.substr(colon + 2); !rest.empty();) {
    auto comma = rest.find(", ");
    auto item = rest.substr(0, comma);
    auto dot = item.find('.');
    if (dot != std::string_view::npos) {
      table = std::string(item.substr(0, dot));
      item.remove_prefix(dot + 1);
    }
    columns += (columns.empty() ? "" : ", ") + std::string(item);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 2);
  }
  return table.empty() ? columns : table + ": " + columns;
}

StoreError translate(const SQLite::Exception& e, const std::string& path) {
  return error_from(e.getErrorCode(), e.getExtendedErrorCode(), e.what(), path);
}
}  // namespace

StoreError error_from(int code, int ext, const std::string& what, const std::string& path) {
  switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      note_busy();
      return {StoreFault::busy, Text(kBusy)};
    case SQLITE_READONLY:
      return {StoreFault::read_only, Text::of(kReadOnly, path)};
    case SQLITE_FULL:
      return {StoreFault::full, Text(kFull)};
    case SQLITE_IOERR:
      // A write refused by the file system is almost always a full disk or a file-size limit.
      if (ext == SQLITE_IOERR_WRITE || ext == SQLITE_IOERR_FSYNC || ext == SQLITE_IOERR_TRUNCATE ||
          ext == SQLITE_IOERR_SHMSIZE)
        return {StoreFault::full, Text::of(kWriteFailed, path)};
      return {StoreFault::io, Text::of(kIo, path)};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {StoreFault::corrupt, Text::of(kCorrupt, path)};
    case SQLITE_CANTOPEN:
      return {StoreFault::io, Text::of(kCantOpen, path)};
    case SQLITE_CONSTRAINT: {
      StoreFault f = StoreFault::check;
      if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
        f = StoreFault::unique;
      else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
        f = StoreFault::foreign_key;
      if (f == StoreFault::unique) return {f, Text::of(kDuplicate, unique_columns(what))};
      // A CHECK names its column, never its SQL; a trigger's RAISE says what it protects.
      if (ext == SQLITE_CONSTRAINT_CHECK) return check_rules::error(check_rules::sqlite_column(what));
      return {f, Text::of(kConstraint, what)};
    }
    default:
      return {StoreFault::other, Text::of(kOther, what)};
  }
}

namespace {

class SqliteRows final : public Rows {
 public:
  explicit SqliteRows(std::shared_ptr<Statement> stmt) : stmt_(std::move(stmt)) {}
  ~SqliteRows() override { stmt_->end(); }
  // Once at its end, or after an error, it stays there (as a PostgreSQL stream does).
  bool next() override {
    if (done_) return false;
    done_ = true;
    done_ = !stmt_->step();
    return !done_;
  }
  bool is_null(int col) const override { return stmt_->is_null(col); }
  std::int64_t i64(int col) const override { return stmt_->i64(col); }
  double f64(int col) const override { return stmt_->f64(col); }
  std::string_view text(int col) const override { return stmt_->text(col); }

 private:
  std::shared_ptr<Statement> stmt_;
  bool done_ = false;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, int flags) : path_(path), flags_(flags), db_(path, flags) {}

  std::unique_ptr<Rows> query(std::string_view sql, std::vector<Value> args) override {
    return std::make_unique<SqliteRows>(prepare(sql, args));
  }
  // A statement is stepped row by row: nothing more to do for a large result.
  std::unique_ptr<Rows> stream(std::string_view sql, std::vector<Value> args) override {
    return query(sql, std::move(args));
  }

  std::int64_t execute(std::string_view sql, std::vector<Value> args) override {
    auto stmt = prepare(sql, args, TextLifetime::run);
    while (stmt->step()) {
    }
    stmt->end();
    return sqlite3_changes64(db_.getHandle());
  }

  // last_insert_rowid, not RETURNING: SQLite buffers a RETURNING result in a temporary table.
  std::int64_t insert(std::string_view sql, std::vector<Value> args) override {
    execute(sql, std::move(args));
    return sqlite3_last_insert_rowid(db_.getHandle());
  }

  // One writer at a time: every isolation is serial here, and lock() has nothing to add.
  void begin(Isolation) override {
    if (reads_ > 0) throw std::logic_error("a write transaction begun inside a read transaction");
    write_version_.reset();
    // A statement in a transaction keeps the pages it changes for its own rollback; past the
    // spill size open() sets, in a temporary file for the rest of the transaction, through which
    // a million sessions' import wrote 240 MB (122,000 writes). A transaction begun in a bulk
    // write keeps them in memory instead (each is dropped as its statement ends). SQLite reads
    // temp_store as the transaction begins, and refuses to change it inside one.
    if (const bool in_memory = bulk_ > 0; in_memory != temp_in_memory_) {
      exec_plain(in_memory ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT");
      temp_in_memory_ = in_memory;
    }
    execute("BEGIN IMMEDIATE", {});
  }
  void lock(LockSpace, std::int64_t) override {}
  void commit() override {
    write_version_.reset();
    execute("COMMIT", {});
  }
  // Nobody else commits while this connection holds the write lock: data_version, once read in a
  // write transaction, holds to its end (the kiosk asks at a turn's start and end).
  std::optional<ChangeToken> change_token() override {
    std::int64_t others = 0;
    if (in_transaction() && write_version_) {
      others = *write_version_;
    } else {
      others = scalar("PRAGMA data_version").value_or(0);
      if (in_transaction()) write_version_ = others;
    }
    return ChangeToken{others, sqlite3_total_changes64(db_.getHandle())};
  }
  void rollback() override {
    write_version_.reset();
    execute("ROLLBACK", {});
  }
  // SQLite knows whether a transaction is open; one of ours that is not a read is a write.
  bool in_transaction() const override {
    return reads_ == 0 && sqlite3_get_autocommit(db_.getHandle()) == 0;
  }
  // A deferred BEGIN takes the WAL read lock at the first look-up and keeps it to the end.
  void begin_read() override {
    if (in_transaction() || reads_++ > 0) return;
    execute("BEGIN", {});
  }
  void end_read() override {
    if (reads_ == 0 || --reads_ > 0) return;
    execute("COMMIT", {});
  }
  // The helpers' snapshots are taken while a third connection holds the write lock, so that
  // no commit falls between them and this one's.
  std::vector<std::unique_ptr<Connection>> begin_read_beside(std::size_t helpers) override {
    std::vector<std::unique_ptr<Connection>> out;
    const bool file = (flags_ & SQLite::OPEN_READWRITE) != 0 && !path_.empty() &&
                      path_ != ":memory:" && !path_.starts_with("file:");
    if (helpers > 0 && file && !in_transaction() && reads_ == 0) {
      try {
        SQLite::Database lock(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
        lock.setBusyTimeout(1000);
        lock.exec("BEGIN IMMEDIATE");
        begin_read();
        take_snapshot();
        while (out.size() < helpers) {
          auto h = std::make_unique<SqliteConnection>(path_, flags_ & ~SQLite::OPEN_CREATE);
          h->exec_plain("PRAGMA busy_timeout = 5000");
          h->begin_read();
          h->take_snapshot();
          out.push_back(std::move(h));
        }
      } catch (const std::exception&) {  // fewer helpers (those made share the snapshot)
      }
    }
    if (reads_ == 0) begin_read();
    return out;
  }
  void set_durability(Durability d) override {
    exec_plain(d == Durability::full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  }
  // Nested (an import of a directory imports each file): the outermost one decides.
  void set_bulk_write(bool on) override {
    if (on ? bulk_++ > 0 : (bulk_ == 0 || --bulk_ > 0)) return;
    // The large cache's pages are freed as the transaction commits and as the connection
    // closes: the heap is held until then.
    if (on) heap_.engage();
    exec_plain(on ? "PRAGMA cache_size = -262144" : "PRAGMA cache_size = -2000");
  }
  // Changing the setting expires the prepared statements: each is prepared again, with or
  // without its foreign-key probes, at its next use.
  void set_reference_checks(bool on) override {
    int now = -1;
    if (sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_ENABLE_FKEY, on ? 1 : 0, &now) !=
            SQLITE_OK ||
        now != (on ? 1 : 0))
      throw std::logic_error("SQLite refused to change its foreign-key enforcement");
  }
  // Kept only to be given back: a failed SQLite statement never ends the transaction.
  bool set_all_or_nothing(bool on) override { return std::exchange(all_or_nothing_, on); }
  std::string_view backend() const override { return "sqlite"; }
  std::string location() const override { return path_; }

  void exec_plain(const std::string& sql) {
    try {
      db_.exec(sql);
    } catch (const SQLite::Exception& e) {
      throw translate(e, path_);
    }
  }

 private:
  // Statements are prepared once and reused; a statement still being read by a live cursor
  // is not shared, a fresh one is prepared instead.
  // How long the texts bound stay: `run`, to the end of a run the caller ends before they go
  // (execute); `copied`, SQLite copies them (a cursor outlives its arguments).
  enum class TextLifetime { run, copied };
  std::shared_ptr<Statement> prepare(std::string_view sql, const std::vector<Value>& args,
                                     TextLifetime texts = TextLifetime::copied) {
    auto& slot = cached(sql);
    std::shared_ptr<Statement> stmt;
    if (slot && slot.use_count() == 1) {
      stmt = slot;
      stmt->reset(args.size());
    } else {
      stmt = std::make_shared<Statement>(db_.getHandle(), sql, path_);
      if (!slot) slot = stmt;
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
      int idx = int(i + 1);
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) stmt->bind_null(idx);
            else if constexpr (std::is_same_v<T, std::string>)
              stmt->bind(idx, v, texts == TextLifetime::run);
            else stmt->bind(idx, v);
          },
          args[i]);
    }
    return stmt;
  }

  // The cache's entry for `sql`. Most statements are the same text at the same address every
  // time (a constant, or a string kept by its caller): those are found by their address,
  // checked byte for byte, before the text is hashed (hashing a long statement's text was 2 % of
  // a kiosk check-in's instructions). Entries are never erased, so the pointers stay valid.
  std::shared_ptr<Statement>& cached(std::string_view sql) {
    Recent& recent = recent_[(reinterpret_cast<std::uintptr_t>(sql.data()) >> 4) % recent_.size()];
    if (recent.data == sql.data() && recent.entry && recent.entry->first == sql)
      return recent.entry->second;
    auto found = cache_.find(sql);
    if (found == cache_.end()) found = cache_.emplace(std::string(sql), nullptr).first;
    recent = {sql.data(), &*found};
    return found->second;
  }

  // A deferred BEGIN takes its snapshot at the first read.
  void take_snapshot() { scalar("SELECT count(*) FROM (SELECT 1 FROM sqlite_schema LIMIT 1)"); }

  std::string path_;
  int flags_;
  // Before db_, so released after the connection has closed and freed its pages.
  heap::Hold heap_;
  SQLite::Database db_;
  // Hashed, not ordered: the statements share long prefixes, which an ordered map compares
  // again at every level on every run of a statement.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::shared_ptr<Statement>, SqlHash, std::equal_to<>>
      cache_;
  struct Recent {
    const char* data = nullptr;
    std::pair<const std::string, std::shared_ptr<Statement>>* entry = nullptr;
  };
  std::array<Recent, 64> recent_;  // by the address of a statement's text (cached)
  int reads_ = 0;  // nesting depth of begin_read() outside a write transaction
  std::optional<std::int64_t> write_version_;  // data_version, read in this write transaction
  bool all_or_nothing_ = false;
  int bulk_ = 0;   // nesting depth of set_bulk_write(true)
  bool temp_in_memory_ = false;  // temp_store = MEMORY, set by begin()
};

// A file created by us is readable by its owner only (docs/design.md §5).
void create_private_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) ::close(fd);
  // Another process creating it at the same moment is fine; anything else is said.
  else if (errno != EEXIST)
    throw StoreError(StoreFault::io, Text::of(kCantCreate, path, system_error_text(errno)));
}

// Root ignores permission bits, so honour them explicitly: a file nobody may write is
// opened read-only and every change to it is refused.
bool writable(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return true;
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return false;
  return ::access(path.c_str(), W_OK) == 0;
}

// All steps or none, as on PostgreSQL: a file is never left between two versions, and the
// version is read under the write lock, so a second process opening a new file at the same
// moment finds the first one's work done.
void migrate(SqliteConnection& db, const std::string& path) {
  const auto& steps = migrations();
  int version = 0;
  try {
    Transaction tx(db);
    version = int(*db.scalar("PRAGMA user_version"));
    if (version > int(steps.size()))
      throw StoreError(StoreFault::newer_schema, Text::of(kNewer, path, version, steps.size()));
    if (version == int(steps.size())) return;
    for (int v = version; v < int(steps.size()); ++v)
      db.exec_plain(std::string(steps[std::size_t(v)]));
    db.exec_plain("PRAGMA user_version = " + std::to_string(steps.size()));
    tx.commit();
  } catch (const StoreError& e) {
    if (e.fault() != StoreFault::newer_schema) check_shape_after_failed_migration(path, version);
    throw;
  }
}

}  // namespace

bool holds_no_records(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.setBusyTimeout(5000);
  db.exec("BEGIN IMMEDIATE");
  std::vector<std::string> tables;
  SQLite::Statement list(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  while (list.executeStep()) tables.push_back(list.getColumn(0).getString());
  bool empty = true;
  for (const auto& t : tables) {
    if (t == kBookkeepingTable) continue;
    SQLite::Statement any(db, "SELECT EXISTS (SELECT 1 FROM \"" + t + "\")");
    if (any.executeStep() && any.getColumn(0).getInt() != 0) empty = false;
  }
  db.exec("ROLLBACK");
  return empty;
}

void exec_script(Connection& db, std::string_view sql) {
  dynamic_cast<SqliteConnection&>(db).exec_plain(std::string(sql));
}

std::unique_ptr<Connection> open(const std::string& path, const OpenOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto link = fs::symlink_status(path, ec);
  auto target = fs::status(path, ec);
  bool exists = fs::exists(target);
  // Only a regular file is a database: a device, a pipe or a folder is refused before SQLite
  // tries it, and nothing is created through a link that points nowhere.
  if (exists && fs::is_directory(target)) throw StoreError(StoreFault::io, Text::of(kIsFolder, path));
  if (exists && !fs::is_regular_file(target))
    throw StoreError(StoreFault::io, Text::of(kNotRegular, path));
  if (!exists && fs::is_symlink(link)) throw StoreError(StoreFault::io, Text::of(kDanglingLink, path));
  if (!exists && !options.create) throw StoreError(StoreFault::missing, Text::of(kMissing, path));
  if (!exists) {
    auto parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    create_private_file(path);
  }
  bool rw = writable(path);
  // A connection belongs to one thread at a time (every thread or process opens its own), so
  // SQLite's per-call mutexes are pure cost on the kiosk's path.
  int flags = (rw ? (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) : SQLite::OPEN_READONLY) |
              SQLite::OPEN_NOMUTEX;
  // Process-wide settings, only possible before SQLite initialises; afterwards (SQLite used
  // directly first) each call is refused and changes nothing.
  // - SQLite counts every allocation under a global mutex (Debian's build has no lookaside, so a
  //   statement makes dozens): about 8 % of a kiosk check-in's instructions, for statistics
  //   nothing here reads (sqlite3_memory_used, a soft heap limit).
  // - A statement's journal (the pages it changed, for its own rollback) stays in memory up to
  //   128 KiB instead of 64 KiB: past that it becomes a temporary file for the rest of the
  //   transaction, and a bulk import then wrote every row's page images through the kernel
  //   (128,000 writes for a million sessions, 114,000 from 128 KiB up). Not more: above about
  //   132 KiB SQLite 3.40 fails a DROP INDEX of a few thousand pages inside a transaction with
  //   SQLITE_FULL (store_migrations_test.cpp), which stopped migration 19 on a district file.
  // - No bulk allocation of the first 20 pages of each page cache: every temporary b-tree a
  //   statement opens (a DISTINCT, an IN list, an INSERT from a UNION ALL in the ledger's
  //   triggers) has a cache of its own, and allocating and touching 88 KiB for its one or two
  //   pages was 14 % of a kiosk round's CPU in page faults and heap growth (a check-out opens
  //   up to four). Pages are allocated one by one instead, as every page past the 20th always is.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 128 << 10);
    sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  }();
  (void)configured;
  std::unique_ptr<SqliteConnection> db;
  try {
    db = std::make_unique<SqliteConnection>(path, flags);
  } catch (const SQLite::Exception& e) {
    throw translate(e, path);
  }
  db->exec_plain("PRAGMA busy_timeout = 5000");
  // Look before changing anything: a newer schema or another program's database is left as it is.
  int version = int(*db->scalar("PRAGMA user_version"));
  if (version > int(migrations().size()))
    throw StoreError(StoreFault::newer_schema, Text::of(kNewer, path, version, migrations().size()));
  if (version == 0 && *db->scalar("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") > 0)
    throw StoreError(StoreFault::corrupt, Text::of(kForeign, path));
  if (rw) {
    // A new file's pages are 8 KiB, not SQLite's 4 KiB: a bulk import's commit writes each page
    // it changed into the WAL and then into the file, and at 8 KiB a million sessions make half
    // as many writes (80,000, not 160,000) and spend a fifth less time in the kernel. A kiosk
    // check-in's time against a bare insert into the same file stays where it was; at 16 KiB
    // it lost a fifth (each of its dozen pages is written whole into the WAL). SQLite takes the
    // size only before the first table, and never in WAL mode: an existing file keeps its own.
    if (version == 0) db->exec_plain("PRAGMA page_size = 8192");
    db->exec_plain("PRAGMA journal_mode = WAL");
    db->exec_plain("PRAGMA synchronous = NORMAL");
  }
  db->exec_plain("PRAGMA foreign_keys = ON");
  if (rw && options.migrate && version < int(migrations().size())) migrate(*db, path);
  if (!rw && version < int(migrations().size()))
    throw StoreError(StoreFault::read_only, Text::of(kReadOnly, path));
  return db;
}

}  // namespace vstation::store::sqlite

namespace vstation::store {
int current_schema_version() { return int(sqlite::migrations().size()); }
int schema_version(Connection& db) {
  if (db.backend() == "sqlite") return int(*db.scalar("PRAGMA user_version"));
  return int(db.scalar("SELECT MAX(version) FROM schema_version").value_or(0));
}
}  // namespace vstation::store
