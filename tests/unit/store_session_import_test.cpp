// Importing sessions answers "which rostered shift" and "does it overlap" from what it read once
// per volunteer plus what the file added (records/session_index.cpp): the answers must be the
// database's (sessions::overlaps_existing, shifts::rostered_at), for rows before it in the file
// as for rows already stored, and a refused last row still leaves nothing of the file.

#include <doctest/doctest.h>

#include "store_fixture.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using namespace vstation::store;

namespace {

using vstation::test::import;
using vstation::test::kind;

std::string import_error(Connection& db, std::string_view kind_name, std::string_view csv) {
  try {
    import(db, kind_name, csv);
  } catch (const DataError& e) {
    return e.text().render(Lang::en);
  }
  return "no error";
}

std::string sessions_now(Connection& db) {
  return export_csv(db, kind("sessions"), false, Lang::en, OutputOptions{true, std::nullopt});
}

Instant at(const char* local) {
  return parse_instant(local, TimeZone::named("UTC"));
}

constexpr const char* kHeader = "volunteer,station,project,shift,check_in,check_out,status\n";

}  // namespace

TEST_CASE("a session import checks each row against the file's earlier rows and the database") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,2023-03-04\nV0002,李四,2023-03-04\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2023-03-01,2023-03-01\n");
  import(db, "shifts",
         "station,project,date,start,end,slots\nicity,P1,2023-05-06,09:00,12:00,2\n"
         "icity,P1,2023-05-06,13:00,16:00,2\n");
  import(db, "roster",
         "volunteer,station,project,date,start,status\nV0001,icity,P1,2023-05-06,13:00,planned\n"
         "V0002,icity,P1,2023-05-06,09:00,cancelled\n");
  // Stored before: V0001 09:00–12:00.
  import(db, "sessions",
         std::string(kHeader) + "V0001,icity,,walk-in,2023-05-06 09:00,2023-05-06 12:00,\n");

  // In one file: V0001 on their rostered 13:00 shift; V0002 forgotten at 16:00 (no check-out:
  // occupies 16:00 only), then open from 18:00; V0002's 09:00 shift was cancelled for them.
  CHECK(import(db, "sessions",
               std::string(kHeader) + "V0001,icity,,,2023-05-06 12:55,2023-05-06 15:00,\n"
                                      "V0002,icity,,,2023-05-06 09:00,2023-05-06 10:00,\n"
                                      "V0002,icity,P1,walk-in,2023-05-06 16:00,,auto_closed\n"
                                      "V0002,icity,P1,walk-in,2023-05-06 16:30,2023-05-06 17:00,\n"
                                      "V0002,icity,P1,walk-in,2023-05-06 18:00,,open\n") == 5);
  auto v1 = volunteers::find(db, "V0001")->id;
  auto stored = sessions::of_volunteer(db, v1);
  REQUIRE(stored.size() == 2);
  CHECK(stored[1].shift);  // matched to the 13:00 shift
  auto v2 = volunteers::find(db, "V0002")->id;
  CHECK_FALSE(sessions::of_volunteer(db, v2).front().shift);  // a cancelled place matches nothing

  // Each refusal below is the last row of its file, after rows that are fine: nothing is kept,
  // and the database's own check agrees with the import's.
  const std::string before = sessions_now(db);
  struct Case {
    const char* row;
    const char* error;
    VolunteerId v;
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"V0001,icity,,walk-in,2023-05-06 11:00,2023-05-06 11:30,",
       "sessions.csv:3: check_in: overlaps another session of V0001", v1, "2023-05-06 11:00",
       "2023-05-06 11:30"},
      {"V0001,icity,,walk-in,2023-05-06 14:59,2023-05-06 15:30,",
       "sessions.csv:3: check_in: overlaps another session of V0001", v1, "2023-05-06 14:59",
       "2023-05-06 15:30"},
      {"V0002,icity,P1,walk-in,2023-05-06 15:00,2023-05-06 16:01,",
       "sessions.csv:3: check_in: overlaps another session of V0002", v2, "2023-05-06 15:00",
       "2023-05-06 16:01"},
      {"V0002,icity,P1,walk-in,2023-05-06 19:00,2023-05-06 19:30,",
       "sessions.csv:3: check_in: overlaps another session of V0002", v2, "2023-05-06 19:00",
       "2023-05-06 19:30"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.row);
    CHECK(sessions::overlaps_existing(db, c.v, at(c.in), at(c.out)));
    CHECK(import_error(db, "sessions",
                       std::string(kHeader) +
                           "V0001,icity,,walk-in,2023-05-07 09:00,2023-05-07 10:00,\n" + c.row +
                           "\n") == c.error);
    CHECK(sessions_now(db) == before);
  }
  // A row overlapping a row before it in the same file, and not the database.
  CHECK(import_error(db, "sessions",
                     std::string(kHeader) +
                         "V0001,icity,,walk-in,2023-05-08 09:00,2023-05-08 10:00,\n"
                         "V0002,icity,P1,walk-in,2023-05-05 09:00,2023-05-05 10:00,\n"
                         "V0001,icity,,walk-in,2023-05-08 09:59,2023-05-08 10:30,\n") ==
        "sessions.csv:4: check_in: overlaps another session of V0001");
  CHECK(sessions_now(db) == before);
  // Touching is not overlapping: 16:01–16:30 ends where the 16:30 session starts and begins after
  // the forgotten check-in's instant (16:00); 12:00–12:55 lies between two of V0001's sessions.
  CHECK_FALSE(sessions::overlaps_existing(db, v2, at("2023-05-06 16:01"), at("2023-05-06 16:30")));
  CHECK(import(db, "sessions",
               std::string(kHeader) +
                   "V0002,icity,P1,walk-in,2023-05-06 16:01,2023-05-06 16:30,\n" +
                   "V0001,icity,,walk-in,2023-05-06 12:00,2023-05-06 12:55,\n") == 2);
}

