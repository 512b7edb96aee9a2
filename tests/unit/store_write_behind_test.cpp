// The connection an import works through (records/write_behind.cpp): writes handed over run on
// a thread of their own, in order, and every other use of the connection waits for them first
// and says the first one's error; after an error nothing handed over later is written.

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "records/pending_sessions.hpp"
#include "records/write_behind.hpp"
#include "store_fixture.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

using vstation::test::import;
using vstation::test::refusal_of;

std::int64_t count_of(Connection& db, const char* table) {
  return *db.scalar(std::string("SELECT count(*) FROM ") + table);
}

// A write of one station, as an import's rows are written.
auto station_write(int n) {
  return [n](Connection& on) {
    on.execute("INSERT INTO stations (code, name, time_zone) VALUES (?, ?, 'UTC')",
               params("s" + std::to_string(n), "S" + std::to_string(n)));
  };
}

}  // namespace

TEST_CASE("writes handed to the import's writer are done, in order, before anything else") {
  TempDb t;
  auto& db = *t.db;
  Transaction tx(db);
  WriteBehind behind(db);
  for (int i = 0; i < 20; ++i) behind.write_behind(station_write(i));
  // A read through it comes after every write handed over.
  CHECK(count_of(behind, "stations") == 20);
  auto r = behind.query("SELECT code FROM stations ORDER BY id");
  int i = 0;
  while (r->next()) CHECK(r->str(0) == "s" + std::to_string(i++));
  CHECK(i == 20);
}

TEST_CASE("a write refused on the writer is said at the next use; what came after is dropped") {
  TempDb t;
  auto& db = *t.db;
  Transaction tx(db);
  WriteBehind behind(db);
  std::atomic<int> ran_after{0};
  // The refusal may already be known at one of the writes handed over after it: that is its
  // next use then.
  auto refused_then = [&](auto&& use) {
    behind.write_behind(station_write(1));
    behind.write_behind([](Connection&) { throw std::runtime_error("refused on the writer"); });
    for (int i = 2; i < 8; ++i)
      behind.write_behind([&ran_after, i](Connection& on) {
        ++ran_after;
        station_write(i)(on);
      });
    use();
  };
  SUBCASE("at a read") {
    CHECK_THROWS_WITH_AS(refused_then([&] { behind.query("SELECT 1"); }), "refused on the writer",
                         std::runtime_error);
  }
  SUBCASE("at wait_behind") {
    CHECK_THROWS_WITH_AS(refused_then([&] { behind.wait_behind(); }), "refused on the writer",
                         std::runtime_error);
  }
  SUBCASE("at a write handed over later, or at the wait after it") {
    CHECK_THROWS_WITH_AS(refused_then([&] {
                           behind.write_behind(station_write(9));
                           behind.wait_behind();
                         }),
                         "refused on the writer", std::runtime_error);
  }
  // Said once; the writes before it kept, none after it done.
  CHECK_NOTHROW(behind.wait_behind());
  CHECK(ran_after == 0);
  CHECK(count_of(behind, "stations") == 1);
}

TEST_CASE("while a result of the import is being read, a write is done at once") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name,time_zone\na,A,UTC\nb,B,UTC\n");
  Transaction tx(db);
  WriteBehind behind(db);
  bool done = false;
  {
    auto r = behind.query("SELECT code FROM stations ORDER BY code");
    REQUIRE(r->next());
    behind.write_behind([&done](Connection&) { done = true; });
    CHECK(done);  // on this thread, before write_behind returned
    CHECK(r->next());
  }
  done = false;
  behind.write_behind([&done](Connection&) { done = true; });
  behind.wait_behind();
  CHECK(done);
}

TEST_CASE("an import's writer left with writes waiting or failed ends quietly") {
  TempDb t;
  auto& db = *t.db;
  Transaction tx(db);
  {
    WriteBehind behind(db);
    behind.write_behind(station_write(1));
    behind.write_behind([](Connection&) { throw std::runtime_error("never waited for"); });
  }  // not waited for: the error is not thrown from the destructor
  CHECK(count_of(db, "stations") == 1);
}

TEST_CASE("sessions written behind: the first refused row is named by its line") {
  TempDb t;
  auto& db = *t.db;
  if (db.backend() != "sqlite") return;  // PostgreSQL writes each row on its turn
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,1999-01-01\n");
  auto v1 = *db.scalar("SELECT id FROM volunteers");
  auto station = *db.scalar("SELECT id FROM stations");
  auto session = [&](std::int64_t volunteer, int day) {
    Session s;
    s.volunteer = VolunteerId{volunteer};
    s.station = StationId{station};
    s.raw_in = s.effective_in =
        parse_instant("2000-01-01 09:00", TimeZone::named("UTC")).plus_minutes(day * 24 * 60);
    s.raw_out = s.effective_out = s.raw_in.plus_minutes(30);
    s.status = SessionStatus::closed;
    return s;
  };
  Transaction tx(db);
  WriteBehind behind(db);
  PendingSessions pending;
  pending.start(behind);
  const auto k = std::int64_t(PendingSessions::kRows);
  // Three batches handed over; a row of the second has no volunteer, and a later one of the
  // third too: the first of them is named, and nothing of the third batch is written.
  std::int64_t line = 2;
  auto refused_at = k + 10;
  try {
    // Said by a later add() if the writer has finished the second batch by then.
    for (std::int64_t i = 0; i < 3 * k; ++i, ++line) {
      bool bad = i == refused_at || i == 2 * k + 3;
      pending.add(behind, session(bad ? 9999 : v1, int(i)), line);
    }
    pending.write_waiting(behind);
    FAIL("the missing volunteer was not refused");
  } catch (const RowRefused& r) {
    CHECK(r.line() == refused_at + 2);
  }
  CHECK(count_of(behind, "sessions") == refused_at);
}

