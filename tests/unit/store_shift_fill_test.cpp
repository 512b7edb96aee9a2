// The maintained shift fill (store/shift_fill.hpp): each shift's distinct volunteers with
// credited time kept by the sessions' triggers through every kind of change on both backends, a
// bulk import's catch-up, and the check and rebuild.

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "store_fixture.hpp"
#include "vstation/store/checks.hpp"
#include "vstation/store/day_totals.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/quarter_service.hpp"
#include "vstation/store/shift_fill.hpp"

using namespace vstation;
using store::params;
namespace fill = store::shift_fill;

namespace {

using vstation::test::import;

constexpr const char* kSessions = "volunteer,station,project,shift,check_in,check_out,status\n";

// Every shift's stored count, and what its sessions give counted here.
using Counts = std::map<std::int64_t, std::int64_t>;
Counts stored(store::Connection& db) {
  Counts out;
  auto r = db.query("SELECT id, credited_volunteers FROM shifts ORDER BY id");
  while (r->next()) out[r->i64(0)] = r->i64(1);
  return out;
}
Counts counted(store::Connection& db) {
  std::map<std::int64_t, std::set<std::int64_t>> who;
  auto r = db.query("SELECT shift_id, volunteer_id, credited_min FROM sessions");
  while (r->next())
    if (!r->is_null(0) && r->i64(2) > 0) who[r->i64(0)].insert(r->i64(1));
  Counts out;
  auto s = db.query("SELECT id FROM shifts ORDER BY id");
  while (s->next()) out[s->i64(0)] = std::int64_t(who[s->i64(0)].size());
  return out;
}

// One station, four volunteers, six shifts of two hours on 2024-03-01..06 at 09:00.
void station(store::Connection& db) {
  import(db, "stations", "code,name,time_zone\nicity,I城,Asia/Shanghai\n");
  import(db, "volunteers",
         "number,name,join_date\nV1,甲,2020-01-01\nV2,乙,2020-01-01\nV3,丙,2020-01-01\n"
         "V4,丁,2020-01-01\n");
  import(db, "projects",
         "code,station,name,category,published,starts\nP1,icity,x,other,2024-01-01,2024-01-01\n");
  std::string shifts = "station,project,date,start,end,slots\n";
  for (int d = 1; d <= 6; ++d)
    shifts += "icity,P1,2024-03-0" + std::to_string(d) + ",09:00,11:00,3\n";
  import(db, "shifts", shifts);
}

// `n` volunteers numbered `prefix`0.. and `n` shifts of one hour and two slots from `first` (in
// 2023), ten a day from 10:00; the first of those shifts' id.
std::int64_t many_shifts(store::Connection& db, const std::string& prefix, int n, Date first) {
  std::string volunteers = "number,name,join_date\n",
              shifts = "station,project,date,start,end,slots\n";
  for (int v = 0; v < n; ++v) volunteers += prefix + std::to_string(v) + ",x,2020-01-01\n";
  import(db, "volunteers", volunteers);
  for (int s = 0; s < n; ++s)
    shifts += "icity,P1," + first.plus_days(s / 10).iso() + "," + std::to_string(10 + s % 10) +
              ":00," + std::to_string(11 + s % 10) + ":00,2\n";
  import(db, "shifts", shifts);
  // Before 2024 (station()'s own shifts are in March 2024).
  return *db.scalar("SELECT MIN(id) FROM shifts WHERE starts_at < ?",
                    params(std::int64_t(1704067200)));
}

// `a` and `b` each in a transaction of its own connection, `b` begun while `a` is open: on
// PostgreSQL `b` waits for `a` to commit (checked), as two kiosks' check-outs would.
template <class A, class B>
void one_after_the_other(TempDb& t, A a, B b) {
  auto first = store::open_database(t.path);
  auto second = store::open_database(t.path);
  first->begin(store::Isolation::explicit_locks);
  a(*first);
  std::atomic<bool> done{false};
  std::thread other([&] {
    second->begin(store::Isolation::explicit_locks);
    b(*second);  // on PostgreSQL, waits here for the first to commit
    second->commit();
    done = true;
  });
  if (t.pg) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK_FALSE(done.load());
  }
  first->commit();
  other.join();
}

}  // namespace

