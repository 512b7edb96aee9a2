// Filtered lists (`KIND list --volunteer/--station/--week/--from/--to/--status`), the unchanged
// rows of `import --update`, and a retired volunteer's or project's upcoming shifts.

#include <doctest/doctest.h>

#include <stdexcept>

#include "store_fixture.hpp"
#include "vstation/store/certificates.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/upcoming.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

using vstation::test::import;
using vstation::test::kind;

// Two stations: icity at UTC+8, leeds in Europe/London (UTC+1 in July). A shift, an incident
// and a training late in the evening at leeds and just after midnight at icity fall on the same
// UTC day but on different local days.
void two_stations(Connection& db) {
  import(db, "stations",
         "code,name,time_zone\nicity,I城,Asia/Shanghai\nleeds,Leeds,Europe/London\n");
  import(db, "volunteers",
         "number,name,join_date,status,home_station\n"
         "V1,张三,2023-03-04,active,icity\nV2,李四,2023-03-04,active,icity\n"
         "V3,Ann,2023-03-04,active,leeds\nV4,王五,2023-03-04,retired,\n");
  import(db, "projects",
         "code,station,name,category,published,starts\n"
         "P1,icity,交通劝导,traffic_persuasion,2023-06-01,2023-06-01\n"
         "P2,leeds,Night help,other,2023-06-01,2023-06-01\n");
  import(db, "shifts",
         "station,project,date,start,end,slots\n"
         "icity,P1,2023-07-10,00:30,03:00,2\n"    // 07-09 16:30 UTC
         "leeds,P2,2023-07-09,21:00,23:30,2\n"    // 07-09 20:00 UTC
         "icity,P1,2023-07-09,09:00,12:00,2\n");  // 07-09 01:00 UTC
  import(db, "roster",
         "volunteer,station,project,date,start,status\n"
         "V1,icity,P1,2023-07-10,00:30,planned\nV2,icity,P1,2023-07-09,09:00,confirmed\n"
         "V3,leeds,P2,2023-07-09,21:00,cancelled\n");
  // Suspended after being rostered (a suspended volunteer is not rostered anew).
  import_csv(db, kind("volunteers"), "number,status\nV2,suspended\n", "v.csv", ImportMode::update);
  import(db, "incidents",
         "station,type,time,people_served,volunteers\n"
         "icity,other,2023-07-10 00:40,1,V1\nleeds,other,2023-07-09 23:10,2,V3\n");
  import(db, "trainings",
         "station,topic,start,minutes,attendees\n"
         "icity,急救,2023-07-10 00:15,60,V1;V2\nleeds,First aid,2023-07-09 22:00,60,V3\n");
}

