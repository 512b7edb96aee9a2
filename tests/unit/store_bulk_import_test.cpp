// An import that outgrows its table writes the rows without the table's plain indexes and builds
// them again before it commits (records/deferred_indexes.cpp, SQLite only): the indexes come back
// as they were, a refused import leaves the schema and the rows as they were and still names its
// line, and nothing is dropped on PostgreSQL or outside a transaction.

#include <doctest/doctest.h>

#include "records/deferred_indexes.hpp"
#include "records/pending_sessions.hpp"
#include "records/session_index.hpp"
#include "records/write_behind.hpp"
#include "store_fixture.hpp"
#include "vstation/store/credit_totals.hpp"
#include "vstation/store/day_totals.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/quarter_service.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/seal.hpp"
#include "vstation/store/setup_changes.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

using vstation::test::import;

// The sessions table's indexes as the database states them: name and SQL, in name order.
std::string session_indexes(Connection& db) {
  std::string out;
  auto r = db.backend() == "sqlite"
               ? db.query(
                     "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                     "tbl_name = 'sessions' AND sql IS NOT NULL ORDER BY name")
               : db.query(
                     "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'sessions' "
                     "ORDER BY indexname");
  while (r->next()) out += r->str(0) + ": " + r->str(1) + "\n";
  return out;
}

bool has_index(Connection& db, const std::string& name) {
  return session_indexes(db).find(name + ":") != std::string::npos;
}

void station_with_volunteers(Connection& db) {
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,1999-01-01\nV0002,李四,1999-01-01\n");
}

std::string import_error(Connection& db, std::string_view csv) {
  try {
    import(db, "sessions", csv);
  } catch (const DataError& e) {
    return e.text().render(Lang::en);
  }
  return "no error";
}

const BulkTable kSessions{"sessions", {"sessions_by_volunteer"}};

}  // namespace

TEST_CASE(
    "deferred indexes are dropped once the import outgrows the table, and come back as they were") {
  TempDb t;
  auto& db = *t.db;
  station_with_volunteers(db);
  const std::string before = session_indexes(db);
  REQUIRE(has_index(db, "sessions_uncredited"));

  SUBCASE("restored before commit") {
    Transaction tx(db);
    DeferredIndexes deferred(db, kSessions, true, 2);
    deferred.added();
    CHECK(has_index(db, "sessions_uncredited"));  // not yet: one row is not more than the table
    deferred.added();
    // SQLite: the plain indexes go; the one the import reads by and the UNIQUE one stay.
    CHECK(has_index(db, "sessions_uncredited") == (db.backend() != "sqlite"));
    CHECK(has_index(db, "sessions_credited") == (db.backend() != "sqlite"));
    CHECK(has_index(db, "sessions_by_volunteer"));
    CHECK(has_index(db, "sessions_one_open"));
    deferred.restore();
    CHECK(session_indexes(db) == before);
    tx.commit();
  }
  SUBCASE("dropped before the first row when the file says it will add enough rows") {
    Transaction tx(db);
    DeferredIndexes deferred(db, kSessions, true, 3);
    deferred.expect(2);  // fewer than the threshold: kept, and dropped later by the rows
    CHECK(has_index(db, "sessions_uncredited"));
    deferred.expect(3);
    CHECK(has_index(db, "sessions_uncredited") == (db.backend() != "sqlite"));
    deferred.added();
    deferred.added();
    deferred.added();  // the threshold's row drops nothing a second time
    deferred.restore();
    CHECK(session_indexes(db) == before);
    tx.commit();
  }
  SUBCASE("restored by the destructor, when a caller goes on after a refusal") {
    Transaction tx(db);
    {
      DeferredIndexes deferred(db, kSessions, true, 1);
      deferred.added();
    }
    CHECK(session_indexes(db) == before);
    tx.commit();
  }
  SUBCASE("outside a transaction nothing is dropped") {
    DeferredIndexes deferred(db, kSessions, true, 1);
    deferred.added();
    CHECK(session_indexes(db) == before);
  }
  CHECK(session_indexes(db) == before);
}

