// CSV import through the record kinds: round trips, Chinese headers and BOM, all-or-nothing
// inside a transaction, and where an error says the problem is.

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "store_fixture.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

using vstation::test::import;
using vstation::test::kind;

// The message of a failed import, in one language; "no error" when it succeeded.
std::string import_error(Connection& db, std::string_view kind_name, std::string_view csv,
                         Lang lang = Lang::en) {
  try {
    import(db, kind_name, csv);
  } catch (const DataError& e) {
    return e.text().render(lang);
  }
  return "no error";
}

std::string export_kind(Connection& db, std::string_view kind_name) {
  return export_csv(db, kind(kind_name), false, Lang::en, OutputOptions{true, std::nullopt});
}

// One small station with a record of every kind, given as the files a person would write.
const std::vector<std::pair<std::string, std::string>> kStationFiles = {
    {"stations",
     "code,name,location,rounding,walk_ins\nicity,I城志愿服务站,华南城西广场,15,allow\n"},
    {"skills", "code,name_en,name_zh\nfirst_aid,First aid,急救\ntraffic,Traffic,交通\n"},
    {"volunteers",
     "number,name,phone,join_date,birth_date,home_station\n"
     "V0001,张三,138 1234 5678,2023-03-04,1990-01-02,icity\n"
     "V0002,\"Li, \"\"Jr\"\"\",,2023-03-05,,\n"},
    {"certifications", "volunteer,skill,granted,expires\nV0001,traffic,2023-03-10,\n"},
    {"projects",
     "code,station,name,category,published,starts,ends,description\n"
     "P001,icity,周末交通劝导,交通劝导,2023-03-01,2023-03-04,2023-06-30,\"两行\n说明\"\n"},
    {"templates",
     "code,station,project,weekdays,start,end,slots,minimums,valid_from\n"
     "T1,icity,P001,\"Sat,Sun\",09:00,12:00,2,traffic:1,2023-03-04\n"},
    {"shifts",
     "station,project,date,start,end,slots,minimums\n"
     "icity,P001,2023-05-06,09:00,12:00,2,traffic:1\n"
     "icity,P001,2023-05-06,13:00,16:00,1,\n"},
    {"availability",
     "volunteer,day,start,end,available\nV0001,Sat,08:00,18:00,yes\nV0002,2023-05-06,,,no\n"},
    {"roster",
     "volunteer,station,project,date,start,status\nV0001,icity,P001,2023-05-06,09:00,confirmed\n"},
    {"sessions",
     "volunteer,station,project,shift,check_in,check_out,note\n"
     "V0001,icity,,,2023-05-06 08:50,2023-05-06 12:20,\n"
     "V0002,icity,P001,walk-in,2023-05-06T14:00+08:00,2023-05-06T15:10+08:00,帮忙指路\n"},
    {"incidents",
     "station,project,type,time,people_served,volunteers,note\n"
     "icity,P001,rescue_assist,2023-05-06 10:15,1,V0001;V0002,老人摔倒\n"},
    {"trainings",
     "station,topic,start,minutes,skill,valid_months,attendees\n"
     "icity,应急救助培训,2023-04-01 14:00,120,first_aid,24,V0001\n"},
};

}  // namespace

TEST_CASE("the column order of the files above is the import order") {
  // Guards the fixture: a kind added to the list of kinds needs a file here too.
  REQUIRE(record_kinds().size() == kStationFiles.size());
  for (std::size_t i = 0; i < kStationFiles.size(); ++i)
    CHECK(record_kinds()[i]->name() == kStationFiles[i].first);
}

