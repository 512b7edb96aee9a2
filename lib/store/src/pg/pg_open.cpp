// Opening a PostgreSQL database: look at its schema version, refuse a newer schema or another
// program's tables, bring an older one up to date. Many kiosks may open a fresh district
// database at the same moment, so migrations run under an advisory lock.

#include "pg/pg_connection.hpp"

namespace vstation::store::pg {
namespace {

constexpr Msg kForeign{"'{}' is a database of another program, not a vstation database; nothing was changed",
                       "“{}”是其他程序的数据库，不是 vstation 数据库；未做任何更改"};
constexpr Msg kNewer{
    "the database '{}' was written by a newer vstation (schema version {}, this one knows {}); "
    "upgrade vstation",
    "数据库“{}”由更新版本的 vstation 写入（结构版本 {}，本程序支持 {}），请升级 vstation"};
constexpr Msg kEmpty{"the database '{}' holds no vstation schema", "数据库“{}”中没有 vstation 的表结构"};

// Any number: the key of the advisory lock that serialises migrations.
constexpr std::int64_t kMigrationLock = 0x76737461;  // "vsta"

bool has_version_table(Connection& db) {
  return db.scalar("SELECT COUNT(*) FROM information_schema.tables "
                   "WHERE table_schema = current_schema() AND table_name = 'schema_version'")
             .value_or(0) > 0;
}

int version_of(Connection& db) {
  if (!has_version_table(db)) return 0;
  return int(db.scalar("SELECT MAX(version) FROM schema_version").value_or(0));
}

void check_version(Connection& db, int version) {
  int known = int(migrations().size());
  if (version > known) throw StoreError(StoreFault::newer_schema, Text::of(kNewer, db.location(), version, known));
  if (version == 0 && db.scalar("SELECT COUNT(*) FROM information_schema.tables "
                                "WHERE table_schema = current_schema()")
                              .value_or(0) > 0)
    throw StoreError(StoreFault::corrupt, Text::of(kForeign, db.location()));
}

// A session-level lock, taken before the transaction's snapshot so that the version read
// inside it is the one the previous holder committed.
class MigrationLock {
 public:
  explicit MigrationLock(Connection& db) : db_(db) {
    db_.query("SELECT pg_advisory_lock(" + std::to_string(kMigrationLock) + ")")->next();
  }
  ~MigrationLock() {
    try {
      db_.query("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLock) + ")")->next();
    } catch (...) {  // NOLINT(bugprone-empty-catch): the session's end releases it anyway
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  Connection& db_;
};

void migrate(Connection& db) {
  const auto& steps = migrations();
  MigrationLock lock(db);
  Transaction tx(db);
  int version = version_of(db);  // again, under the lock: another client may have migrated
  check_version(db, version);
  if (version == 0)
    exec_script(db, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                    "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  for (int v = version; v < int(steps.size()); ++v) {
    // A step for SQLite alone (its bookkeeping, schema 27) renders empty here: only counted.
    if (steps[std::size_t(v)].find_first_not_of(" \n") != std::string_view::npos)
      exec_script(db, steps[std::size_t(v)]);
    db.execute("INSERT INTO schema_version (version) VALUES (?)", params(v + 1));
  }
  tx.commit();
}

}  // namespace

std::unique_ptr<Connection> open(const std::string& url, const OpenOptions& options) {
  auto db = connect(url);
  int version = version_of(*db);
  check_version(*db, version);
  if (version < int(migrations().size())) {
    if (version == 0 && !options.create)
      throw StoreError(StoreFault::missing, Text::of(kEmpty, db->location()));
    if (options.migrate) {
      // Concurrent first opens: the loser of the serialization race sees the schema done.
      for (int attempt = 0;; ++attempt) {
        try {
          migrate(*db);
          break;
        } catch (const StoreError& e) {
          if (e.fault() != StoreFault::busy || attempt >= 5) throw;
        }
      }
    }
  }
  return db;
}

}  // namespace vstation::store::pg