TEST_CASE("the indexes a catch-up has built behind it come back, whether or not it then fails") {
  TempDb t;
  auto& db = *t.db;
  if (db.backend() != "sqlite") return;
  station_with_volunteers(db);
  const std::string before = session_indexes(db);
  static bool fail = false;
  static bool built_while_counting = false;
  const BulkTable counted{"sessions",
                          {"sessions_by_volunteer"},
                          {"sessions_credited_insert"},
                          [](Connection& c, Lookup*, std::int64_t,
                             const std::function<void()>& build) {
                            build();
                            // The next use of the connection waits for the indexes.
                            built_while_counting =
                                c.scalar(
                                    "SELECT count(*) FROM sqlite_master WHERE name = "
                                    "'sessions_uncredited'") == 1;
                            if (fail) throw std::runtime_error("the catch-up failed");
                          }};
  for (bool failing : {false, true}) {
    CAPTURE(failing);
    fail = failing;
    built_while_counting = false;
    Transaction tx(db);
    {
      WriteBehind behind(db);
      DeferredIndexes deferred(behind, counted, true, 1);
      deferred.added();
      REQUIRE_FALSE(has_index(db, "sessions_uncredited"));
      if (failing)
        CHECK_THROWS_AS(deferred.restore(), std::runtime_error);
      else
        deferred.restore();
    }
    CHECK(built_while_counting);
    CHECK(session_indexes(db) == before);
  }
}

TEST_CASE(
    "references the import finds itself are not checked again past the threshold, and "
    "are checked again after, whichever way it ends") {
  TempDb t;
  auto& db = *t.db;
  if (db.backend() != "sqlite") return;  // PostgreSQL checks them always
  station_with_volunteers(db);
  const BulkTable found{"sessions", {"sessions_by_volunteer"}, {}, nullptr, nullptr, true};
  auto checking = [&] { return *db.scalar("PRAGMA foreign_keys") == 1; };
  auto dangling_row_refused = [&] {
    try {
      db.execute(
          "INSERT INTO sessions (volunteer_id, station_id, raw_in, eff_in, status) "
          "VALUES (999, 1, 0, 0, 'closed')");
    } catch (const StoreError& e) {
      return e.fault() == StoreFault::foreign_key;
    }
    return false;
  };
  REQUIRE(checking());
  auto tx = std::make_optional<Transaction>(db);
  SUBCASE("back on when the indexes are restored") {
    DeferredIndexes deferred(db, found, true, 1);
    deferred.added();
    CHECK_FALSE(checking());
    deferred.restore();
    CHECK(checking());
    CHECK(dangling_row_refused());
  }
  SUBCASE("back on when the import gave up (the destructor)") {
    {
      DeferredIndexes deferred(db, found, true, 1);
      deferred.added();
      CHECK_FALSE(checking());
    }
    CHECK(checking());
    CHECK(dangling_row_refused());
  }
  SUBCASE("never off for an import that also edits rows, nor for a kind that does not say so") {
    DeferredIndexes edits(db, found, false, 1);
    edits.added();
    CHECK(checking());
    DeferredIndexes unsaid(db, kSessions, true, 1);
    unsaid.added();
    CHECK(checking());
  }
  tx.reset();  // rolled back
  CHECK(checking());
}