TEST_CASE("each shift's credited volunteers follow its sessions through every kind of change") {
  TempDb t;
  auto& db = *t.db;
  station(db);
  auto shift = [&](int day) {
    return *db.scalar("SELECT id FROM shifts WHERE starts_at = ?",
                      params(parse_instant("2024-03-0" + std::to_string(day) + " 09:00",
                                           TimeZone::named("Asia/Shanghai"))
                                 .seconds));
  };
  auto row = [&](const char* v, int day, const char* in, const char* out, const char* status = "") {
    std::string d = "2024-03-0" + std::to_string(day);
    return std::string(v) + ",icity,," + std::to_string(shift(day)) + "," + d + " " + in + "," +
           (*out ? d + " " + out : std::string()) + "," + status + "\n";
  };
  // Day 1: three volunteers, V1 twice (split); day 2: one; day 3: one forgotten (no credit).
  CHECK(import(db, "sessions",
               std::string(kSessions) + row("V1", 1, "09:00", "09:40") +
                   row("V1", 1, "10:00", "11:00") + row("V2", 1, "09:00", "11:00") +
                   row("V3", 1, "09:05", "10:00") + row("V4", 2, "09:00", "11:00") +
                   row("V2", 3, "09:00", "", "auto_closed")) == 6);
  CHECK(stored(db)[shift(1)] == 3);
  CHECK(stored(db)[shift(2)] == 1);
  CHECK(stored(db)[shift(3)] == 0);
  CHECK(stored(db) == counted(db));
  CHECK(fill::differences(db).empty());

  auto id_of = [&](const char* v, int day) {
    return *db.scalar(
        "SELECT MIN(s.id) FROM sessions s JOIN volunteers v ON v.id = s.volunteer_id "
        "WHERE v.number = ? AND s.shift_id = ?",
        params(std::string(v), shift(day)));
  };
  auto after = [&](const char* what, const std::string& sql, std::vector<store::Value> args) {
    CAPTURE(what);
    db.execute(sql, std::move(args));
    CHECK(stored(db) == counted(db));
  };
  // One of V1's two sessions loses its credit: V1 still served on shift 1.
  after("one of a pair rejected", "UPDATE sessions SET credited_min = 0 WHERE id = ?",
        params(id_of("V1", 1)));
  CHECK(stored(db)[shift(1)] == 3);
  after("the only one rejected", "UPDATE sessions SET credited_min = 0 WHERE id = ?",
        params(id_of("V3", 1)));
  CHECK(stored(db)[shift(1)] == 2);
  after("credited again", "UPDATE sessions SET credited_min = 55 WHERE id = ?",
        params(id_of("V3", 1)));
  CHECK(stored(db)[shift(1)] == 3);
  after("the forgotten one confirmed", "UPDATE sessions SET credited_min = 120 WHERE id = ?",
        params(id_of("V2", 3)));
  CHECK(stored(db)[shift(3)] == 1);
  after("moved to another shift", "UPDATE sessions SET shift_id = ? WHERE id = ?",
        params(shift(5), id_of("V4", 2)));
  CHECK(stored(db)[shift(2)] == 0);
  CHECK(stored(db)[shift(5)] == 1);
  after("made a walk-in", "UPDATE sessions SET shift_id = NULL WHERE id = ?",
        params(id_of("V2", 1)));
  CHECK(stored(db)[shift(1)] == 2);
  after("given to another volunteer", "UPDATE sessions SET volunteer_id = ? WHERE id = ?",
        params(*db.scalar("SELECT id FROM volunteers WHERE number = 'V4'"), id_of("V3", 1)));
  after("credit changed, not its sign (nothing to count)",
        "UPDATE sessions SET credited_min = 30, note = 'x' WHERE id = ?", params(id_of("V1", 1)));
  after("erased", "DELETE FROM sessions WHERE id = ?", params(id_of("V2", 3)));
  CHECK(stored(db)[shift(3)] == 0);
  CHECK(fill::differences(db).empty());

  // Changed behind the triggers' back: found, named by `vstation check`, and rebuilt.
  db.execute("UPDATE shifts SET credited_volunteers = 7 WHERE id = ?", params(shift(6)));
  db.execute("UPDATE shifts SET credited_volunteers = 0 WHERE id = ?", params(shift(1)));
  auto diffs = fill::differences(db);
  REQUIRE(diffs.size() == 2);
  CHECK(diffs[0] == fill::Difference{shift(1), 0, counted(db)[shift(1)]});
  CHECK(diffs[1] == fill::Difference{shift(6), 7, 0});
  CHECK(fill::differences(db, 1).size() == 1);  // at most what was asked
  auto problems = store::checks::invariants(db).problems;
  CHECK(std::count_if(problems.begin(), problems.end(), [](const Text& p) {
          return p.render(Lang::en).find("volunteers with credited time") != std::string::npos;
        }) == 2);
  CHECK(fill::rebuild(db) == 2);
  CHECK(fill::differences(db).empty());
  CHECK(fill::rebuild(db) == 0);
  CHECK(stored(db) == counted(db));
  CHECK(store::missing_triggers(db).empty());
}

