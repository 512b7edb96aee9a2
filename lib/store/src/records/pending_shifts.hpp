#pragma once
// A large import's shifts, written many to a statement (records/pending_rows.hpp): the import
// reads the table only through its ShiftIndex, which has them, and the shift kind's find, which
// has them written first.

#include <span>
#include <utility>

#include "records/pending_rows.hpp"
#include "shift_rows.hpp"

namespace vstation::store {

struct ShiftRows {
  using Row = Shift;
  using Id = ShiftId;
  using Bound = shifts::BoundRows;
  static Id next_id(Connection& db) { return shifts::next_id(db); }
  static void set_id(Row& s, Id id) { s.id = id; }
  static Bound bind(std::span<const Row> rows) { return shifts::values_with_ids(rows); }
  static void write(Connection& db, Bound b) { shifts::insert_values(db, std::move(b)); }
};

struct PendingShifts final : Lookup::Scratch {
  PendingRows<ShiftRows> rows;
  void write_waiting(Connection& db) override { rows.write_waiting(db); }
};

}  // namespace vstation::store