TEST_CASE(
    "a large session import past the threshold keeps every rule, its line, and all-or-nothing") {
  TempDb t;
  auto& db = *t.db;
  // 60,000 rows are far past the threshold on SQLite; on PostgreSQL nothing is deferred, and the
  // same rows would only cost round trips.
  if (db.backend() != "sqlite") return;
  station_with_volunteers(db);
  const std::string indexes = session_indexes(db);
  // Two volunteers, two sessions a day each, from 2000-01-01 on.
  constexpr int kRows = 60'000;
  std::string csv = "volunteer,station,project,shift,check_in,check_out,status\n";
  const Date first = *Date::from_ymd(2000, 1, 1);
  for (int i = 0; i < kRows; ++i) {
    std::string d = first.plus_days(i / 4).iso();
    const char* hour = (i / 2) % 2 ? "11" : "09";
    csv += (i % 2 ? "V0002" : "V0001");
    csv += ",icity,,walk-in," + d + " " + hour + ":00," + d + " " + hour + ":30,\n";
  }
  // The last row overlaps the first one of V0001: the in-memory check refuses it at its line.
  CHECK(import_error(db, csv + "V0001,icity,,walk-in,2000-01-01 09:10,2000-01-01 09:20,\n") ==
        "sessions.csv:60002: check_in: overlaps another session of V0001");
  CHECK(session_indexes(db) == indexes);
  CHECK(*db.scalar("SELECT count(*) FROM sessions") == 0);

  CHECK(import(db, "sessions", csv) == kRows);
  CHECK(session_indexes(db) == indexes);
  // The credit totals' insert trigger was set aside past the threshold and the rows it missed
  // were summed at the end: the totals equal a recount, and the trigger is back as it was.
  CHECK(missing_triggers(db).empty());
  CHECK(credit::differences(db).empty());
  CHECK(store::quarter_service::differences(db).empty());
  CHECK(day_totals::differences(db).empty());
  CHECK(*db.scalar("SELECT SUM(minutes) FROM credit_totals WHERE period < 10000") == 30 * kRows);
  CHECK(db.query("PRAGMA integrity_check")->next());
  CHECK(storage_problems(db).empty());  // every row's references there (not checked as written)
  CHECK(*db.scalar("SELECT count(*) FROM sessions WHERE eff_in >= ?",
                   params(parse_instant("2001-01-01 00:00", TimeZone::named("UTC")))) ==
        kRows - 4 * 366);
  // Afterwards, the rules read by the indexes that came back still hold: a second open session.
  CHECK(import_error(db,
                     "volunteer,station,project,shift,check_in,check_out,status\n"
                     "V0001,icity,,walk-in,2090-01-01 09:00,,open\n"
                     "V0001,icity,,walk-in,2090-01-02 09:00,,open\n") ==
        "sessions.csv:3: check_in: overlaps another session of V0001");
}

TEST_CASE("the indexes an import keeps stay while the others are set aside, and it is told once") {
  TempDb t;
  auto& db = *t.db;
  station_with_volunteers(db);
  const std::string before = session_indexes(db);
  static int told = 0;
  told = 0;
  const BulkTable table{"sessions",
                        {"sessions_by_volunteer", "sessions_by_shift"},
                        {},
                        nullptr,
                        [](Connection&, Lookup&) { ++told; }};
  Lookup lookup(db);
  Transaction tx(db);
  DeferredIndexes deferred(db, table, true, 2, &lookup);
  deferred.added();
  CHECK(told == 0);
  deferred.added();
  deferred.added();
  CHECK(told == (db.backend() == "sqlite" ? 1 : 0));
  CHECK(has_index(db, "sessions_by_volunteer"));
  CHECK(has_index(db, "sessions_by_shift"));
  CHECK(has_index(db, "sessions_uncredited") == (db.backend() != "sqlite"));
  deferred.restore();
  CHECK(session_indexes(db) == before);
  tx.commit();
  CHECK(session_indexes(db) == before);
}

