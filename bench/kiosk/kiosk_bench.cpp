// One kiosk check-in (lookup by volunteer number, the rules, a durable commit, the answer
// screen) against a bare insert-and-commit of the same session row on the same file, in the
// same run, interleaved so that machine noise hits both alike. Two kinds of check-in are timed:
// one matched to the volunteer's rostered shift (the usual case, which also names the shift's
// project on screen) and a walk-in, each in two states of the kiosk's connection (below).
// Prints the median of each and its ratio to the bare insert's, and the check-outs' median.
//   vstation_kiosk_bench DB [ROUNDS [floor] [index_free]]   DB: a scratch copy (written)
// The baseline (since 2026-12-01, third step) is what a skilled person would ship for a
// check-in without vstation: a table of the session's columns and checks, holding the same
// history, with the two indexes the kiosk's rules need (one open session per volunteer, a
// volunteer's sessions by time) and foreign keys on, written by a connection with the kiosk's
// settings (WAL, synchronous=FULL, no SQLite mutex); each timed insert of an open row is
// closed again untimed, as each check-in is checked out. It is timed in the same two states of
// its connection as the check-ins, and each check-in's ratio is to the baseline's median in
// the same state (until then, to one baseline timed after another process wrote). Since
// 2026-12-04 the baseline writes the same row as the check-in it is compared with: a walk-in's,
// or a rostered check-in's with its shift and project (two more foreign keys checked); until
// then every check-in was compared with the walk-in's row, which is still printed beside. Since
// 2026-12-06 the bare check-ins of a round come in the kiosk's order of kinds and states, so that
// both connections meet each row's pages with the same history (below). Before
// 2026-12-01 the baseline was one row of three columns into a table with no index and no check
// (`index_free` still times that too). With `floor`, each round also times one session row written
// alone into the sessions table itself (see session_insert). Extra writes change the check-ins'
// figures: each is timed only when asked. Under valgrind --tool=callgrind --collect-atstart=no only
// the timed parts are counted: every timed check-in, or with VSTATION_BENCH_COLLECT=bare the bare
// inserts, =session_row the session rows alone, =walk_in or =rostered one kind of check-in.

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/store/repos.hpp"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT
#endif

using namespace vstation;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <class F>
double micros(F&& f) {
  auto a = Clock::now();
  f();
  return std::chrono::duration<double, std::micro>(Clock::now() - a).count();
}

// What callgrind counts (see the top): "" every check-in, else "bare", "walk_in" or "rostered".
std::string collect_what() {
  const char* e = std::getenv("VSTATION_BENCH_COLLECT");
  return e ? e : "";
}