TEST_CASE("import, export, import into a fresh database: the exports are the same") {
  TempDb first;
  for (const auto& [name, csv] : kStationFiles) {
    CAPTURE(name);
    CHECK(import(*first.db, name, csv) >= 1);
  }
  std::map<std::string, std::string> exported;
  for (const auto& k : record_kinds())
    exported[std::string(k->name())] = export_kind(*first.db, k->name());

  // Spot checks that the values were read, not just carried: normalised forms come back.
  CHECK(exported["volunteers"].find("V0001,张三,13812345678,") != std::string::npos);
  CHECK(exported["projects"].find(",traffic_persuasion,") != std::string::npos);
  CHECK(exported["templates"].find(",\"Sat,Sun\",09:00,12:00,2,1,traffic:1,") != std::string::npos);
  // The rostered session is matched to shift 1 and credited from 09:00 to 12:00 (180 min);
  // the walk-in counts from check-in to check-out (70 min, rounded down to 60 by the station).
  CHECK(exported["sessions"].find(
            "V0001,icity,P001,1,2023-05-06 08:50,2023-05-06 12:20,closed,180,") !=
        std::string::npos);
  CHECK(exported["sessions"].find(
            "V0002,icity,P001,walk-in,2023-05-06 14:00,2023-05-06 15:10,closed,60,") !=
        std::string::npos);
  // The training granted first_aid for 24 months, so certifications lists it beside traffic.
  CHECK(exported["certifications"] ==
        "volunteer,skill,granted,expires\r\nV0001,first_aid,2023-04-01,2025-03-31\r\nV0001,traffic,"
        "2023-03-10,\r\n");

  TempDb second;
  for (const auto& k : record_kinds()) {
    CAPTURE(k->name());
    import(*second.db, k->name(), exported[std::string(k->name())]);
  }
  for (const auto& k : record_kinds()) {
    CAPTURE(k->name());
    CHECK(export_kind(*second.db, k->name()) == exported[std::string(k->name())]);
  }
}

TEST_CASE("Chinese headers, a BOM and CRLF line ends are accepted") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "代码,名称\nicity,I城\n");
  CHECK(import(db, "volunteers",
               "\xEF\xBB\xBF志愿者编号,姓名,加入日期,手机号,监护人同意\r\nV0001,张三,2023-03-04,"
               "13812345678,是\r\n") == 1);
  auto v = volunteers::find(db, "V0001");
  REQUIRE(v);
  CHECK(v->name == "张三");  // not "\xEF\xBB\xBF..." glued to the first header
  CHECK(v->phone == "13812345678");
  CHECK(v->guardian_consent);
  CHECK(v->join_date == parse_date("2023-03-04"));
  // Chinese headers in any order, mixed with English ones.
  CHECK(import(db, "volunteers", "join_date,姓名,number\n2023-03-05,李四,V0002\n") == 1);
  CHECK(volunteers::find(db, "V0002"));
  // The export with a BOM starts with it, then the Chinese header row.
  auto out = export_csv(db, kind("volunteers"), true, Lang::zh, OutputOptions{});
  CHECK(out.starts_with("\xEF\xBB\xBF志愿者编号,姓名,手机号,"));
  CHECK(out.find("V0001,张三,138******78,") != std::string::npos);  // masked unless revealed
}

TEST_CASE("tables for people show labels for codes; files keep codes; labels import back") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name\nicity,I城\n");
  import(db, "volunteers",
         "number,name,join_date,id_type,status\nV0001,张三,2023-03-04,"
         "resident_id,suspended\n");
  Lookup lookup(db);
  auto columns = kind("volunteers").columns();
  auto cell = [&](const std::vector<std::string>& row, std::string_view column) {
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (columns[i].name == column) return row[i];
    return std::string("?");
  };
  auto zh = kind("volunteers").row(db, lookup, "V0001", {false, Lang::zh});
  CHECK(cell(zh, "id_type") == "居民身份证");
  CHECK(cell(zh, "status") == "暂停");
  CHECK(cell(zh, "guardian_consent") == "否");
  auto en = kind("volunteers").row(db, lookup, "V0001", {false, Lang::en});
  CHECK(cell(en, "id_type") == "resident ID card");
  import(db, "availability", "volunteer,day,start,end\nV0001,Sat,09:00,12:00\n");
  auto day = kind("availability").row(db, lookup, "W1", {false, Lang::zh});
  CHECK(std::find(day.begin(), day.end(), "周六") != day.end());
  auto codes = kind("volunteers").row(db, lookup, "V0001", {false, std::nullopt});
  CHECK(cell(codes, "id_type") == "resident_id");
  CHECK(export_kind(db, "volunteers").find(",resident_id,") != std::string::npos);
  // What a person reads in the Chinese table can be typed back in.
  CHECK(import(db, "volunteers",
               "志愿者编号,姓名,加入日期,证件类型,状态,监护人同意\nV0002,李四,"
               "2023-03-05,居民身份证,在册,是\n") == 1);
  auto v = volunteers::find(db, "V0002");
  REQUIRE(v);
  CHECK(v->id_type == IdDocType::resident_id);
  CHECK(v->status == VolunteerStatus::active);
  CHECK(v->guardian_consent);
}