TEST_CASE(
    "a session index holding the whole table answers as the database, and lets go when full") {
  TempDb t;
  auto& db = *t.db;
  if (db.backend() != "sqlite") return;
  station_with_volunteers(db);
  import(db, "sessions",
         "volunteer,station,project,shift,check_in,check_out,status\n"
         "V0001,icity,,walk-in,2000-01-01 09:00,2000-01-01 10:00,\n"
         "V0001,icity,,walk-in,2000-01-02 09:00,2000-01-02 10:00,rejected\n"
         "V0002,icity,,walk-in,2000-01-03 09:00,,open\n");
  auto v1 = *db.scalar("SELECT id FROM volunteers WHERE number = 'V0001'");
  auto v2 = *db.scalar("SELECT id FROM volunteers WHERE number = 'V0002'");
  auto at = [](const char* text) { return parse_instant(text, TimeZone::named("UTC")); };
  Transaction tx(db);
  SUBCASE("a table over half the bound is not held") {
    SessionIndex index(2);
    CHECK_FALSE(index.hold_all(db));
    CHECK_FALSE(index.holds_all());
  }
  SUBCASE("held, the answers are the database's; past the bound, the database is asked again") {
    SessionIndex index(6);
    REQUIRE(index.hold_all(db));
    CHECK(index.overlaps(db, VolunteerId{v1}, at("2000-01-01 09:30"), at("2000-01-01 09:40")));
    CHECK_FALSE(
        index.overlaps(db, VolunteerId{v1}, at("2000-01-02 09:30"), at("2000-01-02 09:40")));
    CHECK(index.overlaps(db, VolunteerId{v2}, at("2000-01-04 09:30"), std::nullopt));
    CHECK_FALSE(index.overlaps(db, VolunteerId{99}, at("2000-01-01 09:30"), std::nullopt));
    // Sessions added while held are answered from memory (the database has none of them).
    auto add = [&](int day) {
      Session s;
      s.volunteer = VolunteerId{v1};
      s.status = SessionStatus::closed;
      s.effective_in = at(("2000-01-" + std::to_string(day) + " 09:00").c_str());
      s.effective_out = s.effective_in.plus_minutes(60);
      index.added(s);
    };
    for (int day = 10; day < 14; ++day) add(day);
    CHECK(index.overlaps(db, VolunteerId{v1}, at("2000-01-12 09:30"), std::nullopt));
    CHECK(index.holds_all());
    // Past the bound the cache lets go, and the next question asks the database again.
    for (int day = 14; day < 16; ++day) add(day);
    CHECK_FALSE(index.overlaps(db, VolunteerId{v1}, at("2000-01-12 09:30"), std::nullopt));
    CHECK_FALSE(index.holds_all());
    CHECK(index.overlaps(db, VolunteerId{v1}, at("2000-01-01 09:30"), std::nullopt));
  }
  SUBCASE("held, the credited sessions it is given are those the database reads back") {
    SessionIndex index(1000);
    CHECK_FALSE(index.take_credited_after(0));  // nothing held: the database is asked
    REQUIRE(index.hold_all(db));
    const auto before = *db.scalar("SELECT max(id) FROM sessions");
    auto station = *db.scalar("SELECT id FROM stations");
    for (int day = 10; day < 16; ++day) {
      Session s;
      s.volunteer = VolunteerId{day % 2 ? v1 : v2};
      s.station = StationId{station};
      s.status = day == 12 ? SessionStatus::rejected : SessionStatus::closed;
      s.raw_in = s.effective_in = at(("2000-01-" + std::to_string(day) + " 09:00").c_str());
      s.raw_out = s.effective_out = s.effective_in.plus_minutes(60);
      s.credited_minutes = day == 12 ? 0 : day;  // the rejected one credited nothing
      s.id = index.insert(db, s, day);
      index.added(s);
    }
    index.write_waiting(db);
    auto kept_from = [&](std::int64_t after) {
      auto kept = index.take_credited_after(after);
      REQUIRE(kept);
      auto read = credit::credited_after(db, after);
      REQUIRE(kept->size() == read.size());
      for (std::size_t i = 0; i < read.size(); ++i) {
        CAPTURE(i);
        CHECK(kept->at(i).at == read[i].at);
        CHECK(kept->at(i).station == read[i].station);
        CHECK(kept->at(i).volunteer == read[i].volunteer);
        CHECK(kept->at(i).minutes == read[i].minutes);
        CHECK(kept->at(i).shift == read[i].shift);
        CHECK(kept->at(i).project == read[i].project);
      }
      return kept->size();
    };
    SUBCASE("all of them") {
      CHECK(kept_from(before) == 5);
    }
    SUBCASE("those after a later id") {
      CHECK(kept_from(before + 3) == 3);
    }
    SUBCASE("not those before it held the table, nor twice") {
      CHECK_FALSE(index.take_credited_after(before - 1));
      CHECK(kept_from(before) == 5);
      CHECK_FALSE(index.take_credited_after(before));
    }
  }
  tx.commit();
}

