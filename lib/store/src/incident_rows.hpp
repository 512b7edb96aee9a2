#pragma once
// Incidents written many to a statement, their ids given, with the volunteers involved: an
// import's rows kept to be written together (records/pending_rows.hpp), in two steps: the rows'
// values bound (on the import's thread), then written (on its writer, Connection::write_behind).

#include <span>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::incidents {

// The id the next incident inserted gets: one past the largest.
IncidentId next_id(Connection& db);

struct BoundRows {
  std::vector<Value> incidents;   // a row of incidents' columns, id first, for each
  std::vector<Value> volunteers;  // (incident, volunteer) for each volunteer involved
};
BoundRows values_with_ids(std::span<const Incident> rows);
// Inserts them as incidents::insert does each.
void insert_values(Connection& db, BoundRows rows);

}  // namespace vstation::store::incidents
