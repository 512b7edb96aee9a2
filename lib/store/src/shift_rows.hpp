#pragma once
// Shifts written many to a statement, their ids given, with their skill minimums: a large
// import's rows kept to be written together (records/pending_rows.hpp), in two steps: the rows'
// values bound (on the import's thread), then written (on its writer, Connection::write_behind).

#include <span>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::shifts {

// The id the next shift inserted gets: one past the largest.
ShiftId next_id(Connection& db);

struct BoundRows {
  std::vector<Value> shifts;    // a row of the shifts' columns, id first, for each
  std::vector<Value> minimums;  // (shift, skill, count) for each of their minimums
};
BoundRows values_with_ids(std::span<const Shift> rows);
// Inserts them as shifts::insert does each (its clash asked by the caller).
void insert_values(Connection& db, BoundRows rows);

}  // namespace vstation::store::shifts
