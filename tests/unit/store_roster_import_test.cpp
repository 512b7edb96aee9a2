// Importing a roster answers the overlap rule from each volunteer's assignments read once plus
// what the file added, and the shift and its places from the station's shifts and assignments
// read once (records/roster_index.cpp): the refusals must be assignment_breaks' own (its
// queries), for rows before it in the file as for assignments already stored, cancelled rows
// occupy nothing, and a refused row leaves nothing of the file.

#include <doctest/doctest.h>

#include "store_fixture.hpp"
#include "vstation/store/assignment_policy.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

using vstation::test::import;

std::string import_error(Connection& db, std::string_view csv) {
  return vstation::test::refusal_of([&] { import(db, "roster", csv); });
}

std::int64_t count(Connection& db, std::string_view sql) { return *db.scalar(sql); }

constexpr const char* kHeader = "volunteer,station,project,date,start,status\n";

// What assignment_breaks (its own queries) says of putting the volunteer on icity's shift of the
// project starting at `starts` (UTC).
std::vector<RuleBreak> breaks_of(Connection& db, std::string_view volunteer,
                                 std::string_view project, std::string_view starts) {
  Lookup lookup(db);
  auto shift = shifts::find_at(db, lookup.station("icity"), lookup.project(project),
                               parse_instant(starts, TimeZone::named("UTC")));
  REQUIRE(shift);
  return assignment_breaks(db, lookup, lookup.volunteer(volunteer), *shift);
}

// icity (UTC) with V0001-V0003, joined 2023-03-04, and projects P1 and P2.
void station_of_three(Connection& db) {
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\n");
  import(db, "volunteers",
         "number,name,join_date\nV0001,张三,2023-03-04\nV0002,李四,2023-03-04\n"
         "V0003,王五,2023-03-04\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2023-03-01,2023-03-01\n"
         "P2,icity,y,other,2023-03-01,2023-03-01\n");
}

}  // namespace

TEST_CASE(
    "a roster import checks each row's overlaps against the file's earlier rows and the database") {
  TempDb t;
  auto& db = *t.db;
  station_of_three(db);
  // P1 09:00–12:00 and P2 11:00–14:00 overlap; P2's 12:00–14:00 on the next day only touches.
  import(db, "shifts",
         "station,project,date,start,end,slots\nicity,P1,2023-05-06,09:00,12:00,2\n"
         "icity,P2,2023-05-06,11:00,14:00,2\nicity,P1,2023-05-07,09:00,12:00,2\n"
         "icity,P2,2023-05-07,12:00,14:00,2\n");
  import(db, "roster", std::string(kHeader) + "V0001,icity,P1,2023-05-06,09:00,planned\n");

  SUBCASE("an overlap with a stored assignment is refused as assignment_breaks says") {
    auto error = import_error(db, std::string(kHeader) +
                                      "V0002,icity,P1,2023-05-07,09:00,planned\n"
                                      "V0001,icity,P2,2023-05-06,11:00,planned\n");
    auto breaks = breaks_of(db, "V0001", "P2", "2023-05-06 11:00");
    REQUIRE(breaks.size() == 1);
    CHECK(breaks.front().rule == PersonRule::overlap);
    CHECK(error.starts_with("roster.csv:3: volunteer: "));
    CHECK(error.find(breaks.front().detail.render(Lang::en)) != std::string::npos);
    CHECK(count(db, "SELECT COUNT(*) FROM assignments") == 1);  // nothing of the file
  }
  SUBCASE("an overlap with an earlier row of the same file is refused, naming its line") {
    auto error = import_error(db, std::string(kHeader) +
                                      "V0002,icity,P1,2023-05-06,09:00,planned\n"
                                      "V0002,icity,P1,2023-05-07,09:00,planned\n"
                                      "V0002,icity,P2,2023-05-06,11:00,planned\n");
    CHECK(error.starts_with("roster.csv:4: volunteer: "));
    CHECK(error.find("V0002 is already on shift") != std::string::npos);
    CHECK(count(db, "SELECT COUNT(*) FROM assignments") == 1);
  }
  SUBCASE("a full shift is refused as assignment_breaks says, counting the file's earlier rows") {
    // P1 on 05-06 has two places; V0001 holds one.
    auto error = import_error(db, std::string(kHeader) +
                                      "V0002,icity,P1,2023-05-06,09:00,planned\n"
                                      "V0003,icity,P1,2023-05-06,09:00,planned\n");
    CHECK(error.starts_with("roster.csv:3: volunteer: "));
    import(db, "roster", std::string(kHeader) + "V0002,icity,P1,2023-05-06,09:00,planned\n");
    auto breaks = breaks_of(db, "V0003", "P1", "2023-05-06 09:00");
    REQUIRE(breaks.size() == 1);
    CHECK(breaks.front().rule == PersonRule::full);
    CHECK(error.find(breaks.front().detail.render(Lang::en)) != std::string::npos);
  }
  SUBCASE("a cancelled row takes no place; a shift not in the station's list is named") {
    CHECK(import_error(db, std::string(kHeader) + "V0002,icity,P1,2023-05-06,09:00,cancelled\n"
                                                  "V0003,icity,P1,2023-05-06,09:00,planned\n") ==
          "no error");
    auto error =
        import_error(db, std::string(kHeader) + "V0002,icity,P1,2023-05-06,10:00,planned\n");
    CHECK(error.starts_with("roster.csv:2: start: no shift of project P1 at icity starts at"));
  }
  SUBCASE("cancelled rows occupy nothing, touching shifts do not overlap") {
    CHECK(import_error(db, std::string(kHeader) + "V0002,icity,P1,2023-05-06,09:00,cancelled\n"
                                                  "V0002,icity,P2,2023-05-06,11:00,planned\n"
                                                  "V0002,icity,P1,2023-05-07,09:00,planned\n"
                                                  "V0002,icity,P2,2023-05-07,12:00,confirmed\n") ==
          "no error");
    CHECK(count(db, "SELECT COUNT(*) FROM assignments") == 5);
  }
}

