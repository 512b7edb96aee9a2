#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <fstream>

#include "store_fixture.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/setup_changes.hpp"

using namespace vstation;
using namespace vstation::store;

TEST_CASE("migrations run from an empty file to the current version") {
  TempDb t;
  CHECK(schema_version(*t.db) == current_schema_version());
  CHECK(current_schema_version() >= 1);
  if (!t.pg) {
    // foreign keys and WAL are on
    CHECK(t.db->scalar("PRAGMA foreign_keys") == 1);
    auto mode = t.db->query("PRAGMA journal_mode");
    REQUIRE(mode->next());
    CHECK(mode->str(0) == "wal");
  }
  // reopening does not migrate again and keeps the version
  t.db.reset();
  t.db = open_database(t.path);
  CHECK(schema_version(*t.db) == current_schema_version());
}

TEST_CASE("a new database has 8 KiB pages, and one made with other pages keeps them") {
  TempDb t;
  if (t.pg) return;  // a server's pages are its own
  CHECK(t.db->scalar("PRAGMA page_size") == 8192);
  // A file another build made with SQLite's 4 KiB pages, already in WAL mode: SQLite keeps
  // its page size, and the migrations run on it as on any other.
  auto path = (t.dir / "4k.db").string();
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  CHECK(sqlite3_exec(raw,
                     "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE x (a);"
                     "DROP TABLE x",
                     nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
  auto db = open_database(path);
  CHECK(db->scalar("PRAGMA page_size") == 4096);
  CHECK(schema_version(*db) == current_schema_version());
}

TEST_CASE("the database file is created readable by its owner only") {
  TempDb t;
  if (t.pg) return;  // a server database has no file of ours
  struct stat st {};
  REQUIRE(::stat(t.path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("a database from a newer schema is refused with a clear message") {
  TempDb t;
  if (t.pg)
    t.db->execute("INSERT INTO schema_version (version) VALUES (999)");
  else
    t.db->execute("PRAGMA user_version = 999");
  t.db.reset();
  try {
    open_database(t.path);
    FAIL("expected an error");
  } catch (const StoreError& e) {
    CHECK(e.fault() == StoreFault::newer_schema);
    CHECK(e.text().render(Lang::en).find("newer vstation") != std::string::npos);
  }
}

TEST_CASE("a file that is not a database is refused") {
  TempDb t;
  if (t.pg) return;  // store_pg_test.cpp: another program's PostgreSQL database is refused
  t.db.reset();
  std::string junk = (t.dir / "junk.db").string();
  {
    std::ofstream f(junk);
    f << "this is not a database, just some text that is long enough to be read as a header\n";
  }
  try {
    open_database(junk);
    FAIL("expected an error");
  } catch (const StoreError& e) {
    CHECK(e.fault() == StoreFault::corrupt);
  }
}

TEST_CASE("a transaction rolls back unless committed") {
  TempDb t;
  {
    Transaction tx(*t.db);
    t.db->execute("INSERT INTO skills (code) VALUES ('x')");
  }
  CHECK(t.db->scalar("SELECT COUNT(*) FROM skills") == 0);
  {
    Transaction tx(*t.db);
    t.db->execute("INSERT INTO skills (code) VALUES ('x')");
    tx.commit();
  }
  CHECK(t.db->scalar("SELECT COUNT(*) FROM skills") == 1);
}

// The statement journal's size in memory (sqlite_connection.cpp) was 16 MiB for a day: SQLite
// 3.40 then failed this DROP INDEX (about 6,000 pages) with "database or disk is full", and
// migration 19 could not run on a district's file.
TEST_CASE("a large index dropped and made again inside one transaction") {
  TempDb t;
  if (t.pg) return;  // SQLite's statement journal
  auto& db = *t.db;
  db.execute("CREATE TABLE wide (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  db.execute(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000) "
      "INSERT INTO wide (id, v) SELECT i, printf('%d-%.400c', i, 'x') FROM n");
  db.execute("CREATE INDEX wide_by_v ON wide (v)");
  Transaction tx(db);
  CHECK_NOTHROW(db.execute("DROP INDEX wide_by_v"));
  CHECK_NOTHROW(db.execute("CREATE INDEX wide_by_v ON wide (v) WHERE id > 10"));
  tx.commit();
  CHECK(db.scalar("SELECT COUNT(*) FROM wide WHERE v > ''") == 60000);
}

TEST_CASE("a read transaction: one snapshot on SQLite, nests, and adds nothing inside a write") {
  TempDb t;
  auto other = open_database(t.path);
  auto count = [&] { return t.db->scalar("SELECT COUNT(*) FROM skills"); };
  {
    ReadTransaction outer(*t.db);
    CHECK(count() == 0);
    { ReadTransaction inner(*t.db); }  // ending the inner one keeps the outer one
    other->execute("INSERT INTO skills (code) VALUES ('x')");
    // SQLite answers from the snapshot; PostgreSQL runs each look-up on its own.
    CHECK(count() == (t.pg ? 1 : 0));
    if (!t.pg) CHECK_THROWS_AS(Transaction(*t.db), std::logic_error);
  }
  CHECK(count() == 1);
  {
    Transaction tx(*t.db);
    { ReadTransaction inside(*t.db); }
    t.db->execute("INSERT INTO skills (code) VALUES ('y')");
    tx.commit();
  }
  CHECK(count() == 2);
}

#include "pg/pg_connection.hpp"
#include "sqlite/sqlite_connection.hpp"
#include "vstation/store/checks.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/seal.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"

namespace {
// A database at schema version `version`, on either backend.
std::unique_ptr<Connection> at_version(TempDb& t, int version) {
  t.db.reset();
  std::unique_ptr<Connection> db;
  if (t.pg) {
    db = pg::connect(t.path);
    pg::exec_script(*db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");  // start empty
    db->execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    for (int v = 0; v < version; ++v) {
      pg::exec_script(*db, pg::migrations()[std::size_t(v)]);
      db->execute("INSERT INTO schema_version (version) VALUES (?)", params(v + 1));
    }
  } else {
    std::filesystem::remove(t.path);
    OpenOptions o;
    o.migrate = false;
    db = open_database(t.path, o);
    for (int v = 0; v < version; ++v) sqlite::exec_script(*db, sqlite::migrations()[std::size_t(v)]);
    sqlite::exec_script(*db, "PRAGMA user_version = " + std::to_string(version));
  }
  return db;
}
// Before time zones.
std::unique_ptr<Connection> at_version_8(TempDb& t) {
  return at_version(t, 8);
}
}  // namespace

TEST_CASE("schema 9 turns each fixed offset into a zone that keeps every local day, and seals sessions") {
  TempDb t;
  {
    auto db = at_version_8(t);
    int n = 0;
    for (int offset : {480, 0, 60, -300, 330, 345, -780, 840}) {
      db->execute("INSERT INTO stations (code, name, utc_offset_min) VALUES (?, ?, ?)",
                  params("s" + std::to_string(n), "station", offset));
      ++n;
    }
    db->execute("INSERT INTO volunteers (number, name, join_date) VALUES ('V1', 'x', '2023-01-01')");
    db->execute(
        "INSERT INTO sessions (volunteer_id, station_id, raw_in, raw_out, eff_in, eff_out, status, "
        "credited_min) VALUES (1, 1, 1682902800, 1682913600, 1682902800, 1682913600, 'closed', 180)");
  }
  t.db = open_database(t.path);
  std::vector<std::string> zones;
  for (const auto& s : stations::all(*t.db)) zones.push_back(s.zone.name());
  CHECK(zones == std::vector<std::string>{"Asia/Shanghai", "UTC", "Etc/GMT-1", "Etc/GMT+5",
                                          "UTC+05:30", "UTC+05:45", "UTC-13:00", "Etc/GMT-14"});
  // The same local day and time as the fixed offset gave, before and after.
  for (int offset : {480, 0, 60, -300, 330, 345, -780, 840}) {
    TimeZone z = TimeZone::for_offset(UtcOffset{offset});
    Instant t0{1682902800};
    CHECK(z.offset_at(t0).minutes == offset);
  }
  CHECK(schema_version(*t.db) == current_schema_version());
  auto result = checks::invariants(*t.db);
  CHECK(result.problems.empty());  // the migration sealed the session it found
  CHECK(result.sessions == 1);
}

TEST_CASE("the seal in C++ and in SQL agree, and differ when any sealed value changes") {
  TempDb t;
  Station st;
  st.code = "x";
  st.name = "x";
  st.id = stations::insert(*t.db, st);
  Volunteer v;
  v.number = "V1";
  v.name = "x";
  v.id = volunteers::insert(*t.db, v);
  Session s;
  s.volunteer = v.id;
  s.station = st.id;
  s.raw_in = s.effective_in = Instant{-86400 * 400};  // before 1970, and negative
  s.status = SessionStatus::auto_closed;
  s.proposed_out = Instant{1700000000};
  s.id = sessions::insert(*t.db, s);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM sessions s WHERE s.seal = " + seal::sql("s")) == 1);
  CHECK(t.db->scalar("SELECT seal FROM sessions") == seal::of(s));
  Session changed = s;
  changed.credited_minutes = 1;
  CHECK(seal::of(changed) != seal::of(s));
  changed = s;
  changed.raw_out = Instant{1700000001};
  CHECK(seal::of(changed) != seal::of(s));
}

TEST_CASE("schema 13 keeps every web session and kiosk conversation, and adds staff sessions") {
  TempDb t;
  const std::string h1(64, '1'), h2(64, '2'), h3(64, '3');
  {
    auto db = at_version(t, 12);
    db->execute("INSERT INTO stations (code, name) VALUES ('icity', 'I')");
    db->execute("INSERT INTO volunteers (number, name, join_date) VALUES ('V1', 'x', '2023-01-01')");
    db->execute(
        "INSERT INTO paired_devices (station_id, name, token_hash, created_at) "
        "VALUES (1, 'desk', ?, 0)",
        params(h3));
    for (const auto& [token, column] : {std::pair{h1, "volunteer_id"}, {h2, "device_id"}})
      db->execute(std::string("INSERT INTO web_sessions (token_hash, csrf_hash, ") + column +
                      ", created_at, last_seen_at, expires_at, idle_seconds, idle_expires_at) "
                      "VALUES (?, ?, 1, 100, 100, 999999999999, 600, 999999999999)",
                  params(token, token));
    db->execute(
        "INSERT INTO kiosk_conversations (session_id, state, updated_at) VALUES (2, 'st', 100)");
  }
  t.db = open_database(t.path);
  CHECK(schema_version(*t.db) == current_schema_version());
  const Instant now{200};
  auto v = web::find_session(*t.db, h1, now);
  REQUIRE(v);
  CHECK(std::get<VolunteerId>(v->principal) == VolunteerId{1});
  auto d = web::find_session(*t.db, h2, now);
  REQUIRE(d);
  CHECK(std::get<PairedDeviceId>(d->principal) == PairedDeviceId{1});
  auto conversation = web::load_conversation(*t.db, d->id);
  REQUIRE(conversation);
  CHECK(conversation->state == "st");
  auto a = staff::add(*t.db, {"alice", "", StaffRole::coordinator, StationId{1}, "$h", now});
  web::NewWebSession s{std::string(64, '4'), std::string(64, '4'), a, now};
  auto id = web::create_session(*t.db, s);
  CHECK(id.value > 2);  // after the rows kept
  CHECK(std::get<StaffAccountId>(web::find_session(*t.db, s.token_hash, now)->principal) == a);
  // The new web_sessions refuses a row for nobody, or for two.
  CHECK_THROWS(t.db->execute(
      "INSERT INTO web_sessions (token_hash, csrf_hash, created_at, last_seen_at, expires_at, "
      "idle_seconds, idle_expires_at) VALUES (?, ?, 0, 0, 1, 1, 1)",
      params(std::string(64, '5'), std::string(64, '5'))));
  CHECK(checks::invariants(*t.db).problems.empty());
}

TEST_CASE("schema 16 keeps every session and assignment, their indexes and triggers") {
  TempDb t;
  {
    auto db = at_version(t, 14);
    db->execute("INSERT INTO stations (code, name) VALUES ('icity', 'I')");
    db->execute("INSERT INTO volunteers (number, name, join_date) VALUES ('V1', 'x', '2023-01-01')");
    db->execute("INSERT INTO projects (code, station_id, name, category, published, starts) "
                "VALUES ('P1', 1, 'p', 'other', '2023-01-01', '2023-01-01')");
    db->execute("INSERT INTO shifts (station_id, project_id, starts_at, ends_at, slots) "
                "VALUES (1, 1, 1700000000, 1700010800, 2)");
    db->execute("INSERT INTO assignments (shift_id, volunteer_id, status, source, pinned) "
                "VALUES (1, 1, 'confirmed', 'manual', 1)");
    db->execute(
        "INSERT INTO sessions (id, volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, "
        "eff_in, eff_out, status, credited_min, note, proposed_out) VALUES "
        "(5, 1, 1, 1, 1, 1700000000, 1700007200, 1700000000, 1700007200, 'closed', 120, 'n', NULL), "
        "(9, 1, 1, NULL, 1, 1700100000, NULL, 1700100000, NULL, 'auto_closed', 0, '', 1700103600), "
        "(12, 1, 1, NULL, 1, 1700200000, NULL, 1700200000, NULL, 'open', 0, '', NULL)");
    db->execute("UPDATE sessions SET seal = " + seal::sql("sessions"));
  }
  t.db = open_database(t.path);
  CHECK(schema_version(*t.db) == current_schema_version());
  auto kept = sessions::all(*t.db);
  REQUIRE(kept.size() == 3);
  CHECK(kept[0].id == SessionId{5});
  CHECK(kept[0].credited_minutes == 120);
  CHECK(kept[0].note == "n");
  CHECK(kept[1].proposed_out == Instant{1700103600});
  CHECK(kept[2].status == SessionStatus::open);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM assignments WHERE status = 'confirmed' AND "
                     "source = 'manual' AND pinned = 1") == 1);
  // The seals still hold, the protective triggers are there, the rules still refuse.
  CHECK(checks::invariants(*t.db).problems.empty());
  CHECK_THROWS(t.db->execute("UPDATE sessions SET raw_in = 1 WHERE id = 5"));
  CHECK_THROWS(t.db->execute("UPDATE sessions SET status = 'maybe' WHERE id = 5"));
  CHECK_THROWS(t.db->execute("UPDATE assignments SET status = 'maybe'"));
  CHECK_THROWS(t.db->execute("UPDATE assignments SET source = 'maybe'"));
  // One open session per volunteer, still.
  CHECK_THROWS(t.db->execute(
      "INSERT INTO sessions (volunteer_id, station_id, raw_in, eff_in, status) "
      "VALUES (1, 1, 1700300000, 1700300000, 'open')"));
  // (A PostgreSQL identity does not follow ids written explicitly, as the rows above were.)
  CHECK(t.db->insert("INSERT INTO sessions (volunteer_id, station_id, raw_in, eff_in, status) "
                     "VALUES (1, 1, 1700300000, 1700300000, 'rejected')") > 0);
  if (t.pg) return;
  // The same indexes as a database made at this version.
  auto indexes = [](Connection& db) {
    std::vector<std::string> out;
    auto r = db.query(
        "SELECT name || ': ' || sql FROM sqlite_master WHERE type IN ('index', "
        "'trigger', 'view') AND tbl_name IN ('sessions', 'assignments', 'credited_arrivals') "
        "AND sql IS NOT NULL "
        "ORDER BY name");
    while (r->next()) out.push_back(r->str(0));
    return out;
  };
  TempDb fresh;
  auto migrated = indexes(*t.db);
  auto made = indexes(*fresh.db);
  // Seven indexes of sessions and its eleven triggers, one index of assignments and its three
  // triggers that count changes to the roster (schema 27), the view its credited sessions are
  // counted through and that view's two triggers.
  CHECK(migrated.size() == 25);
  for (std::size_t i = 0; i < std::min(made.size(), migrated.size()); ++i) {
    // Indexes compared by definition, whitespace aside.
    auto squeeze = [](std::string s) {
      std::string out;
      for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
      return out;
    };
    CHECK(squeeze(made[i]) == squeeze(migrated[i]));
  }
  CHECK(made.size() == migrated.size());
}

TEST_CASE("schema 26 keeps the quarter totals per project, even where a trigger was dropped") {
  TempDb t;
  {
    auto db = at_version(t, 25);
    db->execute("INSERT INTO stations (code, name) VALUES ('icity', 'I')");
    db->execute("INSERT INTO volunteers (number, name, join_date) VALUES ('V1', 'x', '2023-01-01')");
    db->execute("INSERT INTO projects (code, station_id, name, category, published, starts) "
                "VALUES ('P1', 1, 'p', 'other', '2023-01-01', '2023-01-01'), "
                "('P2', 1, 'q', 'other', '2023-01-01', '2023-01-01')");
    db->execute("INSERT INTO shifts (station_id, project_id, starts_at, ends_at, slots) "
                "VALUES (1, 1, 1700000000, 1700010800, 2)");
    // Twice on shift 1 (one shift), a walk-in naming P2, one naming none.
    db->execute(
        "INSERT INTO sessions (volunteer_id, station_id, shift_id, project_id, raw_in, raw_out, "
        "eff_in, eff_out, status, credited_min) VALUES "
        "(1, 1, 1, 1, 1700000000, 1700003600, 1700000000, 1700003600, 'closed', 60), "
        "(1, 1, 1, 1, 1700004000, 1700007600, 1700004000, 1700007600, 'closed', 60), "
        "(1, 1, NULL, 2, 1700100000, 1700103600, 1700100000, 1700103600, 'closed', 60), "
        "(1, 1, NULL, NULL, 1700200000, 1700201800, 1700200000, 1700201800, 'closed', 30)");
    db->execute("UPDATE sessions SET seal = " + seal::sql("sessions"));
    // Someone's doing, before the upgrade.
    db->execute(std::string("DROP TRIGGER sessions_service_delete") + (t.pg ? " ON sessions" : ""));
  }
  t.db = open_database(t.path);
  CHECK(schema_version(*t.db) == current_schema_version());
  CHECK(missing_triggers(*t.db).empty());  // written again
  CHECK(*t.db->scalar("SELECT COUNT(*) FROM quarter_service") == 3);
  CHECK(*t.db->scalar("SELECT shifts * 1000 + minutes FROM quarter_service WHERE project_id = 1") ==
        1120);
  CHECK(*t.db->scalar("SELECT walk_ins * 1000 + minutes FROM quarter_service WHERE project_id = "
                      "2") == 1060);
  CHECK(*t.db->scalar("SELECT walk_ins * 1000 + minutes FROM quarter_service WHERE project_id = "
                      "0") == 1030);
  CHECK(checks::invariants(*t.db).problems.empty());
}

TEST_CASE("schema 27 counts the changes to what a check-in looks up (SQLite's alone)") {
  TempDb t;
  {
    auto db = at_version(t, 26);
    db->execute("INSERT INTO stations (code, name) VALUES ('icity', 'I')");
  }
  t.db = open_database(t.path);
  CHECK(schema_version(*t.db) == current_schema_version());
  CHECK(missing_triggers(*t.db).empty());
  auto count = [&] { return setup_changes::count(*t.db); };
  if (t.pg) {
    CHECK_FALSE(count());  // no count: a kiosk there reads its station and roster every turn
    return;
  }
  REQUIRE(count() == 0);
  t.db->execute(
      "INSERT INTO projects (code, station_id, name, category, published, starts) "
      "VALUES ('P1', 1, 'p', 'other', '2023-01-01', '2023-01-01')");
  CHECK(count() == 1);
  t.db->execute(
      "INSERT INTO shifts (station_id, project_id, starts_at, ends_at, slots) "
      "VALUES (1, 1, 1700000000, 1700010800, 2)");
  t.db->execute(
      "INSERT INTO volunteers (number, name, join_date) VALUES ('V1', 'x', '2023-01-01')");
  CHECK(count() == 2);
  // What no check-in reads of a shift, and a session, leave it.
  t.db->execute("UPDATE shifts SET slots = 3");
  t.db->execute(
      "INSERT INTO sessions (volunteer_id, station_id, raw_in, eff_in, status) "
      "VALUES (1, 1, 1700000000, 1700000000, 'open')");
  CHECK(count() == 2);
  t.db->execute("UPDATE shifts SET cancelled = 1");
  t.db->execute("INSERT INTO assignments (shift_id, volunteer_id) VALUES (1, 1)");
  t.db->execute("UPDATE stations SET name = 'I城'");
  CHECK(count() == 5);
  t.db->execute("DROP TRIGGER assignments_setup_insert");
  CHECK(missing_triggers(*t.db) == std::vector<std::string>{"assignments_setup_insert"});
}

TEST_CASE("a migration that fails at a later step leaves the file at its version, all or nothing") {
  TempDb t;
  // Schema 26, with an index someone dropped by hand that migration 28 drops in its turn.
  auto db = at_version(t, 26);
  db->execute("DROP INDEX sessions_by_time");
  db.reset();
  try {
    open_database(t.path);
    FAIL("expected an error");
  } catch (const StoreError& e) {
    if (!t.pg) {
      // The file's own shape is named, not the failed statement.
      CHECK(e.fault() == StoreFault::corrupt);
      CHECK(e.text().render(Lang::en).find(
                "at its schema version 26 it has no index 'sessions_by_time'") !=
            std::string::npos);
    }
  }
  OpenOptions o;
  o.migrate = false;
  db = open_database(t.path, o);
  CHECK(schema_version(*db) == 26);
  // Migration 27 ran before 28 failed, and went with it.
  if (!t.pg)
    CHECK(db->scalar("SELECT count(*) FROM sqlite_master WHERE name = 'setup_changes'") == 0);
}
