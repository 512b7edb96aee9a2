#pragma once
// Sessions written many to a statement, their ids given: an import's rows kept to be written
// together (records/pending_sessions.hpp). One statement a row was a third of a large import's
// insert time (SQLite runs the program, its checks and its statement journal once a statement).

#include <span>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::sessions {

// The id the next session inserted gets: one past the largest.
SessionId next_id(Connection& db);
// Inserts `rows` as sessions::insert does each, with their own ids.
void insert_with_ids(Connection& db, std::span<const Session> rows);

}  // namespace vstation::store::sessions