TEST_CASE("a station's shifts read at once are find_at's, minimums included") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\nother,O,UTC\n");
  import(db, "skills", "code\nfirst_aid\ntraffic\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2023-03-01,2023-03-01\n"
         "Q1,other,y,other,2023-03-01,2023-03-01\n");
  import(db, "shifts",
         "station,project,date,start,end,slots,minimums\n"
         "icity,P1,2023-05-06,09:00,12:00,2,first_aid:1;traffic:2\n"
         "icity,P1,2023-05-07,09:00,12:00,3,\nother,Q1,2023-05-06,09:00,12:00,1,traffic:1\n");
  Lookup lookup(db);
  auto icity = lookup.station("icity");
  auto all = shifts::of_station(db, icity);
  REQUIRE(all.size() == 2);
  for (const auto& s : all) {
    auto one = shifts::find_at(db, icity, s.project, s.time.begin);
    REQUIRE(one);
    CHECK(one->id == s.id);
    CHECK(one->time == s.time);
    CHECK(one->slots == s.slots);
    CHECK(one->minimums == s.minimums);
  }
  CHECK(shifts::of_station(db, lookup.station("other")).size() == 1);
}

// Past the threshold a roster import sets SQLite's own probe of each row's shift and volunteer
// aside (it found both itself) and keeps its rows waiting to be written many to a statement: the
// rules read from memory see the waiting rows as written ones, a name it cannot find is still
// refused at its line, every reference is there, and the probes are back on after.
TEST_CASE("a large roster import's waiting rows are seen by the rows after them") {
  TempDb t;
  auto& db = *t.db;
  station_of_three(db);
  // 3,000 days of one shift, two people on each: 6,000 rows, past the 5,000 of the threshold.
  constexpr int kDays = 3'000;
  const Date first = *Date::from_ymd(2023, 3, 5);
  const std::string last = first.plus_days(kDays - 1).iso();
  std::string shifts = "station,project,date,start,end,slots\n";
  std::string roster = kHeader;
  for (int i = 0; i < kDays; ++i) {
    const std::string d = first.plus_days(i).iso();
    shifts += "icity,P1," + d + ",09:00,12:00,2\n";
    roster += "V0001,icity,P1," + d + ",09:00,planned\nV0002,icity,P1," + d + ",09:00,confirmed\n";
  }
  import(db, "shifts", shifts + "icity,P2," + last + ",11:00,13:00,2\n");
  const bool sqlite = db.backend() == "sqlite";
  auto checking = [&] { return !sqlite || *db.scalar("PRAGMA foreign_keys") == 1; };

  CHECK(import_error(db, roster + "V0009,icity,P1," + last + ",09:00,planned\n") ==
        "roster.csv:6002: volunteer: no volunteer with number 'V0009'");
  CHECK(import_error(db, roster + "V0002,icity,P1," + last + ",09:00,planned\n") ==
        "roster.csv:6002: volunteer: V0002 is already on shift 3000 (" + last + " 09:00)");
  auto full = import_error(db, roster + "V0003,icity,P1," + last + ",09:00,planned\n");
  CHECK(full.starts_with("roster.csv:6002: volunteer: "));
  CHECK(full.find("shift 3000 is full") != std::string::npos);
  auto overlap = import_error(db, roster + "V0001,icity,P2," + last + ",11:00,planned\n");
  CHECK(overlap.starts_with("roster.csv:6002: volunteer: "));
  CHECK(overlap.find("V0001 is already on shift 3000") != std::string::npos);
  CHECK(checking());
  CHECK(count(db, "SELECT COUNT(*) FROM assignments") == 0);

  import(db, "roster", roster);
  CHECK(checking());
  CHECK(count(db, "SELECT COUNT(*) FROM assignments") == 2 * kDays);
  CHECK(count(db,
              "SELECT COUNT(*) FROM assignments a JOIN shifts s ON s.id = a.shift_id "
              "JOIN volunteers v ON v.id = a.volunteer_id WHERE s.starts_at % 86400 = 32400 "
              "AND a.status = CASE v.number WHEN 'V0001' THEN 'planned' ELSE 'confirmed' END") ==
        2 * kDays);
  CHECK(storage_problems(db).empty());
}