template <class F>
void counted(bool on, F&& f) {
  if (on) CALLGRIND_TOGGLE_COLLECT;
  f();
  if (on) CALLGRIND_TOGGLE_COLLECT;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB [ROUNDS [floor] [index_free]]\n", argv[0]);
    return 2;
  }
  std::string path = argv[1];
  int rounds = argc > 2 ? std::atoi(argv[2]) : 400;
  bool floor = false, index_free = false;
  for (int i = 3; i < argc; ++i) {
    floor = floor || std::string(argv[i]) == "floor";
    index_free = index_free || std::string(argv[i]) == "index_free";
  }

  auto db = store::open_database(path);
  db->set_durability(store::Durability::full);
  auto stations = store::stations::all(*db);
  auto volunteers = store::volunteers::all(*db);
  auto projects = store::projects::all(*db);
  if (stations.empty() || volunteers.empty() || projects.empty()) {
    std::fprintf(stderr, "the database needs a station, projects and volunteers\n");
    return 1;
  }
  const Station& station = stations.front();
  // The baseline: same file, same journal mode, durability and connection settings as the
  // kiosk's, one check-in row per transaction into a table a skilled person would make for it.
  SQLite::Database bare(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
  bare.exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; "
      "PRAGMA foreign_keys=ON");
  if (!bare.tableExists("bench_checkins")) {
    bare.exec(R"sql(
BEGIN;
CREATE TABLE bench_checkins (
  id            INTEGER PRIMARY KEY,
  volunteer_id  INTEGER NOT NULL REFERENCES volunteers (id),
  station_id    INTEGER NOT NULL REFERENCES stations (id),
  shift_id      INTEGER REFERENCES shifts (id),
  project_id    INTEGER REFERENCES projects (id),
  raw_in        INTEGER NOT NULL,
  raw_out       INTEGER,
  eff_in        INTEGER NOT NULL,
  eff_out       INTEGER,
  status        TEXT NOT NULL CHECK (status = 'open' OR status = 'closed' OR status = 'auto_closed'
                OR status = 'confirmed' OR status = 'corrected' OR status = 'rejected'),
  credited_min  INTEGER NOT NULL DEFAULT 0 CHECK (credited_min >= 0),
  note          TEXT NOT NULL DEFAULT '',
  CHECK (raw_out IS NULL OR raw_out >= raw_in),
  CHECK (eff_out IS NULL OR eff_out >= eff_in)
);
INSERT INTO bench_checkins SELECT id, volunteer_id, station_id, shift_id, project_id, raw_in,
  raw_out, eff_in, eff_out, status, credited_min, note FROM sessions WHERE status <> 'open';
CREATE INDEX bench_checkins_by_volunteer ON bench_checkins (volunteer_id, eff_in);
CREATE UNIQUE INDEX bench_checkins_one_open ON bench_checkins (volunteer_id) WHERE status = 'open';
COMMIT;
)sql");
  }
  SQLite::Statement insert(bare,
                           "INSERT INTO bench_checkins (volunteer_id, station_id, shift_id, "
                           "project_id, raw_in, eff_in, status) VALUES (?, ?, ?, ?, ?, ?, 'open')");
  SQLite::Statement close_row(bare,
                              "UPDATE bench_checkins SET raw_out = ?, eff_out = ?, status = "
                              "'closed' WHERE id = ?");
  // The earlier baseline (until 2026-12-01): three columns, no index, no check.
  bare.exec(
      "CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, volunteer TEXT, "
      "at INTEGER)");
  SQLite::Statement insert_index_free(bare, "INSERT INTO bench_bare (volunteer, at) VALUES (?, ?)");
  // Not a baseline but the floor of the ledger's schema, for the record: the same file, one
  // session row (a closed walk-in of the round's volunteer, 06:00-06:30, nothing credited: as
  // many index entries as a walk-in's check-in) written with the checks and indexes of the
  // sessions table and nothing else, in its own transaction.
  SQLite::Statement session_row(bare,
                                "INSERT INTO sessions (volunteer_id, station_id, raw_in, raw_out, "
                                "eff_in, eff_out, status) VALUES (?, ?, ?, ?, ?, ?, 'closed')");
  auto session_insert = [&](const Volunteer& v, Instant at) {
    bare.exec("BEGIN IMMEDIATE");
    session_row.bind(1, static_cast<int64_t>(v.id.value));
    session_row.bind(2, static_cast<int64_t>(station.id.value));
    for (int col : {3, 5}) session_row.bind(col, static_cast<int64_t>(at.seconds));
    for (int col : {4, 6}) session_row.bind(col, static_cast<int64_t>(at.plus_minutes(30).seconds));
    session_row.exec();
    session_row.reset();
    bare.exec("COMMIT");
  };
  // The row the kiosk writes: a walk-in's, or a rostered check-in's with its shift and project.
  auto bare_insert = [&](const Volunteer& v, Instant at, const Shift* shift) {
    bare.exec("BEGIN IMMEDIATE");
    insert.bind(1, static_cast<int64_t>(v.id.value));
    insert.bind(2, static_cast<int64_t>(station.id.value));
    if (shift) {
      insert.bind(3, static_cast<int64_t>(shift->id.value));
      insert.bind(4, static_cast<int64_t>(shift->project.value));
    } else {
      insert.bind(3);
      insert.bind(4);
    }
    for (int col : {5, 6}) insert.bind(col, static_cast<int64_t>(at.seconds));
    insert.exec();
    insert.reset();
    bare.exec("COMMIT");
  };
  auto bare_check_out = [&](Instant at) {  // untimed, like the kiosk's check-out
    close_row.bind(1, static_cast<int64_t>(at.seconds));
    close_row.bind(2, static_cast<int64_t>(at.seconds));
    close_row.bind(3, static_cast<int64_t>(bare.getLastInsertRowid()));
    close_row.exec();
    close_row.reset();
  };
  auto index_free_insert = [&](const Volunteer& v, Instant at) {
    bare.exec("BEGIN IMMEDIATE");
    insert_index_free.bind(1, v.number);
    insert_index_free.bind(2, static_cast<int64_t>(at.seconds));
    insert_index_free.exec();
    insert_index_free.reset();
    bare.exec("COMMIT");
  };

  // Forgotten check-outs of the demo season would make the kiosk ask first: answer them now.
  {
    kiosk::Ledger ledger(*db, "bench");
    for (const auto& v : volunteers)
      for (const auto& s : ledger.awaiting_answer(v.id))
        ledger.propose(s.id, s.raw_out.value_or(s.effective_in),
                       s.raw_out.value_or(s.effective_in));
  }
  // One day per round, far after the demo season so nothing of it interferes: a walk-in at
  // 08:00 and, for the rostered check-in, a 09:00–12:00 shift the round's volunteer is on.
  Date first_day = parse_date("2030-01-07");
  auto at = [&](int round, int hour) {
    return at_local(first_day.plus_days(round), TimeOfDay{hour * 60}, station.zone);
  };
  std::vector<const Volunteer*> who;
  std::vector<Shift> rostered_shifts;
  for (std::size_t vi = 0; who.size() < std::size_t(rounds); ++vi) {
    const Volunteer& v = volunteers[vi % volunteers.size()];
    if (v.status == VolunteerStatus::active && may_serve(v, first_day)) who.push_back(&v);
  }
  {
    store::Transaction tx(*db);
    for (int r = 0; r < rounds; ++r) {
      Shift s;
      s.station = station.id;
      s.project = projects[std::size_t(r) % projects.size()].id;
      s.time = {at(r, 9), at(r, 12)};
      s.id = store::shifts::insert(*db, s);
      rostered_shifts.push_back(s);
      Assignment a;
      a.shift = s.id;
      a.volunteer = who[std::size_t(r)]->id;
      store::assignments::insert(*db, a);
    }
    tx.commit();
  }

  Instant now;
  kiosk::Kiosk k(*db, station.id, [&] { return now; });
  // A check-in is timed in two states of the kiosk's connection: right after its own last write
  // (the one kiosk of a station, between two volunteers) and right after another process wrote
  // (several kiosks on one file), which empties SQLite's page cache for it.
  const std::string collect = collect_what();
  enum Kind { walk_in, rostered };
  enum State { after_own, after_other };
  std::vector<double> check_out_us, kiosk_us[2][2], bare_us[2][2], session_us, index_free_us;
  // Checks in (timed, with its answer screen) and out again (timed for the record: the
  // volunteer's other scan, which writes the ledger's totals too).
  auto check_in_out = [&](const Volunteer& v, Instant in, Kind kind, State state) {
    now = in;
    kiosk::Screen screen;
    bool on = collect.empty() || collect == (kind == rostered ? "rostered" : "walk_in");
    double us = micros([&] { counted(on, [&] { screen = k.handle(v.number); }); });
    bool shift_shown =
        screen.lines.size() > 1 && screen.lines[1].render(Lang::en).starts_with("Shift");
    if (screen.title.render(Lang::en) != "Checked in" || shift_shown != (kind == rostered)) {
      std::fprintf(stderr, "%s: %s\n", v.number.c_str(),
                   screen.lines.empty() ? "?" : screen.lines[0].render(Lang::en).c_str());
      std::exit(1);
    }
    kiosk_us[kind][state].push_back(us);
    now = in.plus_minutes(5);
    check_out_us.push_back(micros([&] { k.handle(v.number); }));
  };
  for (int r = 0; r < rounds; ++r) {
    const Volunteer& v = *who[std::size_t(r)];
    // The bare check-ins in the order of the kiosk's below, kind by kind and state by state:
    // first right after the other connection wrote, a walk-in's row in even rounds and the
    // round's rostered check-in's (shift and project) in odd; then the other kind right after
    // its own last write (a check-out). Each connection so meets a row's pages with the same
    // history: a rostered check-in after its own write follows a walk-in on both, and reads its
    // shift's pages anew on both (until 2026-12-06 the bare connection wrote one kind in both
    // states of a round, so its rostered row after its own write found them cached).
    const Kind first = r % 2 == 0 ? walk_in : rostered;
    for (auto [kind, state] : {std::pair{first, after_other},
                               std::pair{first == walk_in ? rostered : walk_in, after_own}}) {
      Instant in = at(r, 7).plus_minutes(state == after_own ? 10 : 0);
      const Shift* shift = kind == rostered ? &rostered_shifts[std::size_t(r)] : nullptr;
      bare_us[kind][state].push_back(
          micros([&] { counted(collect == "bare", [&] { bare_insert(v, in, shift); }); }));
      bare_check_out(in.plus_minutes(5));
    }
    if (index_free) index_free_us.push_back(micros([&] { index_free_insert(v, at(r, 7)); }));
    if (floor)
      session_us.push_back(
          micros([&] { counted(collect == "session_row", [&] { session_insert(v, at(r, 6)); }); }));
    // Alternate which kind comes first, so each kind is timed in both states.
    if (r % 2 == 0) {
      check_in_out(v, at(r, 8), walk_in, after_other);
      check_in_out(v, at(r, 9), rostered, after_own);
    } else {
      check_in_out(v, at(r, 9), rostered, after_other);
      check_in_out(v, at(r, 13), walk_in, after_own);
    }
  }
  // Each check-in's ratio is to the bare check-in of the same row in the same state of its
  // connection; the walk-in row's (the bare check-in until 2026-12-04) is printed beside.
  const char* kinds[] = {"walk-in", "rostered shift"};
  const char* states[] = {"after its own last write", "after another process wrote"};
  double bm[2][2];
  std::printf(
      "rounds %d (median of each; ratio to the bare insert+commit of the same row in the same "
      "state)\n",
      rounds);
  for (int kind : {walk_in, rostered})
    for (int state : {after_own, after_other}) {
      bm[kind][state] = median(bare_us[kind][state]);
      std::printf("bare insert+commit, %-14s %-28s %5.0f us\n", kinds[kind], states[state],
                  bm[kind][state]);
    }
  if (index_free) {
    double im = median(index_free_us);
    std::printf("index-free row (the baseline until 12-01), own    %5.0f us  ratio %.2f\n", im,
                im / bm[walk_in][after_own]);
  }
  if (floor) {
    double sm = median(session_us);
    std::printf("one session row alone (schema's floor), own       %5.0f us  ratio %.2f\n", sm,
                sm / bm[walk_in][after_own]);
  }
  for (int kind : {rostered, walk_in})
    for (int state : {after_own, after_other}) {
      double m = median(kiosk_us[kind][state]);
      std::printf("kiosk check-in, %-14s %-28s %5.0f us  ratio %.2f", kinds[kind], states[state], m,
                  m / bm[kind][state]);
      if (kind == rostered) std::printf("  (to the walk-in row %.2f)", m / bm[walk_in][state]);
      std::printf("\n");
    }
  std::printf("kiosk check-out (for the record, each check-in's)                  %5.0f us\n",
              median(check_out_us));
  return 0;
}