TEST_CASE(
    "a file of many stations reads the district's roster in one pass, with the same matches") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name,time_zone\ns1,一,UTC\ns2,二,UTC\ns3,三,UTC\ns4,四,UTC\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,1999-01-01\nV0002,李四,1999-01-01\n");
  import(db, "projects",
         "code,station,name,category,published,starts\n"
         "P1,s1,一,other,2000-01-01,2000-01-01\nP2,s2,二,other,2000-01-01,2000-01-01\n"
         "P3,s3,三,other,2000-01-01,2000-01-01\nP4,s4,四,other,2000-01-01,2000-01-01\n"
         "P5,s3,五,other,2000-01-01,2000-01-01\n");
  import(db, "shifts",
         "station,project,date,start,end,slots\n"
         "s1,P1,2024-03-01,09:00,12:00,2\ns2,P2,2024-03-01,13:00,15:00,2\n"
         "s3,P3,2024-03-02,09:00,12:00,2\ns3,P5,2024-03-02,10:00,11:00,2\n"
         "s4,P4,2024-03-03,09:00,12:00,2\n");
  import(db, "roster",
         "volunteer,station,project,date,start,status\n"
         "V0001,s1,P1,2024-03-01,09:00,planned\nV0001,s2,P2,2024-03-01,13:00,confirmed\n"
         "V0001,s3,P3,2024-03-02,09:00,cancelled\nV0001,s3,P5,2024-03-02,10:00,planned\n"
         "V0002,s4,P4,2024-03-03,09:00,no_show\n");
  Lookup l(db);
  const VolunteerId v1 = l.volunteer("V0001"), v2 = l.volunteer("V0002");
  Transaction tx(db);
  // Room for 12 entries: the district's 5 assignments may take half of them.
  SessionIndex index(12);
  auto utc = TimeZone::named("UTC");
  int matched = 0;
  // s1 and s2 are read alone; s3, the third station, reads the district (s3 and s4 with it).
  for (const char* code : {"s1", "s2", "s3", "s4"})
    for (VolunteerId v : {v1, v2})
      for (const char* when : {"2024-03-01 08:45", "2024-03-01 10:00", "2024-03-01 14:00",
                               "2024-03-02 09:30", "2024-03-02 10:30", "2024-03-03 11:59"}) {
        StationId st = l.station(code);
        Instant at = parse_instant(when, utc);
        auto got = index.rostered_at(db, v, st, at, 30, std::nullopt);
        auto want = shifts::rostered_at(db, v, st, at, 30);
        CAPTURE(code);
        CAPTURE(when);
        REQUIRE(got.has_value() == want.has_value());
        if (!got) continue;
        ++matched;
        CHECK(got->id == want->id);
        CHECK(got->project == want->project);
      }
  // s1 at 08:45 and 10:00, s2 at 14:00, s3's 10:00 shift at 09:30 and 10:30 (not the cancelled
  // 09:00 one), s4's no-show at 11:59.
  CHECK(matched == 6);
  CHECK(index.holds_district());
  tx.commit();
}

