// Importing shifts answers the rule that one project's shifts at a station do not overlap from
// each station's live shifts read once plus what the file added (records/shift_index.cpp): the
// refusals must be shifts::insert's own (its query), for rows before it in the file as for
// shifts already stored; cancelled shifts occupy nothing; an edit in the same file is seen; a
// refused row leaves nothing of the file.

#include <doctest/doctest.h>

#include "store_fixture.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

using vstation::test::import;
using vstation::test::kind;

std::string import_error(Connection& db, std::string_view csv, ImportMode mode = ImportMode::add) {
  return vstation::test::refusal_of([&] {
    Transaction tx(db);
    import_csv(db, vstation::test::kind("shifts"), csv, "shifts.csv", mode);
    tx.commit();
  });
}

// What shifts::insert (its own query) says of adding icity's shift of `project` from `from` to
// `to` (UTC), tried in a transaction given up afterwards.
std::string insert_error(Connection& db, std::string_view project, std::string_view from,
                         std::string_view to) {
  Lookup lookup(db);
  Shift s;
  s.station = lookup.station("icity");
  s.project = lookup.project(project);
  s.time = {parse_instant(from, TimeZone::named("UTC")), parse_instant(to, TimeZone::named("UTC"))};
  s.slots = 1;
  Transaction tx(db);
  return vstation::test::refusal_of([&] { shifts::insert(db, s); });
}

std::int64_t count(Connection& db, std::string_view sql) { return *db.scalar(sql); }

constexpr const char* kHeader = "station,project,date,start,end,slots,cancelled\n";

}  // namespace

TEST_CASE(
    "a shifts import refuses overlaps as shifts::insert does, earlier rows of the file included") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\nother,Other,UTC\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2023-03-01,2023-03-01\n"
         "P2,icity,y,other,2023-03-01,2023-03-01\n");
  // Stored: P1 09:00–12:00 and 14:00–16:00 on 05-06, and a cancelled P1 18:00–20:00.
  import(db, "shifts",
         std::string(kHeader) +
             "icity,P1,2023-05-06,09:00,12:00,2,no\n"
             "icity,P1,2023-05-06,14:00,16:00,2,no\n"
             "icity,P1,2023-05-06,18:00,20:00,2,yes\n");
  const auto stored = count(db, "SELECT COUNT(*) FROM shifts");

  SUBCASE("an overlap with a stored shift names the earliest one it overlaps, as insert does") {
    auto expected = insert_error(db, "P1", "2023-05-06 11:00", "2023-05-06 15:00");
    REQUIRE(expected.starts_with("overlaps shift "));
    auto error = import_error(db, std::string(kHeader) +
                                      "icity,P2,2023-05-06,11:00,15:00,1,no\n"
                                      "icity,P1,2023-05-06,11:00,15:00,1,no\n");
    CHECK(error == "shifts.csv:3: start: " + expected);
    CHECK(count(db, "SELECT COUNT(*) FROM shifts") == stored);  // nothing of the file
  }
  SUBCASE("an overlap with an earlier row of the same file is refused") {
    auto error = import_error(db, std::string(kHeader) +
                                      "icity,P2,2023-05-07,09:00,12:00,1,no\n"
                                      "icity,P1,2023-05-07,13:00,14:00,1,no\n"
                                      "icity,P2,2023-05-07,11:59,13:00,1,no\n");
    CHECK(error.starts_with("shifts.csv:4: start: overlaps shift "));
    CHECK(error.find("2023-05-07 09:00") != std::string::npos);
    CHECK(count(db, "SELECT COUNT(*) FROM shifts") == stored);
  }
  SUBCASE("touching, other projects, other stations and cancelled shifts do not clash") {
    auto error =
        import_error(db, std::string(kHeader) +
                             "icity,P1,2023-05-06,12:00,14:00,1,no\n"   // touches both
                             "icity,P2,2023-05-06,09:00,12:00,1,no\n"   // other project
                             "other,P1,2023-05-06,09:00,12:00,1,no\n"   // other station
                             "icity,P1,2023-05-06,19:00,21:00,1,no\n"   // the cancelled one
                             "icity,P1,2023-05-07,09:00,12:00,1,yes\n"  // cancelled in file
                             "icity,P1,2023-05-07,10:00,11:00,1,no\n");
    CHECK(error == "no error");
    CHECK(count(db, "SELECT COUNT(*) FROM shifts") == stored + 6);
    // And each of those is what insert itself allows (the same questions of the stored rows).
    CHECK(insert_error(db, "P1", "2023-05-08 09:00", "2023-05-08 10:00") == "no error");
    CHECK(insert_error(db, "P1", "2023-05-07 10:30", "2023-05-07 10:45").starts_with("overlaps"));
  }
  SUBCASE("an edit earlier in the same file is seen by the rows after it") {
    // Shift 1 (P1 09:00–12:00 on 05-06) moves to 05-08; its old time is then free, its new
    // time taken.
    auto moved = import_error(db,
                              "id,station,project,date,start,end,slots\n"
                              "1,icity,P1,2023-05-08,09:00,12:00,2\n"
                              ",icity,P1,2023-05-06,09:00,12:00,1\n"
                              ",icity,P1,2023-05-08,10:00,11:00,1\n",
                              ImportMode::update);
    CHECK(moved.starts_with("shifts.csv:4: start: overlaps shift 1 "));
    auto freed = import_error(db,
                              "id,station,project,date,start,end,slots\n"
                              "1,icity,P1,2023-05-08,09:00,12:00,2\n"
                              ",icity,P1,2023-05-06,09:00,12:00,1\n",
                              ImportMode::update);
    CHECK(freed == "no error");
    CHECK(count(db, "SELECT COUNT(*) FROM shifts") == stored + 1);
  }
}