TEST_CASE("import --update changes records by key, adds the new ones, keeps masked values") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name\nicity,I城\n");
  import(db, "volunteers",
         "number,name,phone,join_date\nV0001,张三,13812345678,2023-03-04\n"
         "V0002,李四,13900001111,2023-03-05\n");
  auto update = [&](std::string_view csv) {
    Transaction tx(db);
    auto n = import_csv(db, kind("volunteers"), csv, "v.csv", ImportMode::update);
    tx.commit();
    return n;
  };
  // As exported (phone masked), one name corrected, one phone changed, one newcomer.
  auto n = update(
      "number,name,phone,join_date\nV0001,张叁,138****5678,2023-03-04\n"
      "V0002,李四,13700002222,2023-03-05\nV0003,王五,,2023-07-01\n");
  CHECK(n.added == 1);
  CHECK(n.changed == 2);
  CHECK(volunteers::find(db, "V0001")->name == "张叁");
  CHECK(volunteers::find(db, "V0001")->phone == "13812345678");  // the mask is not a number
  CHECK(volunteers::find(db, "V0002")->phone == "13700002222");
  CHECK(volunteers::find(db, "V0003"));
  // Columns the file does not have stay as they are.
  update("number,status\nV0002,suspended\n");
  CHECK(volunteers::find(db, "V0002")->name == "李四");
  CHECK(volunteers::find(db, "V0002")->status == VolunteerStatus::suspended);
  // A bad row: nothing of the file is kept; a key twice in one file is refused.
  auto before = export_kind(db, "volunteers");
  CHECK_THROWS_AS(update("number,name,join_date\nV0001,赵六,2023-03-04\nV0002,,2023-03-05\n"),
                  DataError);
  CHECK_THROWS_AS(update("number,name\nV0001,甲\nV0001,乙\n"), DataError);
  CHECK(export_kind(db, "volunteers") == before);
  // Without --update an existing key is refused, saying how to change it.
  CHECK(import_error(db, "volunteers", "number,name,join_date\nV0001,张叁,2023-03-04\n") ==
        "volunteers.csv:2: number: 'V0001' already exists (to change existing records, import "
        "with --update)");
}

TEST_CASE("a code that differs from one already there only in case is refused, with its line") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name\nicity,I城\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,2023-03-04\n");
  auto before = export_kind(db, "volunteers");
  CHECK(import_error(db, "volunteers",
                     "number,name,join_date\nV0002,李四,2023-03-05\nv0001,张三,2023-03-04\n") ==
        "volunteers.csv:3: number: 'v0001' differs only in case from 'V0001', which exists: a "
        "code is the same whatever its case");
  CHECK(import_error(db, "volunteers",
                     "number,name,join_date\nV0002,李四,2023-03-05\nv0002,李四,2023-03-05\n") ==
        "volunteers.csv:3: number: 'v0002' differs only in case from 'V0002' on line 2 of this "
        "file: a code is the same whatever its case");
  CHECK(import_error(db, "stations", "code,name\nICITY,I城\n") ==
        "stations.csv:2: code: 'ICITY' differs only in case from 'icity', which exists: a code is "
        "the same whatever its case");
  CHECK(export_kind(db, "volunteers") == before);
  // A code of its own case is taken as before.
  import(db, "volunteers", "number,name,join_date\nV0002,李四,2023-03-05\n");
  CHECK(volunteers::find(db, "V0002"));
}

TEST_CASE("an import inside a transaction is all or nothing") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name\nicity,I城\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,2023-03-04\n");
  auto before = export_kind(db, "volunteers");

  // Two good rows, then a duplicate key: nothing of the file is kept.
  CHECK(import_error(db, "volunteers",
                     "number,name,join_date\nV0002,李四,2023-03-05\nV0003,王五,2023-03-06\nV0002,"
                     "李四,2023-03-05\n") ==
        "volunteers.csv:4: number: 'V0002' is already on line 2 of this file");
  CHECK(export_kind(db, "volunteers") == before);
  CHECK_FALSE(volunteers::find(db, "V0002"));

  // A bad last row of a file of several kinds of side effects (a training and its grants).
  import(db, "skills", "code\nfirst_aid\n");
  CHECK(import_error(db, "trainings",
                     "station,topic,start,minutes,skill,attendees\n"
                     "icity,CPR,2023-04-01 14:00,120,first_aid,V0001\n"
                     "icity,CPR,2023-04-02 14:00,0,first_aid,V0001\n") ==
        "trainings.csv:3: minutes: 0 is out of range (1 to 1440)");
  CHECK(export_kind(db, "trainings") ==
        "station,topic,start,minutes,skill,valid_months,attendees\r\n");
  CHECK(export_kind(db, "certifications") == "volunteer,skill,granted,expires\r\n");

  // The database is still usable after the rollback.
  CHECK(import(db, "volunteers", "number,name,join_date\nV0002,李四,2023-03-05\n") == 1);
}

