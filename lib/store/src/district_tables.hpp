#pragma once
// Which tables `migrate` (district.cpp) copies from a station file into the district, with which
// columns and references, and which it leaves behind. tests/unit/store_schema_test.cpp holds
// these lists against the live schema of both backends: every table is in exactly one of them,
// a copied table lists every column but its id, and every foreign key is remapped.

#include <string>
#include <string_view>
#include <vector>

namespace vstation::store::district {

struct Fk {
  std::string column, table;
};

// One table to copy: its columns (without id), the references among them, and the column
// matching rows by code (empty: rows get ids through the ledger; no id: a link table).
struct Spec {
  std::string table;
  std::string key;
  bool has_id;
  std::vector<std::string> columns;
  std::vector<Fk> fks;
};

// In copying order: a table after every table it refers to (district.cpp).
const std::vector<Spec>& specs();

struct LeftBehind {
  std::string_view table;
  std::string_view why;
};

// The tables not copied column by column, and why (district.cpp).
const std::vector<LeftBehind>& tables_left_behind();

}  // namespace vstation::store::district
