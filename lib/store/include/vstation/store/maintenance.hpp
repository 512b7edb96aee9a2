#pragma once
// Whole-database operations: backup, restore and the storage's own integrity check. They are
// declared here without any backend type; the SQLite backend implements them in
// src/sqlite/maintenance.cpp (the online backup API), a server backend may refuse them.

#include <string>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store {

// Copies the database `spec` into a new file `dest`, created readable by its owner only,
// while other programs (kiosks) keep reading and writing. `dest` appears complete or not at all.
void backup_database(const std::string& spec, const std::string& dest);

// Refuses `file` unless it is a vstation database (of this or an older schema) that passes the
// storage's integrity check; then replaces the contents of `spec` with it in one step, so
// every other program sees either the old or the new database.
void restore_database(const std::string& spec, const std::string& file);

// What the storage engine itself finds wrong (SQLite: PRAGMA integrity_check); empty if fine.
std::vector<std::string> storage_problems(Connection& db);

// The schema's protective triggers (raw instants never change, the audit trail is append-only)
// that are not in the database: someone dropped them.
std::vector<std::string> missing_triggers(Connection& db);

}  // namespace vstation::store