// Whether two sessions of one volunteer may both be kept must not depend on the order they
// arrive in: a row is judged by what it will occupy once stored (an open one everything after
// its check-in, one without a check-out its check-in instant, a confirmed one up to its shift's
// end, a rejected one nothing), as stored ones are. Every pair of a catalogue of kinds around one
// rostered shift (09:00–12:00), in either order, in two files and in one.
TEST_CASE("whether two sessions overlap does not depend on the order they are imported in") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations", "code,name,time_zone\nicity,I城,UTC\n");
  import(db, "volunteers", "number,name,join_date\nV0001,张三,2023-03-04\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2023-03-01,2023-03-01\n");
  import(db, "shifts", "station,project,date,start,end,slots\nicity,P1,2023-05-06,09:00,12:00,2\n");
  import(db, "roster",
         "volunteer,station,project,date,start,status\nV0001,icity,P1,2023-05-06,09:00,planned\n");
  const char* rows[] = {
      "V0001,icity,,,2023-05-06 09:00,2023-05-06 12:00,",              // closed, the whole shift
      "V0001,icity,,,2023-05-06 10:00,2023-05-06 10:30,",              // closed, inside it
      "V0001,icity,,,2023-05-06 12:00,2023-05-06 13:00,",              // closed, touching its end
      "V0001,icity,,walk-in,2023-05-06 07:00,2023-05-06 09:00,",       // touching its start
      "V0001,icity,,,2023-05-06 09:00,,auto_closed",                   // forgotten at 09:00
      "V0001,icity,,,2023-05-06 10:00,,auto_closed",                   // forgotten at 10:00
      "V0001,icity,,,2023-05-06 09:30,2023-05-06 23:00,auto_closed",   // checked out late
      "V0001,icity,,,2023-05-06 09:05,,confirmed",                     // confirmed to 12:00
      "V0001,icity,,,2023-05-06 11:00,,open",                          // open from 11:00
      "V0001,icity,,walk-in,2023-05-06 14:00,,open",                   // open from 14:00
      "V0001,icity,,walk-in,2023-05-06 10:00,2023-05-06 11:00,rejected",
      "V0001,icity,,walk-in,2023-05-06 08:00,2023-05-06 08:30,",       // before everything
  };
  // Whether the rows are all kept, imported in that order (rolled back afterwards).
  auto kept = [&](std::initializer_list<std::string> files) {
    Transaction tx(db);
    try {
      for (const auto& f : files) import_csv(db, kind("sessions"), f, "sessions.csv");
    } catch (const DataError&) {
      return false;
    }
    return true;
  };
  int refused = 0;
  for (const char* a : rows)
    for (const char* b : rows) {
      if (a == b) continue;
      const std::string row_a = a, row_b = b;
      CAPTURE(row_a);
      CAPTURE(row_b);
      const std::string fa = std::string(kHeader) + a + "\n", fb = std::string(kHeader) + b + "\n";
      const bool ab = kept({fa, fb});
      CHECK(kept({fb, fa}) == ab);
      CHECK(kept({std::string(kHeader) + a + "\n" + b + "\n"}) == ab);
      CHECK(kept({std::string(kHeader) + b + "\n" + a + "\n"}) == ab);
      refused += ab ? 0 : 1;
    }
  CHECK(refused > 0);  // the catalogue does overlap
  CHECK(sessions::of_volunteer(db, volunteers::find(db, "V0001")->id).empty());
}
