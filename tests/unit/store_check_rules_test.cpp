// The backstop behind the records' checks: a CHECK failure that reaches the database anyway
// is said as the column it guards, on both backends; the constraint's SQL (SQLite) or generated
// name (PostgreSQL) is never the message.

#include <doctest/doctest.h>

#include "check_rules.hpp"
#include "pg/pg_connection.hpp"
#include "store_fixture.hpp"
#include "vstation/store/records.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

using vstation::test::import;

}  // namespace

TEST_CASE("the store names the column of a CHECK it refuses, never the constraint") {
  TempDb t;
  import(*t.db, "stations", "code,name\nicity,I城\n");
  import(*t.db, "volunteers", "number,name,join_date\nV0001,张三,2023-03-04\n");
  import(
      *t.db, "projects",
      "code,station,name,category,published,starts\nP001,icity,交通,other,2023-03-01,2023-03-01\n");
  import(*t.db, "shifts",
         "station,project,date,start,end,slots\nicity,P001,2023-05-06,09:00,12:00,2\n");
  import(*t.db, "sessions",
         "volunteer,station,check_in,check_out\nV0001,icity,2023-05-06 09:00,2023-05-06 11:00\n");
  import(*t.db, "availability", "volunteer,day\nV0001,2023-05-08\n");
  const std::vector<std::pair<std::string, std::string>> statements = {
      {"INSERT INTO skills (code) VALUES ('')", "code"},
      {"UPDATE stations SET closes_min = opens_min", "closes_min"},  // a table's CHECK
      {"UPDATE stations SET time_zone = ''", "time_zone"},           // added by ALTER TABLE
      {"UPDATE sessions SET eff_out = eff_in - 60", "eff_out"},      // the table's second CHECK
      {"UPDATE availability_exceptions SET start_min = 60", "start_min"},
      {"UPDATE shifts SET slots = 0", "slots"},
      {"UPDATE volunteers SET status = 'gone'", "status"},
  };
  for (const auto& [sql, column] : statements) {
    CAPTURE(sql);
    Transaction tx(*t.db);
    try {
      t.db->execute(sql);
      FAIL("accepted");
    } catch (const StoreError& e) {
      CHECK(e.fault() == StoreFault::check);
      std::string en = e.text().render(Lang::en);
      CHECK(en == "the value of " + column + " breaks a rule of the database");
      CHECK(e.text().render(Lang::zh) == "“" + column + "”的值违反了数据库规则");
      for (const char* raw : {"CHECK", "IS NULL", "violates", "_check", ">"})
        CHECK(en.find(raw) == std::string::npos);
    }
  }
}

TEST_CASE("check_rules: the column of an expression, and of PostgreSQL's constraint names") {
  using namespace check_rules;
  CHECK(first_column("length(code) > 0") == "code");
  CHECK(first_column("eff_out IS NULL OR eff_out >= eff_in") == "eff_out");
  CHECK(first_column("(start_min IS NULL) = (end_min IS NULL)") == "start_min");
  CHECK(first_column("status IN ('planned', 'x''y')") == "status");
  CHECK(first_column("((VALUE)::text = ANY (ARRAY['YES'::text]))").empty());
  CHECK(sqlite_column("CHECK constraint failed: ends_at > starts_at") == "ends_at");
  CHECK(sqlite_column("NOT NULL constraint failed: shifts.slots").empty());
  const auto& schema = pg::migrations();
  CHECK(pg_column("stations", "stations_max_session_min_check", schema) == "max_session_min");
  CHECK(pg_column("stations", "stations_check", schema) == "closes_min");
  CHECK(pg_column("sessions", "sessions_check", schema) == "raw_out");
  CHECK(pg_column("sessions", "sessions_check1", schema) == "eff_out");
  CHECK(pg_column("availability_exceptions", "availability_exceptions_check1", schema) ==
        "end_min");
  CHECK(pg_column("certificates", "certificates_check", schema) == "period_to");
  CHECK(pg_column("shifts", "shifts_check", schema) == "ends_at");
  CHECK(pg_column("assignments", "assignments_check", schema).empty());  // it has none
  CHECK(pg_column("", "cardinal_number_domain_check", schema).empty());
  CHECK(error("").text().render(Lang::en) == "the change breaks a rule of the database");
}

TEST_CASE("PostgreSQL: every CHECK of the live schema is named by a column it tests") {
  if (!test_pg_url()) return;  // runs in the _pg variant
  TempDb t;
  auto r = t.db->query(
      "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
      "WHERE contype = 'c' AND conrelid <> 0");
  int seen = 0;
  while (r->next()) {
    ++seen;
    std::string table = r->str(0), name = r->str(1), def = r->str(2);
    CAPTURE(name);
    std::string column = check_rules::pg_column(table, name, pg::migrations());
    CHECK(!column.empty());
    CHECK(def.find(column) != std::string::npos);
  }
  CHECK(seen >= 50);
}
