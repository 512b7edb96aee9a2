#pragma once
// Assignments written many to a statement, their ids given: a large roster import's rows kept to
// be written together (records/pending_rows.hpp), in two steps: the rows' values bound (on the
// import's thread), then written (on its writer, Connection::write_behind).

#include <span>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::assignments {

// The id the next assignment inserted gets: one past the largest.
AssignmentId next_id(Connection& db);
// A row of the assignments' columns, id first, for each.
std::vector<Value> values_with_ids(std::span<const Assignment> rows);
// Inserts them as assignments::insert does each.
void insert_values(Connection& db, std::vector<Value> values);

}  // namespace vstation::store::assignments