TEST_CASE(
    "a large shifts import names an unknown code at its line past the threshold, and "
    "leaves every reference there") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2023-03-01,2023-03-01\n");
  import(db, "skills", "code\nfirst_aid\n");
  // 6,000 shifts of an hour, past the deferred indexes' threshold (5,000 rows): from there on
  // SQLite does not look up again the station, project and skill the import found for each row.
  std::string csv = "station,project,date,start,end,slots,minimums\n";
  const Date first = *Date::from_ymd(2023, 3, 1);
  for (int i = 0; i < 6000; ++i) {
    const std::string hour = std::to_string(10 + i % 10);
    csv += "icity,P1," + first.plus_days(i / 10).iso() + "," + hour + ":00," + hour + ":30,2," +
           (i % 3 ? "" : "first_aid:1") + "\n";
  }
  const std::string last_day = first.plus_days(700).iso();
  CHECK(import_error(db, csv + "icity,P9," + last_day + ",09:00,10:00,1,\n") ==
        "shifts.csv:6002: project: no project with code 'P9'");
  CHECK(import_error(db, csv + "icity,P1," + last_day + ",09:00,10:00,1,swimming:1\n") ==
        "shifts.csv:6002: minimums: no skill with code 'swimming'");
  CHECK(count(db, "SELECT COUNT(*) FROM shifts") == 0);
  CHECK(import_error(db, csv) == "no error");
  CHECK(count(db, "SELECT COUNT(*) FROM shifts") == 6000);
  CHECK(count(db, "SELECT COUNT(*) FROM shift_minimums") == 2000);
  // PostgreSQL: the rows are written by the import's transaction itself, not each by a
  // subtransaction of its own (a savepoint a row: their versions of the project's count of
  // shifts made every later row slower; this test took 32 s, now 3.5).
  if (db.backend() == "postgresql")
    CHECK(count(db, "SELECT COUNT(DISTINCT xmin::text) FROM shifts") == 1);
  CHECK(storage_problems(db).empty());  // every row's references there (not checked as written)
  CHECK(missing_triggers(db).empty());
  if (db.backend() == "sqlite") CHECK(*db.scalar("PRAGMA foreign_keys") == 1);  // back on
}

