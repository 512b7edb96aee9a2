#pragma once
// Whole-database operations: backup, restore and the storage's own integrity check. They are
// declared here without any backend type; the SQLite backend implements them in
// src/sqlite/maintenance.cpp (the online backup API), a server backend may refuse them.

#include <cstdint>
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

// What the storage engine itself finds wrong (SQLite: PRAGMA integrity_check, then rows naming a
// row that is not there, PRAGMA foreign_key_check: a bulk import leaves that check to its own
// look-ups); empty if fine. PostgreSQL checks both as it writes: nothing.
std::vector<Text> storage_problems(Connection& db);

// How many records the tables people change hold, in a fixed order (stations, volunteers,
// projects, shifts, assignments, sessions, incidents, trainings, audit, certificates).
struct RecordCounts {
  std::int64_t stations = 0, volunteers = 0, projects = 0, shifts = 0, assignments = 0,
               sessions = 0, incidents = 0, trainings = 0, audit = 0, certificates = 0;
};
RecordCounts record_counts(Connection& db);

// The schema's protective triggers (raw instants never change, the audit trail is append-only)
// that are not in the database: someone dropped them.
std::vector<std::string> missing_triggers(Connection& db);

// Where the schema keeps the figures derived from the records (the maintained totals' tables,
// `shifts.credited_volunteers`, and on SQLite the view credited inserts pass through) that are
// not in the database, as "table" or "table.column": someone dropped them. Nothing can be
// compared with or counted into them until the database is restored.
std::vector<std::string> missing_derived(Connection& db);

}  // namespace vstation::store
