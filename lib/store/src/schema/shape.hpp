#pragma once
// What a live database's schema is, read back from the database itself (SQLite: sqlite_master
// and the table_info / index_list / index_info / foreign_key_list pragmas; PostgreSQL:
// information_schema and pg_constraint / pg_index), in terms both backends share: tables,
// columns (name, type class, not null, identity, default), primary keys, unique constraints,
// foreign keys, CHECKs (by the column each one tests, check_rules::first_column) and indexes
// (columns, unique, partial predicate). Tests compare the two backends' shapes line by line.

#include <string>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store::schema {

struct ColumnShape {
  std::string name;
  std::string type;  // "integer", "text", or the declared type in lower case
  bool not_null = false;
  bool identity = false;  // SQLite's INTEGER PRIMARY KEY, PostgreSQL's identity column
  std::string default_value;
};

struct ForeignKeyShape {
  std::vector<std::string> columns;
  std::string table;
  std::vector<std::string> references;
};

struct TableShape {
  std::string name;
  std::vector<ColumnShape> columns;  // in the table's order
  std::vector<std::string> primary_key;
  std::vector<std::vector<std::string>> uniques;
  std::vector<ForeignKeyShape> foreign_keys;
  std::vector<std::string> checks;  // the first column each CHECK names
};

struct IndexShape {
  std::string name, table;
  std::vector<std::string> columns;
  bool unique = false;
  std::string predicate;  // normalised: no parentheses, casts or extra spaces; empty: not partial
};

struct Shape {
  std::vector<TableShape> tables;   // by name, without backend bookkeeping (schema_version)
  std::vector<IndexShape> indexes;  // created by CREATE INDEX, by name

  const TableShape* table(std::string_view name) const;
  // One sorted line per fact ("column sessions.eff_in integer not-null"), for comparing.
  std::vector<std::string> lines() const;
};

// The shape of the database `db` is connected to (either backend).
Shape describe(Connection& db);

// The column each CHECK (…) in `sql` tests first, in order (check_rules::first_column).
std::vector<std::string> check_columns(std::string_view sql);
// An index predicate or default without parentheses, casts (::text) or runs of spaces.
std::string normal_expression(std::string_view sql);

}  // namespace vstation::store::schema

namespace vstation::store::sqlite {
schema::Shape describe_schema(Connection& db);  // sqlite/shape.cpp
}
namespace vstation::store::pg {
schema::Shape describe_schema(Connection& db);  // pg/shape.cpp
}
