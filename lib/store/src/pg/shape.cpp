// The shape of a PostgreSQL database's schema (schema/shape.hpp), read from information_schema,
// pg_constraint and pg_index in the current schema. Text that is not in the "C" collation shows
// in the type ("text collate en_US"), so a column written without {TEXT} is told apart.

#include "schema/shape.hpp"

namespace vstation::store::pg {
namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t at = 0; !s.empty();) {
    auto comma = s.find(',', at);
    out.push_back(s.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

std::string type_class(const std::string& data_type, const std::string& collation) {
  if (data_type == "bigint" || data_type == "integer" || data_type == "smallint") return "integer";
  if (data_type == "text") return collation == "C" ? "text" : "text collate " + collation;
  return data_type;
}

// The names of key columns, in key order, of a pg_attribute owner.
constexpr const char* kKeyColumns =
    "(SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest({keys}) WITH ORDINALITY k(attnum, "
    "n) "
    "JOIN pg_attribute a ON a.attrelid = {rel} AND a.attnum = k.attnum)";

std::string key_columns(std::string keys, std::string rel) {
  std::string sql = kKeyColumns;
  sql.replace(sql.find("{keys}"), 6, keys);
  sql.replace(sql.find("{rel}"), 5, rel);
  return sql;
}

void read_columns(Connection& db, schema::TableShape& t) {
  auto r = db.query(
      "SELECT column_name, data_type, coalesce(collation_name, ''), is_nullable, "
      "coalesce(column_default, ''), is_identity FROM information_schema.columns "
      "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
      params(t.name));
  while (r->next())
    t.columns.push_back({r->str(0), type_class(r->str(1), r->str(2)), r->str(3) == "NO",
                         r->str(5) == "YES", schema::normal_expression(r->str(4))});
}

void read_constraints(Connection& db, schema::TableShape& t) {
  auto r = db.query("SELECT c.contype, pg_get_constraintdef(c.oid), " +
                        key_columns("c.conkey", "c.conrelid") +
                        ", coalesce(c.confrelid::regclass::text, ''), coalesce(" +
                        key_columns("c.confkey", "c.confrelid") +
                        ", '') FROM pg_constraint c WHERE c.conrelid = to_regclass(?) "
                        "AND c.contype IN ('p', 'u', 'f', 'c') ORDER BY c.conname",
                    params(t.name));
  while (r->next()) {
    std::string type = r->str(0);
    if (type == "p") t.primary_key = split(r->str(2));
    if (type == "u") t.uniques.push_back(split(r->str(2)));
    if (type == "f") t.foreign_keys.push_back({split(r->str(2)), r->str(3), split(r->str(4))});
    if (type == "c")
      for (auto& column : schema::check_columns(r->str(1))) t.checks.push_back(column);
  }
}

}  // namespace

schema::Shape describe_schema(Connection& db) {
  schema::Shape shape;
  std::vector<std::string> tables;
  for (auto r = db.query(
           "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
           "AND table_type = 'BASE TABLE' AND table_name <> 'schema_version' ORDER BY table_name");
       r->next();)
    tables.push_back(r->str(0));
  for (const auto& name : tables) {
    schema::TableShape t{name, {}, {}, {}, {}, {}};
    read_columns(db, t);
    read_constraints(db, t);
    shape.tables.push_back(std::move(t));
    auto r = db.query(
        "SELECT i.relname, CASE WHEN x.indisunique THEN 1 ELSE 0 END, "
        "coalesce(pg_get_expr(x.indpred, x.indrelid), ''), " +
            key_columns("x.indkey::int2[]", "x.indrelid") +
            " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = "
            "to_regclass(?) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid "
            "AND c.contype IN ('p', 'u', 'x')) ORDER BY i.relname",
        params(name));
    while (r->next())
      shape.indexes.push_back({r->str(0), name, split(r->str(3)), r->i64(1) != 0,
                               schema::normal_expression(r->str(2))});
  }
  return shape;
}

}  // namespace vstation::store::pg
