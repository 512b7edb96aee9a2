// One kiosk check-in (lookup by volunteer number, the rules, a durable commit) against a bare
// SQLite insert-and-commit of one row on the same file, in the same run, interleaved so that
// machine noise hits both alike. Prints the median of each and their ratio.
//   vstation_kiosk_bench DB [ROUNDS]   DB: a scratch copy of a station database (it is written)

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB [ROUNDS]\n", argv[0]);
    return 2;
  }
  std::string path = argv[1];
  int rounds = argc > 2 ? std::atoi(argv[2]) : 400;

  auto db = store::open_database(path);
  db->set_durability(store::Durability::full);
  auto stations = store::stations::all(*db);
  auto volunteers = store::volunteers::all(*db);
  if (stations.empty() || volunteers.empty()) {
    std::fprintf(stderr, "the database needs a station and volunteers\n");
    return 1;
  }
  // The baseline: same file, same journal mode and durability, one row per transaction.
  SQLite::Database bare(path, SQLite::OPEN_READWRITE);
  bare.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000");
  bare.exec(
      "CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, volunteer TEXT, at INTEGER)");
  SQLite::Statement insert(bare, "INSERT INTO bench_bare (volunteer, at) VALUES (?, ?)");

  // Forgotten check-outs of the demo season would make the kiosk ask first: answer them now.
  {
    kiosk::Ledger ledger(*db, "bench");
    for (const auto& v : volunteers)
      for (const auto& s : ledger.awaiting_answer(v.id))
        ledger.record_answer(s.id, true, Instant{0});
  }
  // Check-ins far after the demo season so no roster or open session interferes; each round
  // checks a volunteer in (measured) and out again (not measured).
  Instant t = parse_instant("2030-01-07T08:00", stations.front().offset);
  Instant now = t;
  kiosk::Kiosk k(*db, stations.front().id, [&] { return now; });
  std::vector<double> kiosk_us, bare_us;
  std::size_t vi = 0;
  for (int r = 0; r < rounds; ++r) {
    const auto* v = &volunteers[vi++ % volunteers.size()];
    while (v->status != VolunteerStatus::active ||
           !may_serve(*v, local_date(now, stations.front().offset)))
      v = &volunteers[vi++ % volunteers.size()];
    now = t.plus_minutes(r * 10);
    auto a = Clock::now();
    auto screen = k.handle(v->number);
    auto b = Clock::now();
    if (screen.title.render(Lang::en) != "Checked in") {
      std::fprintf(stderr, "round %d: %s\n", r,
                   screen.lines.empty() ? "?" : screen.lines[0].render(Lang::en).c_str());
      return 1;
    }
    kiosk_us.push_back(std::chrono::duration<double, std::micro>(b - a).count());
    now = now.plus_minutes(5);
    k.handle(v->number);  // check out again

    auto c = Clock::now();
    bare.exec("BEGIN IMMEDIATE");
    insert.bind(1, v->number);
    insert.bind(2, static_cast<int64_t>(now.seconds));
    insert.exec();
    insert.reset();
    bare.exec("COMMIT");
    auto d = Clock::now();
    bare_us.push_back(std::chrono::duration<double, std::micro>(d - c).count());
  }
  double km = median(kiosk_us), bm = median(bare_us);
  std::printf(
      "rounds %d\nkiosk check-in median %.0f us\nbare insert+commit median %.0f us\nratio %.2f\n",
      rounds, km, bm, km / bm);
  return 0;
}
