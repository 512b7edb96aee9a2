// The list of every migration, in version order. A new step is appended to the newest
// vNN_vMM.cpp (or a new file, listed here, when that one grows past ~400 lines) as
// Migration::shared(neutral SQL): tokens and dialect blocks are explained in schema.hpp.
//
// The escape hatch: a step written the old way, one SQLite and one PostgreSQL string (a branch
// made before the schema was written once), goes in with both strings verbatim, e.g. in a new
// vNN_vMM.cpp listed below:
//
//   constexpr std::string_view kV17Sqlite = R"sql(…the branch's sqlite kV17…)sql";
//   constexpr std::string_view kV17Pg = R"sql(…the branch's pg kV17…)sql";
//   std::vector<Migration> migrations_v17() {
//     return {Migration::per_dialect(kV17Sqlite, kV17Pg)};
//   }
//
// Give it its fingerprint line in tests/unit/store_schema_test.cpp as merged. To convert it
// later: write one neutral string (INTEGER/BIGINT -> {INT},
// TEXT/TEXT COLLATE "C" -> {TEXT}, an `id` identity column -> {ID}, whatever else differs in
// {sqlite}/{pg} line blocks), put Migration::shared(it) in its place, and run store_tests: the
// fingerprint test proves the rendered SQL is byte for byte
// what the step ran on existing databases, and the introspection test (store_tests_pg) that
// both backends still build the same tables, columns, indexes and constraints.

#include "schema/schema.hpp"

namespace vstation::store::schema {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = [] {
    std::vector<Migration> out;
    for (auto part :
         {migrations_v1(), migrations_v2_v10(), migrations_v11_v14(), migrations_v15_v16(),
          migrations_v17(), migrations_v18(), migrations_v19(), migrations_v20(), migrations_v21(),
          migrations_v22(), migrations_v23(), migrations_v24(), migrations_v25(), migrations_v26(),
          migrations_v27(), migrations_v28()})
      out.insert(out.end(), part.begin(), part.end());
    return out;
  }();
  return all;
}

}  // namespace vstation::store::schema
