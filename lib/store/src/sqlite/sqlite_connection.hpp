#pragma once
// The SQLite backend: the only code that includes SQLiteCpp.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store::sqlite {

std::unique_ptr<Connection> open(const std::string& path, const OpenOptions& options);
// Tables that hold SQLite's own bookkeeping, not records (schema 27's count of changes, one row
// from the start): no record of anyone's, and nothing PostgreSQL has.
inline constexpr std::string_view kBookkeepingTable = "setup_changes";
// Whether the database file holds no records at all (only the schema), checked under a write lock.
bool holds_no_records(const std::string& path);

// An SQLite result code (and extended code) as the store's error, worded in both languages.
StoreError error_from(int code, int extended, const std::string& what, const std::string& path);

// Whole-database operations behind store/maintenance.hpp (sqlite/maintenance.cpp).
void backup(const std::string& path, const std::string& dest);
void restore(const std::string& path, const std::string& file);
std::vector<Text> check_storage(Connection& db);
// The schema's protective triggers (raw instants fixed, audit append-only) that are missing.
std::vector<std::string> missing_triggers(Connection& db);

// Called when the migration from `version` failed on the file at `path` (rolled back): throws
// the first way its schema differs from the one our migrations make at that version, if any,
// which someone's hand made and which says more than the failed statement's error.
void check_shape_after_failed_migration(const std::string& path, int version);

// The forward-only migrations, index i takes the schema from version i to i + 1.
const std::vector<std::string_view>& migrations();
// Runs a multi-statement script on an SQLite connection (tests build older schemas with it).
void exec_script(Connection& db, std::string_view sql);

}  // namespace vstation::store::sqlite