TEST_CASE("sessions kept to be written many to a statement are written as each would have been") {
  TempDb t;
  auto& db = *t.db;
  station_with_volunteers(db);
  auto v1 = *db.scalar("SELECT id FROM volunteers WHERE number = 'V0001'");
  auto station = *db.scalar("SELECT id FROM stations");
  auto at = [](int day) {
    return parse_instant("2000-01-01 09:00", TimeZone::named("UTC")).plus_minutes(day * 24 * 60);
  };
  auto session = [&](std::int64_t volunteer, int day, SessionStatus status) {
    Session s;
    s.volunteer = VolunteerId{volunteer};
    s.station = StationId{station};
    s.raw_in = s.effective_in = at(day);
    if (status != SessionStatus::open) s.raw_out = s.effective_out = at(day).plus_minutes(30);
    s.status = status;
    return s;
  };
  Transaction tx(db);
  PendingSessions pending;
  pending.start(db);
  if (db.backend() != "sqlite") {  // PostgreSQL gives ids itself: nothing waits
    CHECK_FALSE(pending.open());
    return;
  }
  REQUIRE(pending.open());
  SUBCASE("ids one past the largest, in order, written when asked or when enough have come") {
    auto first = pending.add(db, session(v1, 0, SessionStatus::closed), 2);
    auto second = pending.add(db, session(v1, 1, SessionStatus::closed), 3);
    CHECK(second.value == first.value + 1);
    CHECK(*db.scalar("SELECT count(*) FROM sessions") == 0);
    pending.write_waiting(db);
    CHECK(*db.scalar("SELECT count(*) FROM sessions") == 2);
    CHECK(*db.scalar("SELECT max(id) FROM sessions") == second.value);
    for (std::size_t i = 0; i < PendingSessions::kRows; ++i)
      pending.add(db, session(v1, 10 + int(i), SessionStatus::closed), 10 + std::int64_t(i));
    CHECK(*db.scalar("SELECT count(*) FROM sessions") == 2 + std::int64_t(PendingSessions::kRows));
    // Each as sessions::insert writes it, seal included.
    auto stored = sessions::get(db, second);
    REQUIRE(stored);
    CHECK(*db.scalar("SELECT seal FROM sessions WHERE id = ?", params(second)) ==
          seal::of(*stored));
  }
  SUBCASE("a row the database refuses is named by its line; those before it are written") {
    pending.add(db, session(v1, 0, SessionStatus::closed), 2);
    pending.add(db, session(v1, 1, SessionStatus::open), 3);
    pending.add(db, session(9999, 2, SessionStatus::closed), 4);  // no such volunteer
    pending.add(db, session(v1, 3, SessionStatus::closed), 5);
    try {
      pending.write_waiting(db);
      FAIL("the missing volunteer was not refused");
    } catch (const RowRefused& r) {
      CHECK(r.line() == 4);
      CHECK_THROWS_AS(r.rethrow(), StoreError);
    }
    CHECK(*db.scalar("SELECT count(*) FROM sessions") == 2);
    pending.write_waiting(db);  // nothing waits any more
    CHECK(*db.scalar("SELECT count(*) FROM sessions") == 2);
  }
  SUBCASE("stopped, what waits is written") {
    pending.add(db, session(v1, 0, SessionStatus::closed), 2);
    pending.stop();
    CHECK_FALSE(pending.open());
    CHECK(*db.scalar("SELECT count(*) FROM sessions") == 1);
  }
}

// A large import of shifts or roster rows sets the insert trigger that counts changes for the
// kiosks aside (a statement journal or a trigger frame a row, 3 s against 11 s for 548,000 shifts)
// and moves the count once at the end: a kiosk still sees that the roster changed.
TEST_CASE("a bulk import of shifts or roster moves the count a kiosk keeps its roster by, once") {
  TempDb t;
  auto& db = *t.db;
  station_with_volunteers(db);
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,p,other,2023-01-01,2023-01-01\n");
  auto count = [&] { return setup_changes::count(db); };
  for (std::string_view kind : {"shifts", "roster"}) {
    CAPTURE(kind);
    auto before = count();
    {
      Transaction tx(db);
      DeferredIndexes deferred(db, find_kind(kind)->bulk_table(), true, 1);
      deferred.added();  // the trigger set aside (SQLite)
      if (kind == "shifts")
        db.execute(
            "INSERT INTO shifts (station_id, project_id, starts_at, ends_at, slots) "
            "VALUES (1, 1, 1700000000, 1700010800, 2)");
      else
        db.execute("INSERT INTO assignments (shift_id, volunteer_id) VALUES (1, 1)");
      CHECK(count() == before);  // (SQLite: no trigger meanwhile; PostgreSQL: no count)
      deferred.restore();
      tx.commit();
    }
    if (db.backend() == "sqlite") CHECK(count() == *before + 1);
    CHECK(missing_triggers(db).empty());
  }
}