TEST_CASE("a bulk import of sessions counts its shifts once at the end") {
  TempDb t;
  auto& db = *t.db;
  station(db);
  // 6,000 sessions, past the deferred indexes' threshold (5,000 rows, more than the table held):
  // the insert trigger is set aside and the shifts of the rows it missed are counted again.
  // 2,000 volunteers, three a shift, on 2,000 shifts of one hour; some rows repeat a pair.
  const Date first = *Date::from_ymd(2023, 1, 1);
  const std::int64_t first_shift = many_shifts(db, "B", 2000, first);
  // A session before it on a pair the import repeats past its first 5,000 rows: the quarter
  // totals' key of B1990 is there already, so its shifts are counted again from all its
  // sessions (the pair once).
  const std::string late = first.plus_days(199).iso();
  CHECK(import(db, "sessions",
               std::string(kSessions) + "B1990,icity,," + std::to_string(first_shift + 1990) + "," +
                   late + " 10:16," + late + " 10:19,\n") == 1);
  std::string csv = kSessions;
  for (int s = 0; s < 2000; ++s)
    for (int k = 0; k < 3; ++k) {
      int v = (s + k * 7) % 2000;
      if (k == 2 && s % 4 == 0) v = s % 2000;  // the first volunteer's second session
      std::string day = first.plus_days(s / 10).iso(), hour = std::to_string(10 + s % 10);
      std::string minute = k == 0 ? "00" : k == 1 ? "20" : "40";
      csv += "B" + std::to_string(v) + ",icity,," + std::to_string(first_shift + s) + "," + day +
             " " + hour + ":" + minute + "," + day + " " + hour + ":" +
             (k == 0   ? "15"
              : k == 1 ? "35"
                       : "55") +
             ",\n";
    }
  CHECK(import(db, "sessions", csv) == 6000);
  CHECK(store::missing_triggers(db).empty());
  CHECK(fill::differences(db).empty());
  CHECK(stored(db) == counted(db));
  CHECK(*db.scalar("SELECT SUM(credited_volunteers) FROM shifts") == 6000 - 500);
  CHECK(store::quarter_service::differences(db).empty());
  CHECK(*db.scalar("SELECT shifts FROM quarter_service WHERE volunteer_id = (SELECT id FROM "
                   "volunteers WHERE number = 'B1990')") == 2);
  // A second, smaller import goes through the trigger itself.
  CHECK(import(db, "sessions",
               std::string(kSessions) + "V1,icity,," + std::to_string(first_shift) + "," +
                   first.iso() + " 10:20," + first.iso() + " 10:23,\n") == 1);
  CHECK(stored(db)[first_shift] == 3);
  CHECK(fill::differences(db).empty());
}