TEST_CASE("import errors say file:line: column: what is wrong") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name\nicity,I城\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,2023-03-04\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2023-03-01,2023-03-01\n");

  SUBCASE("a cell that does not parse, on the line its row starts") {
    CHECK(import_error(db, "projects",
                       "code,station,name,category,published,starts,description\n"
                       "P2,icity,x,other,2023-03-01,2023-02-29,\"two\nlines\"\n") ==
          "projects.csv:2: starts: '2023-02-29' is not a real calendar day");
    // A line break is text only in descriptions and notes; elsewhere it is named, escaped.
    CHECK(import_error(db, "volunteers",
                       "number,name,join_date\nV0002,\"two\nlines\",2023-02-28\n") ==
          "volunteers.csv:2: name: holds a control character (\\n) at character 4; text may not "
          "contain line breaks, tabs, escape codes or direction overrides");
  }
  SUBCASE("the column as written in the file, in Chinese, in both languages") {
    const char* csv = "志愿者编号,姓名,加入日期\nV0002,李四,2023/03/05\n";
    CHECK(import_error(db, "volunteers", csv) ==
          "volunteers.csv:2: 加入日期: '2023/03/05' is not a date (expected YYYY-MM-DD, e.g. "
          "2023-05-01)");
    CHECK(
        import_error(db, "volunteers", csv, Lang::zh).starts_with("volunteers.csv:2：加入日期："));
  }
  SUBCASE("a rule checked after the row is read names its column too") {
    CHECK(
        import_error(
            db, "sessions",
            "签到时间,签退时间,志愿者编号,站点\n2023-05-01 12:00,2023-05-01 09:00,V0001,icity\n") ==
        "sessions.csv:2: 签退时间: the check-out (2023-05-01 09:00) is before the check-in "
        "(2023-05-01 12:00)");
    // ... and a column the file left out is named in the file's language.
    CHECK(import_error(db, "availability", "志愿者编号,日期或星期,开始时间\nV0001,周六,09:00\n") ==
          "availability.csv:2: 结束时间: give both start and end, or neither for the whole day");
  }
  SUBCASE("header problems name the header line") {
    CHECK(import_error(db, "volunteers", "number,name\nV0002,李四\n") ==
          "volunteers.csv:1: the required column 'join_date' is missing");
    CHECK(import_error(db, "volunteers", "number,name,join_date,colour\n")
              .starts_with(
                  "volunteers.csv:1: unknown column 'colour' (expected: number, name, phone,"));
    CHECK(import_error(db, "volunteers", "number,name,number,join_date\n") ==
          "volunteers.csv:1: column 'number' appears twice");
    CHECK(import_error(db, "volunteers", "") ==
          "volunteers.csv: the file is empty; the first line must name the columns");
  }
  SUBCASE("rows of the wrong width and broken quoting") {
    CHECK(import_error(db, "volunteers", "number,name,join_date\n\nV0002,李四,2023-03-05,x\n") ==
          "volunteers.csv:3: the row has 4 fields but the header has 3");
    CHECK(import_error(db, "volunteers", "number,name,join_date\nV0002,\"李四,2023-03-05\n") ==
          "volunteers.csv:2: name: a quoted field is never closed");
  }
  SUBCASE("references to records that do not exist") {
    CHECK(import_error(db, "roster",
                       "volunteer,station,project,date,start\nV0009,icity,P1,2023-05-01,09:00\n") ==
          "roster.csv:2: volunteer: no volunteer with number 'V0009'");
    CHECK(import_error(db, "shifts",
                       "station,project,date,start,end,slots,minimums\n"
                       "icity,P1,2023-05-01,09:00,12:00,2,first_aid:1\n") ==
          "shifts.csv:2: minimums: no skill with code 'first_aid'");
  }
}