// The first column of each row a kind lists under a filter.
std::vector<std::string> firsts(Connection& db, std::string_view kind_name, const ListFilter& f,
                                std::size_t column = 0) {
  Lookup l(db);
  std::vector<std::string> out;
  for (const auto& row : kind(kind_name).rows(db, l, {}, f)) out.push_back(row.at(column));
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("each kind declares the filters its columns hold") {
  CHECK(kind("volunteers").filters().station);
  CHECK(bool(kind("volunteers").filters().status_code));
  CHECK_FALSE(kind("volunteers").filters().volunteer);
  CHECK_FALSE(kind("stations").filters().station);
  CHECK(kind("shifts").filters().days);
  CHECK_FALSE(bool(kind("shifts").filters().status_code));
  CHECK(kind("roster").filters().volunteer);
  CHECK(kind("roster").filters().status_codes() == "planned, confirmed, cancelled, no_show");
  CHECK(kind("roster").filters().status_code("已取消") == "cancelled");
  CHECK_THROWS_AS(kind("roster").filters().status_code("done"), ParseError);
  CHECK(kind("sessions").filters().status_code("auto_closed") == "auto_closed");
  CHECK(kind("availability").filters().volunteer);
  CHECK_FALSE(kind("availability").filters().days);
}

TEST_CASE("a filter a kind does not take is a programming error, not an empty list") {
  TempDb t;
  ListFilter f;
  f.status = "active";
  CHECK_THROWS_AS(firsts(*t.db, "stations", f), std::logic_error);
}

TEST_CASE("volunteers by home station and status") {
  TempDb t;
  auto& db = *t.db;
  two_stations(db);
  Lookup l(db);
  ListFilter f;
  CHECK(firsts(db, "volunteers", f) == Strings{"V1", "V2", "V3", "V4"});
  f.station = l.station("icity");
  CHECK(firsts(db, "volunteers", f) == Strings{"V1", "V2"});
  f.status = "suspended";
  CHECK(firsts(db, "volunteers", f) == Strings{"V2"});
  f.station.reset();
  f.status = "retired";
  CHECK(firsts(db, "volunteers", f) == Strings{"V4"});
  f.station = l.station("leeds");
  CHECK(firsts(db, "volunteers", f).empty());
}

TEST_CASE("shifts, incidents and trainings on local days at their own station") {
  TempDb t;
  auto& db = *t.db;
  two_stations(db);
  Lookup l(db);
  ListFilter f;
  f.from = f.to = parse_date("2023-07-09");
  // The icity shift at 00:30 on the 10th is 16:30 UTC on the 9th: not the 9th at icity.
  CHECK(firsts(db, "shifts", f, 3) == Strings{"2023-07-09", "2023-07-09"});
  CHECK(firsts(db, "shifts", f, 1) == Strings{"icity", "leeds"});
  f.from = f.to = parse_date("2023-07-10");
  CHECK(firsts(db, "shifts", f, 1) == Strings{"icity"});
  CHECK(firsts(db, "incidents", f, 1) == Strings{"icity"});
  CHECK(firsts(db, "trainings", f, 0) == Strings{"icity"});
  // Open-ended: from the 9th on, everything; to the 8th, nothing.
  f.to.reset();
  f.from = parse_date("2023-07-09");
  CHECK(firsts(db, "shifts", f).size() == 3);
  f.from.reset();
  f.to = parse_date("2023-07-08");
  CHECK(firsts(db, "shifts", f).empty());
  // A week, and a station.
  f.from = IsoWeek::parse("2023-W27").days().first;  // Mon 07-03 .. Sun 07-09
  f.to = IsoWeek::parse("2023-W27").days().last;
  f.station = l.station("leeds");
  CHECK(firsts(db, "shifts", f, 1) == Strings{"leeds"});
  CHECK(firsts(db, "incidents", f, 1) == Strings{"leeds"});
}

TEST_CASE("incidents and trainings by a volunteer involved; certifications by volunteer") {
  TempDb t;
  auto& db = *t.db;
  two_stations(db);
  import(db, "skills", "code\nfirst_aid\n");
  import(db, "certifications",
         "volunteer,skill,granted\nV1,first_aid,2023-01-01\nV3,first_aid,2023-02-01\n");
  Lookup l(db);
  ListFilter f;
  f.volunteer = l.volunteer("V2");
  CHECK(firsts(db, "incidents", f).empty());
  CHECK(firsts(db, "trainings", f, 1) == Strings{"急救"});
  CHECK(firsts(db, "certifications", f).empty());
  f.volunteer = l.volunteer("V3");
  CHECK(firsts(db, "incidents", f, 1) == Strings{"leeds"});
  CHECK(firsts(db, "certifications", f) == Strings{"V3"});
}

TEST_CASE("roster assignments by volunteer, station, the shift's local day and status") {
  TempDb t;
  auto& db = *t.db;
  two_stations(db);
  Lookup l(db);
  ListFilter f;
  f.status = "cancelled";
  CHECK(firsts(db, "roster", f) == Strings{"V3"});
  f.status.reset();
  f.station = l.station("icity");
  CHECK(firsts(db, "roster", f) == Strings{"V1", "V2"});
  f.from = f.to = parse_date("2023-07-10");
  CHECK(firsts(db, "roster", f) == Strings{"V1"});
  f.volunteer = l.volunteer("V2");
  CHECK(firsts(db, "roster", f).empty());
}

TEST_CASE("import --update: a row equal to the stored record is unchanged and not written") {
  TempDb t;
  auto& db = *t.db;
  two_stations(db);
  // Any write to volunteers from here on fails.
  if (t.pg) {
    db.execute(
        "CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS "
        "$$BEGIN RAISE EXCEPTION 'written'; END$$");
    db.execute(
        "CREATE TRIGGER no_write BEFORE UPDATE ON volunteers FOR EACH ROW EXECUTE FUNCTION "
        "refuse_write()");
  } else {
    db.execute(
        "CREATE TEMP TRIGGER no_write BEFORE UPDATE ON volunteers BEGIN SELECT RAISE(ABORT, "
        "'written'); END");
  }
  auto update = [&](std::string_view csv) {
    Transaction tx(db);
    auto n = import_csv(db, kind("volunteers"), csv, "v.csv", ImportMode::update);
    tx.commit();
    return n;
  };
  // Labels and codes alike, surrounding spaces, columns left out: the same values.
  auto n =
      update("number,name,status,home_station\nV1,张三,在册,icity\nV2, 李四 ,suspended,icity\n");
  CHECK(n.unchanged == 2);
  CHECK(n.changed == 0);
  CHECK(n.rows() == 2);
  // A row that does change something is written (and here refused by the trigger).
  CHECK_THROWS(update("number,name\nV1,张叁\n"));
  // The edit of a kind says whether it changed the record.
  Lookup l(db);
  RecordKind::Cells cells(kind("volunteers").columns().size());
  cells[*kind("volunteers").column_index("name")] = "张三";
  CHECK_FALSE(kind("volunteers").edit(db, l, "V1", cells));
}

TEST_CASE("a volunteer's upcoming shifts: started, cancelled shifts and assignments left out") {
  TempDb t;
  auto& db = *t.db;
  two_stations(db);
  Lookup l(db);
  import(db, "shifts",
         "station,project,date,start,end,slots,cancelled\nicity,P1,2023-07-11,09:00,12:00,1,no\n");
  import(db, "roster",
         "volunteer,station,project,date,start\nV1,icity,P1,2023-07-11,09:00\n"
         "V1,icity,P1,2023-07-09,09:00\n");
  // Cancelled after V1 was put on it, V1's assignment left as it was (as before a cancellation
  // took its people along): the shift's cancellation alone keeps it off.
  db.execute(
      "UPDATE shifts SET cancelled = 1 WHERE starts_at = (SELECT MAX(starts_at) FROM shifts)");
  // 2023-07-09 10:00 at icity: the 09:00 shift has started; the 07-10 00:30 one is ahead; the
  // 07-11 one is cancelled.
  Instant now = parse_instant("2023-07-09T10:00+08:00", TimeZone{});
  auto ahead = upcoming::of_volunteer(db, l.volunteer("V1"), now);
  REQUIRE(ahead.size() == 1);
  CHECK(format_local(ahead[0].shift.time.begin, l.station_record(ahead[0].shift.station).zone) ==
        "2023-07-10 00:30");
  CHECK(upcoming::cancel(db, ahead) == 1);
  CHECK(assignments::find(db, ahead[0].shift.id, l.volunteer("V1"))->status ==
        AssignmentStatus::cancelled);  // kept, cancelled
  CHECK(upcoming::of_volunteer(db, l.volunteer("V1"), now).empty());
  // A cancelled assignment (V3's) is not upcoming either.
  CHECK(upcoming::of_volunteer(db, l.volunteer("V3"), Instant{0}).empty());
}

TEST_CASE("retiring a volunteer tells their upcoming shifts, and --unassign cancels them") {
  TempDb t;
  auto& db = *t.db;
  two_stations(db);
  Lookup l(db);
  Instant now = parse_instant("2023-07-09T10:00+08:00", TimeZone{});
  auto retired = kind("volunteers").retire(db, l, "V1", {now, {}});
  CHECK_FALSE(retired.already);
  auto notes = retired.notes;
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].render(Lang::en) ==
        "V1 is still on the roster of upcoming shifts (1); kept (--unassign cancels them):");
  CHECK(notes[1].render(Lang::zh) == "  班次 1  2023-07-10 00:30–03:00  P1 交通劝导");
  CHECK(volunteers::find(db, "V1")->status == VolunteerStatus::retired);
  // Retired already: left as it is, and --unassign still cancels their upcoming shifts.
  retired = kind("volunteers").retire(db, l, "V1", {now, {"unassign"}});
  CHECK(retired.already);
  notes = retired.notes;
  CHECK(notes.at(0).render(Lang::en) == "cancelled V1's assignments on upcoming shifts: 1");
  notes = kind("volunteers").retire(db, l, "V1", {now, {"unassign"}}).notes;
  CHECK(notes.at(0).render(Lang::en) == "V1 is on no upcoming shift: no assignment to cancel");
  CHECK(kind("volunteers").retire_options().size() == 1);
  CHECK(kind("stations").retire_options().empty());
}