TEST_CASE("an import with more sessions than half the shifts counts every shift, and their days") {
  TempDb t;
  auto& db = *t.db;
  station(db);
  // 1,000 shifts of one hour and two slots; 8,000 sessions, eight a shift: the last 3,000, past
  // the deferred indexes' threshold (5,000 rows), are more than half the shifts, so every shift
  // is counted again with the shifts' day trigger set aside, and the days moved after.
  const Date first = *Date::from_ymd(2023, 1, 1);
  const std::int64_t first_shift = many_shifts(db, "C", 1000, first);
  // Cancelled shifts the sessions name, early and late in the file: their days' pairs move,
  // their fill does not.
  for (int s : {3, 997})
    db.execute("UPDATE shifts SET cancelled = 1 WHERE id = ?", params(first_shift + s));
  std::string csv = kSessions;
  for (int s = 0; s < 1000; ++s)
    for (int k = 0; k < 8; ++k) {
      // A shift's volunteers (s * 8 + k) % 1000, its sixth and seventh once more (k 6 and 7).
      const int v = k < 6 ? (s * 8 + k) % 1000 : (s * 8 + k - 2) % 1000;
      const std::string day = first.plus_days(s / 10).iso(), hour = std::to_string(10 + s % 10);
      auto at = [&](int minute) {
        return day + " " + hour + ":" + (minute < 10 ? "0" : "") + std::to_string(minute);
      };
      csv += "C" + std::to_string(v) + ",icity,," + std::to_string(first_shift + s) + "," +
             at(k * 7) + "," + at(k * 7 + 5) + ",\n";
    }
  CHECK(import(db, "sessions", csv) == 8000);
  CHECK(store::missing_triggers(db).empty());
  CHECK(fill::differences(db).empty());
  CHECK(stored(db) == counted(db));
  CHECK(*db.scalar("SELECT SUM(credited_volunteers) FROM shifts") == 6000);
  CHECK(store::day_totals::differences(db).empty());
  CHECK(*db.scalar("SELECT SUM(pairs) FROM day_totals") == 6000);
  CHECK(*db.scalar("SELECT SUM(filled) FROM day_totals") == 998 * 2);
}

TEST_CASE(
    "an import onto shifts with earlier volunteers counts those shifts from all their sessions") {
  TempDb t;
  auto& db = *t.db;
  station(db);
  // 2,300 shifts, some with one session from an earlier file, then four more sessions a shift, a
  // shift at a time: past the threshold (5,000 rows) the last 4,200 rows add to shifts 1,250..
  // Those without earlier volunteers have the import's counts; a few with them are counted again
  // one at a time, many (here 1,050) all together. PostgreSQL sets nothing aside (its triggers
  // count every row at any size): a fifth of the rows there, which took 16 s in full.
  const Date first = *Date::from_ymd(2023, 1, 1);
  const int kShifts = t.pg ? 460 : 2300;
  const std::int64_t first_shift = many_shifts(db, "D", kShifts, first);
  auto row = [&](int s, int v, int minute) {
    const std::string day = first.plus_days(s / 10).iso(), hour = std::to_string(10 + s % 10);
    auto at = [&](int m) {
      return day + " " + hour + ":" + (m < 10 ? "0" : "") + std::to_string(m);
    };
    return "D" + std::to_string(v) + ",icity,," + std::to_string(first_shift + s) + "," +
           at(minute) + "," + at(minute + 8) + ",\n";
  };
  int earlier_shifts = 0;
  SUBCASE("a few") {
    earlier_shifts = kShifts * 3 / 23;  // 300 on SQLite: fewer than it counts one at a time
  }
  SUBCASE("many") {
    earlier_shifts = kShifts;
  }
  CAPTURE(earlier_shifts);
  std::string earlier = kSessions;
  for (int s = kShifts - earlier_shifts; s < kShifts; ++s)
    earlier += row(s, (s + 837) % kShifts, 50);
  CHECK(import(db, "sessions", earlier) == earlier_shifts);
  std::string csv = kSessions;
  for (int s = 0; s < kShifts; ++s)
    for (int k = 0; k < 4; ++k) csv += row(s, (s + k * 400) % kShifts, k * 12);
  CHECK(import(db, "sessions", csv) == 4 * kShifts);
  CHECK(store::missing_triggers(db).empty());
  CHECK(fill::differences(db).empty());
  CHECK(stored(db) == counted(db));
  CHECK(store::day_totals::differences(db).empty());
}

// Two check-outs on one shift at once, each in its own READ COMMITTED transaction as the kiosk's
// are: the second waits for the first's lock on the shift, then counts with the first's session
// in sight. (Counting before taking the lock would leave the count at one.)
TEST_CASE("two check-outs on one shift at once are both counted") {
  TempDb t;
  auto& db = *t.db;
  station(db);
  CHECK(import(db, "sessions",
               std::string(kSessions) + "V1,icity,,1,2024-03-01 09:00,,auto_closed\n" +
                   "V2,icity,,1,2024-03-01 09:00,,auto_closed\n") == 2);
  const std::int64_t shift = *db.scalar("SELECT MIN(id) FROM shifts");
  REQUIRE(*db.scalar("SELECT COUNT(*) FROM sessions WHERE shift_id = ?", params(shift)) == 2);
  CHECK(*db.scalar("SELECT credited_volunteers FROM shifts WHERE id = ?", params(shift)) == 0);
  auto credit = [&](store::Connection& c, const char* number) {
    c.execute(
        "UPDATE sessions SET credited_min = 60 WHERE volunteer_id = "
        "(SELECT id FROM volunteers WHERE number = ?)",
        params(std::string(number)));
  };
  one_after_the_other(
      t, [&](store::Connection& c) { credit(c, "V1"); },
      [&](store::Connection& c) { credit(c, "V2"); });
  CHECK(*db.scalar("SELECT credited_volunteers FROM shifts WHERE id = ?", params(shift)) == 2);
  CHECK(fill::differences(db).empty());
}

