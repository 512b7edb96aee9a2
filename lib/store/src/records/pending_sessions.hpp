#pragma once
// An import's sessions written many to a statement (records/pending_rows.hpp), kept by the
// SessionIndex only while it holds every session of the table in memory (hold_all): then nothing
// of the import reads the table before it has them all.

#include <span>
#include <utility>
#include <vector>

#include "records/pending_rows.hpp"
#include "session_rows.hpp"

namespace vstation::store {

struct SessionRows {
  using Row = Session;
  using Id = SessionId;
  using Bound = std::vector<Value>;
  static Id next_id(Connection& db) { return sessions::next_id(db); }
  static void set_id(Row& s, Id id) { s.id = id; }
  static Bound bind(std::span<const Row> rows) { return sessions::values_with_ids(rows); }
  static void write(Connection& db, Bound values) { sessions::insert_values(db, std::move(values)); }
};

using PendingSessions = PendingRows<SessionRows>;

}  // namespace vstation::store
