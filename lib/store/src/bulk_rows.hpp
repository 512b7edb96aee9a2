#pragma once
// Rows written many to a statement, their ids given: a large import's rows kept to be written
// together (records/pending_rows.hpp), in two steps: the rows' values bound with their ids (on the
// import's thread), then written as the kind's own insert writes each (on its writer,
// Connection::write_behind). One statement a row was a third of a large import's insert time
// (SQLite runs the program, its checks and its statement journal once a statement). For each kind:
// the id the next row inserted gets (one past the largest), the rows' values, and the writing.

#include <span>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store {

namespace sessions {
SessionId next_id(Connection& db);
std::vector<Value> values_with_ids(std::span<const Session> rows);
void insert_values(Connection& db, std::vector<Value> values);
}  // namespace sessions

namespace incidents {
IncidentId next_id(Connection& db);
struct BoundRows {
  std::vector<Value> incidents;   // a row of incidents' columns, id first, for each
  std::vector<Value> volunteers;  // (incident, volunteer) for each volunteer involved
};
BoundRows values_with_ids(std::span<const Incident> rows);
void insert_values(Connection& db, BoundRows rows);
}  // namespace incidents

namespace shifts {
ShiftId next_id(Connection& db);
ShiftId insert_row(Connection& db, const Shift& s);  // one shift's row, its id given by the table
struct BoundRows {
  std::vector<Value> shifts;    // a row of the shifts' columns, id first, for each
  std::vector<Value> minimums;  // (shift, skill, count) for each of their minimums
};
BoundRows values_with_ids(std::span<const Shift> rows);
void insert_values(Connection& db, BoundRows rows);  // their clashes asked by the caller
}  // namespace shifts

namespace assignments {
AssignmentId next_id(Connection& db);
std::vector<Value> values_with_ids(std::span<const Assignment> rows);
void insert_values(Connection& db, std::vector<Value> values);
}  // namespace assignments

}  // namespace vstation::store