TEST_CASE(
    "one volunteer's two sessions on one shift credited at once count one shift in the quarter") {
  TempDb t;
  auto& db = *t.db;
  station(db);
  const std::int64_t shift = *db.scalar("SELECT MIN(id) FROM shifts");
  const std::int64_t v1 = *db.scalar("SELECT id FROM volunteers WHERE number = 'V1'");
  const std::int64_t at = *db.scalar("SELECT starts_at FROM shifts WHERE id = ?", params(shift));
  std::vector<std::int64_t> ids;
  for (std::int64_t in : {at, at + 3600})
    ids.push_back(db.insert(
        "INSERT INTO sessions (volunteer_id, station_id, shift_id, project_id, raw_in, eff_in, "
        "raw_out, eff_out, status, credited_min) SELECT ?, station_id, id, project_id, ?, ?, ?, ?, "
        "'auto_closed', 0 FROM shifts WHERE id = ?",
        params(v1, in, in, in + 1800, in + 1800, shift)));
  auto credit = [&](store::Connection& c, std::int64_t id) {
    c.execute("UPDATE sessions SET credited_min = 30, status = 'confirmed' WHERE id = ?",
              params(id));
  };
  one_after_the_other(
      t, [&](store::Connection& c) { credit(c, ids[0]); },
      [&](store::Connection& c) { credit(c, ids[1]); });
  CHECK(*db.scalar("SELECT shifts FROM quarter_service WHERE volunteer_id = ?", params(v1)) == 1);
  CHECK(store::quarter_service::differences(db).empty());
}

// On SQLite a session credited as it is inserted is counted through the view credited_arrivals
// (schema 23): the insert's one small trigger passes it on, the view's trigger counts it, and a
// session inserted with nothing credited (a check-in) fires neither. Each is a protective trigger
// that `vstation check` names when it is gone.
TEST_CASE("SQLite: a session credited as it is inserted is counted through credited_arrivals") {
  TempDb t;
  if (t.pg) return;  // PostgreSQL checks each of its three triggers' WHEN before calling it
  auto& db = *t.db;
  station(db);
  const std::int64_t shift = *db.scalar("SELECT MIN(id) FROM shifts");
  CHECK(import(db, "sessions",
               std::string(kSessions) + "V1,icity,," + std::to_string(shift) +
                   ",2024-03-01 09:00,2024-03-01 10:30,\n"
                   "V2,icity,,,2024-03-02 14:00,2024-03-02 15:00,\n") == 2);
  CHECK(*db.scalar("SELECT SUM(minutes) FROM credit_totals WHERE period = 2024") == 150);
  CHECK(*db.scalar("SELECT SUM(walk_ins) * 10 + SUM(shifts) FROM quarter_service") == 11);
  CHECK(stored(db)[shift] == 1);
  CHECK(*db.scalar("SELECT COUNT(*) FROM credited_arrivals") == 0);  // a view of no rows
  db.execute(
      "INSERT INTO sessions (volunteer_id, station_id, raw_in, eff_in, status) "
      "SELECT id, (SELECT id FROM stations), 1709514000, 1709514000, 'open' FROM volunteers "
      "WHERE number = 'V3'");
  CHECK(*db.scalar("SELECT COUNT(*) FROM credit_totals") == 4);  // unchanged: year, quarter × 2
  CHECK(store::missing_triggers(db).empty());

  db.execute("DROP TRIGGER credited_arrivals_count");
  CHECK(store::missing_triggers(db) == std::vector<std::string>{"credited_arrivals_count"});
  db.execute("DROP TRIGGER sessions_credited_insert");
  CHECK(store::missing_triggers(db) ==
        std::vector<std::string>{"sessions_credited_insert", "credited_arrivals_count"});
}