// Past the threshold the rows wait to be written many to a statement (records/pending_rows.hpp):
// the rules read from memory see the waiting rows as written ones, a row naming one by its
// number has them written first, and what is written is every row as given.
TEST_CASE("a large shifts import's waiting rows are seen by the rows after them") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2023-03-01,2023-03-01\n");
  import(db, "skills", "code\nfirst_aid\n");
  // 6,000 shifts of half an hour, every tenth cancelled, every third with a minimum.
  std::string csv = "id,station,project,date,start,end,slots,minimums,cancelled\n";
  const Date first = *Date::from_ymd(2023, 3, 1);
  for (int i = 0; i < 6000; ++i) {
    const std::string hour = std::to_string(10 + i % 10);
    csv += ",icity,P1," + first.plus_days(i / 10).iso() + "," + hour + ":00," + hour + ":30," +
           std::to_string(1 + i % 4) + "," + (i % 3 ? "" : "first_aid:1") + "," +
           (i % 10 == 9 ? "yes" : "no") + "\n";
  }
  const std::string last_day = first.plus_days(599).iso();  // the file's last day
  // Its last day's 10:00-10:30 (a row still waiting) is overlapped; its 19:00 is a cancelled
  // shift. (Numbers are the ones the refused imports gave: PostgreSQL's sequences do not roll
  // back, so they are not compared.)
  auto overlap = import_error(db, csv + ",icity,P1," + last_day + ",10:15,10:45,1,,no\n");
  CHECK(overlap.starts_with("shifts.csv:6002: start: overlaps shift "));
  CHECK(overlap.ends_with(" of the same project (" + last_day + " 10:00)"));
  auto cancelled = import_error(db, csv + ",icity,P1," + last_day + ",19:00,19:15,1,,no\n");
  CHECK(cancelled.starts_with("shifts.csv:6002: start: cancelled shift "));
  CHECK(cancelled.find(" of the same project starts then: restore it instead") !=
        std::string::npos);
  CHECK(count(db, "SELECT COUNT(*) FROM shifts") == 0);
  // A row naming a shift of the file by its number finds it, the rows before written first
  // (SQLite, where rows wait: the 5,991st row's shift takes number 5,991 in an empty table).
  const bool sqlite = db.backend() == "sqlite";
  CHECK(import_error(db, sqlite ? csv + "5991,icity,P1," + last_day + ",09:00,09:30,7,,no\n" : csv,
                     ImportMode::update) == "no error");
  CHECK(count(db, "SELECT COUNT(*) FROM shifts") == 6000);
  CHECK(count(db, "SELECT COUNT(*) FROM shifts WHERE cancelled <> 0") == 600);
  CHECK(count(db, "SELECT COUNT(*) FROM shift_minimums") == 2000);
  if (sqlite) {
    CHECK(count(db, "SELECT SUM(slots) FROM shifts") == 15000 - 3 + 7);  // shift 5,991 had 3
    CHECK(count(db, "SELECT starts_at % 86400 FROM shifts WHERE id = 5991") == 9 * 3600);
  }
  CHECK(storage_problems(db).empty());
  CHECK(missing_triggers(db).empty());
}

TEST_CASE(
    "a begun shift keeps its record: not moved ahead with its people, not cancelled once served") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2023-03-01,2023-03-01\n");
  import(db, "volunteers", "number,name,join_date\nV1,张三,2023-03-01\nV2,李四,2023-03-01\n");
  // Shift 1 (07-03 09:00) has V1 and V2 on it, V2 checked in; shift 2 (07-02) V1 on it, who did
  // not check in; shift 3 (07-01) nobody.
  import(db, "shifts",
         std::string(kHeader) +
             "icity,P1,2023-07-03,09:00,12:00,2,no\nicity,P1,2023-07-02,09:00,12:00,1,no\n"
             "icity,P1,2023-07-01,09:00,12:00,1,no\n");
  import(db, "roster",
         "volunteer,station,project,date,start\nV1,icity,P1,2023-07-03,09:00\nV2,icity,P1,2023-07-"
         "03,09:00\n"
         "V1,icity,P1,2023-07-02,09:00\n");
  import(db, "sessions",
         "volunteer,station,project,shift,check_in,check_out,status\n"
         "V2,icity,P1,1,2023-07-03 09:05,2023-07-03 11:00,\n");
  const Instant now = parse_instant("2023-07-03T10:00", TimeZone::named("UTC"));
  const RecordKind& k = kind("shifts");
  // The column refusing `column = value` on shift `key` (or "(accepted)"); nothing is kept.
  auto edit = [&](std::string_view key, std::string_view column, std::string value) {
    Transaction tx(db);  // never committed
    Lookup l(db);
    l.set_author(now, Lookup::Via::command);
    RecordKind::Cells cells(k.columns().size());
    cells[*k.column_index(column)] = std::move(value);
    try {
      k.edit(db, l, key, cells);
    } catch (const FieldError& e) {
      return e.column() + ": " + e.text().render(Lang::en);
    }
    return std::string("(accepted)");
  };
  CHECK(edit("1", "date", "2023-07-05").starts_with("date: shift 1 began at 2023-07-03 09:00"));
  CHECK(edit("1", "start", "10:30").starts_with("start: shift 1 began at"));
  CHECK(edit("2", "date", "2023-07-05").starts_with("date: shift 2 began at"));
  CHECK(edit("1", "cancelled", "yes").find("took place and cannot be cancelled") !=
        std::string::npos);
  CHECK(edit("1", "slots", "1")
            .starts_with("slots: shift 1 began at 2023-07-03 09:00 with 2 people"));
  // Corrected within the past, or moved ahead with nobody on it: accepted.
  CHECK(edit("1", "start", "08:30") == "(accepted)");
  CHECK(edit("3", "date", "2023-07-05") == "(accepted)");
  // Shift 2 nobody served is called off after the fact, and V1 with it.
  Lookup l(db);
  l.set_author(now, Lookup::Via::command);
  k.retire(db, l, "2", {now, {}});
  CHECK(assignments::of_shift(db, ShiftId{2}).at(0).status == AssignmentStatus::cancelled);
  CHECK(assignments::of_shift(db, ShiftId{1}).at(0).status == AssignmentStatus::planned);
}