TEST_CASE("retiring a project tells its shifts to come, and --cancel-shifts cancels them") {
  TempDb t;
  auto& db = *t.db;
  two_stations(db);
  Lookup l(db);
  // A second shift to come, cancelled before: left out, as is the 09:00 one under way and P2's.
  import(db, "shifts",
         "station,project,date,start,end,slots,cancelled\nicity,P1,2023-07-11,09:00,12:00,1,yes\n");
  Instant now = parse_instant("2023-07-09T10:00+08:00", TimeZone{});
  const ProjectId p1 = l.project("P1");
  auto ahead = upcoming::of_project(db, p1, now);
  REQUIRE(ahead.size() == 1);
  CHECK(ahead[0].people == 1);  // V1, planned
  auto retired = kind("projects").retire(db, l, "P1", {now, {}});
  CHECK_FALSE(retired.already);
  REQUIRE(retired.notes.size() == 2);
  CHECK(retired.notes[0].render(Lang::en) ==
        "P1 still has shifts to come (1); kept, open to sign-up and the roster (--cancel-shifts "
        "cancels them):");
  CHECK(retired.notes[1].render(Lang::zh) == "  班次 1  2023-07-10 00:30–03:00  已排 1/2 人");
  CHECK(projects::find(db, "P1")->retired);
  CHECK_FALSE(shifts::get(db, ahead[0].shift.id)->cancelled);  // kept
  // Retired already: left as it is, and --cancel-shifts still cancels them with their people.
  retired = kind("projects").retire(db, l, "P1", {now, {"cancel-shifts"}});
  CHECK(retired.already);
  CHECK(retired.notes.at(0).render(Lang::en) ==
        "cancelled P1's shifts to come: 1; assignments cancelled with them: 1");
  CHECK(shifts::get(db, ahead[0].shift.id)->cancelled);
  CHECK(assignments::find(db, ahead[0].shift.id, l.volunteer("V1"))->status ==
        AssignmentStatus::cancelled);
  // The shift under way keeps V2, and P2's shift its own.
  auto under_way = shifts::find_at(db, l.station("icity"), p1,
                                   parse_instant("2023-07-09T09:00+08:00", TimeZone{}));
  REQUIRE(under_way);
  CHECK_FALSE(under_way->cancelled);
  CHECK(assignments::find(db, under_way->id, l.volunteer("V2"))->status ==
        AssignmentStatus::confirmed);
  CHECK(
      kind("projects").retire(db, l, "P1", {now, {"cancel-shifts"}}).notes.at(0).render(Lang::en) ==
      "P1 has no shift to come: no shift to cancel");
  CHECK(kind("projects").retire_options().size() == 1);
}
