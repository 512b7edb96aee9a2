// The shape of an SQLite database's schema (schema/shape.hpp), read from sqlite_master and the
// table-valued pragmas.

#include "schema/shape.hpp"

#include <algorithm>
#include <map>

#include "sqlite/sqlite_connection.hpp"
#include "vstation/domain/text_util.hpp"

namespace vstation::store::sqlite {
namespace {

std::string type_class(const std::string& declared) {
  std::string t = ascii_lower(declared);
  return t == "int" ? "integer" : t;
}

std::vector<std::string> index_columns(Connection& db, const std::string& index) {
  std::vector<std::string> out;
  auto r = db.query("SELECT name FROM pragma_index_info(?) ORDER BY seqno", params(index));
  while (r->next()) out.push_back(r->str(0));
  return out;
}

void read_columns(Connection& db, schema::TableShape& t) {
  std::map<std::int64_t, std::string> key;  // position in the primary key -> column
  auto r = db.query(
      "SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info(?) ORDER BY cid",
      params(t.name));
  while (r->next()) {
    schema::ColumnShape c{r->str(0), type_class(r->str(1)), r->i64(2) != 0 || r->i64(3) > 0, false,
                          r->is_null(4) ? "" : schema::normal_expression(r->str(4))};
    if (r->i64(3) > 0) key[r->i64(3)] = c.name;
    t.columns.push_back(c);
  }
  for (const auto& [pos, name] : key) t.primary_key.push_back(name);
}

void read_keys(Connection& db, schema::TableShape& t) {
  auto f = db.query(
      "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?) ORDER BY id, seq",
      params(t.name));
  std::int64_t last = -1;
  while (f->next()) {
    if (f->i64(0) != last) t.foreign_keys.push_back({{}, f->str(1), {}});
    last = f->i64(0);
    t.foreign_keys.back().columns.push_back(f->str(2));
    t.foreign_keys.back().references.push_back(f->is_null(3) ? "" : f->str(3));
  }
  // A single INTEGER PRIMARY KEY is the rowid: an identity column, unless it refers to another
  // table's row (kiosk_lockouts.volunteer_id), which the schema always gives, or the table has no
  // rowid (project_shifts: keyed by another table's ids).
  const bool rowid =
      !db.scalar("SELECT 1 FROM pragma_table_list WHERE name = ? AND wr = 1", params(t.name))
           .has_value();
  if (t.primary_key.size() == 1 && rowid) {
    bool refers = std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(),
                              [&](const auto& fk) { return fk.columns == t.primary_key; });
    for (auto& c : t.columns)
      if (c.name == t.primary_key[0] && c.type == "integer" && !refers) c.identity = true;
  }
}

}  // namespace

schema::Shape describe_schema(Connection& db) {
  schema::Shape shape;
  std::vector<std::pair<std::string, std::string>> tables;
  // Without SQLite's bookkeeping, as PostgreSQL's without its schema_version.
  for (auto r = db.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                         "AND name NOT LIKE 'sqlite%' AND name <> ? ORDER BY name",
                         params(kBookkeepingTable));
       r->next();)
    tables.emplace_back(r->str(0), r->str(1));
  for (const auto& [name, sql] : tables) {
    schema::TableShape t{name, {}, {}, {}, {}, schema::check_columns(sql)};
    read_columns(db, t);
    read_keys(db, t);
    std::vector<std::tuple<std::string, std::string, bool>> indexes;  // name, origin, unique
    for (auto r =
             db.query("SELECT name, origin, \"unique\" FROM pragma_index_list(?) ORDER BY name",
                      params(name));
         r->next();)
      indexes.emplace_back(r->str(0), r->str(1), r->i64(2) != 0);
    for (const auto& [index, origin, unique] : indexes) {
      if (origin == "u") t.uniques.push_back(index_columns(db, index));
      if (origin != "c") continue;
      std::string create;
      if (auto q = db.query("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                            params(index));
          q->next())
        create = q->str(0);
      auto where = create.find("WHERE");
      shape.indexes.push_back(
          {index, name, index_columns(db, index), unique,
           where == std::string::npos ? "" : schema::normal_expression(create.substr(where + 5))});
    }
    shape.tables.push_back(std::move(t));
  }
  return shape;
}

}  // namespace vstation::store::sqlite