namespace {

// `n` incidents at a station, two volunteers each, a minute apart from 2023-01-01 00:00; with an
// id column (empty) when `with_id`.
std::string incidents_csv(int n, bool with_id) {
  std::string csv = with_id ? "id," : "";
  csv += "station,type,time,people_served,volunteers,note\n";
  for (int i = 0; i < n; ++i) {
    int h = i / 60;
    csv += with_id ? "," : "";
    csv += "icity,convenience_service,2023-01-" + std::string(h / 24 < 9 ? "0" : "") +
           std::to_string(h / 24 + 1) + " " + (h % 24 < 10 ? "0" : "") + std::to_string(h % 24) +
           ":" + (i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + "," + std::to_string(i % 7) +
           "," + (i % 2 ? "V0001;V0002" : "V0002") + ",第" + std::to_string(i) + "条\n";
  }
  return csv;
}

std::string table_text(Connection& db, const std::string& sql) {
  std::string out;
  auto r = db.query(sql);
  while (r->next()) out += r->str(0) + "\n";
  return out;
}

std::string incident_tables(Connection& db) {
  return table_text(db,
                    "SELECT id || ' ' || station_id || ' ' || COALESCE(CAST(project_id AS TEXT), '-') || ' ' || "
                    "type || ' ' || at || ' ' || people_served || ' ' || note FROM incidents "
                    "ORDER BY id") +
         table_text(db,
                    "SELECT incident_id || ' ' || volunteer_id FROM incident_volunteers "
                    "ORDER BY 1") +
         table_text(db,
                    "SELECT period || ' ' || station_id || ' ' || type || ' ' || incidents || ' ' "
                    "|| people_served FROM incident_totals ORDER BY 1");
}

void station_and_two_volunteers(Connection& db) {
  import(db, "stations", "code,name,time_zone\nicity,I城,Asia/Shanghai\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,1999-01-01\nV0002,李四,1999-01-01\n");
}

}  // namespace

TEST_CASE("a large incidents import, written behind, stores what one row at a time would") {
  const int n = 3 * 5'000;  // past the point where the import outgrows the table (kMinRows)
  TempDb whole;
  if (whole.db->backend() != "sqlite") return;  // PostgreSQL writes each row on its turn
  station_and_two_volunteers(*whole.db);
  CHECK(import(*whole.db, "incidents", incidents_csv(n, false)) == std::size_t(n));
  // The same rows in files too small to outgrow the table: each written on its turn.
  TempDb parts;
  station_and_two_volunteers(*parts.db);
  std::string all = incidents_csv(n, false);
  std::string header = all.substr(0, all.find('\n') + 1);
  std::size_t at = header.size();
  while (at < all.size()) {
    std::size_t end = at;
    for (int i = 0; i < 1'000 && end < all.size(); ++i) end = all.find('\n', end) + 1;
    import(*parts.db, "incidents", header + all.substr(at, end - at));
    at = end;
  }
  CHECK(*whole.db->scalar("SELECT count(*) FROM incident_volunteers") == n + n / 2);
  CHECK(incident_tables(*whole.db) == incident_tables(*parts.db));
}

TEST_CASE("a large incidents import still refuses a row naming an incident it added itself") {
  TempDb t;
  auto& db = *t.db;
  if (db.backend() != "sqlite") return;  // PostgreSQL writes each row on its turn
  station_and_two_volunteers(db);
  const int n = 6'000;
  // The last row names the 5,990th incident, added by this file and still waiting to be written
  // (rows wait from the 5,000th, 256 at a time).
  std::string csv = incidents_csv(n, true) +
                    "5990,icity,convenience_service,2023-02-01 09:00,1,V0001,重复\n";
  CHECK(refusal_of([&] { import(db, "incidents", csv); }) ==
        "incidents.csv:6002: id: '5990' already exists (to change existing records, import with "
        "--update)");
  CHECK(*db.scalar("SELECT count(*) FROM incidents") == 0);
  // A bad row after many: named by its line, nothing kept.
  std::string bad = incidents_csv(n, false) + "icity,convenience_service,2023-02-01 09:00,1,V9,\n";
  CHECK(refusal_of([&] { import(db, "incidents", bad); }) ==
        "incidents.csv:6002: volunteers: no volunteer with number 'V9'");
  CHECK(*db.scalar("SELECT count(*) FROM incidents") == 0);
  CHECK(*db.scalar("SELECT count(*) FROM incident_volunteers") == 0);
  CHECK(*db.scalar("SELECT count(*) FROM incident_totals") == 0);
}

TEST_CASE("an import's codes read once: up to the limit, and the rest still asked") {
  TempDb t;
  auto& db = *t.db;
  station_and_two_volunteers(db);
  std::vector<std::string> seen;
  auto note = [&](std::string_view number, VolunteerId) { seen.emplace_back(number); };
  CHECK_FALSE(volunteers::numbers(db, 1, note));  // a second one was there
  CHECK(seen.size() == 1);
  seen.clear();
  CHECK(volunteers::numbers(db, 2, note));
  CHECK(seen.size() == 2);
  Lookup lookup(db);
  lookup.hold_codes();
  CHECK(lookup.volunteer("V0002").value ==
        *db.scalar("SELECT id FROM volunteers WHERE number = 'V0002'"));
  CHECK(lookup.station_record(lookup.station("icity")).name == "I城");
  CHECK_THROWS_WITH_AS(lookup.volunteer("V9"), "no volunteer with number 'V9'", DataError);
  CHECK_THROWS_AS(lookup.project("P9"), DataError);
}
