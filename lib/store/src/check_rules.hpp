#pragma once
// A CHECK constraint the database refused, said as the column it guards. The records check
// every value before it reaches the database (a FieldError naming the column); this is the
// backstop for a path nobody foresaw: the constraint's SQL (SQLite) or generated name
// (PostgreSQL) is never the message.

#include <string>
#include <string_view>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store::check_rules {

// The first column a CHECK expression names: "eff_out IS NULL OR eff_out >= eff_in" ->
// "eff_out", "length(code) > 0" -> "code", "status IN ('a', 'b')" -> "status"; empty when it
// names none. The schema writes the column a rule is about first ("ends_at > starts_at").
std::string first_column(std::string_view expression);

// SQLite's "CHECK constraint failed: <expression or constraint name>" -> the column.
std::string sqlite_column(std::string_view message);

// PostgreSQL names a column's CHECK "<table>_<column>_check" and a table's CHECKs
// "<table>_check", "<table>_check1", … in the order the CREATE TABLE in `schema` (the
// migrations' text) lists them -> the column; empty when neither.
std::string pg_column(std::string_view table, std::string_view constraint,
                      const std::vector<std::string_view>& schema);

// The error for a refused CHECK, naming the column when known.
StoreError error(std::string_view column);

}  // namespace vstation::store::check_rules
