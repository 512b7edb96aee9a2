#pragma once
// Sessions written many to a statement, their ids given: an import's rows kept to be written
// together (records/pending_sessions.hpp). One statement a row was a third of a large import's
// insert time (SQLite runs the program, its checks and its statement journal once a statement).

#include <span>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::sessions {

// The id the next session inserted gets: one past the largest.
SessionId next_id(Connection& db);
// Inserts rows as sessions::insert does each, with their own ids, in two steps: the rows' values
// bound (on the import's thread), then written (on its writer, Connection::write_behind).
std::vector<Value> values_with_ids(std::span<const Session> rows);
void insert_values(Connection& db, std::vector<Value> values);

}  // namespace vstation::store::sessions
