// Many kiosk clients writing at once to one database (a district's PostgreSQL server, or a
// SQLite file): each client thread has its own connection and its own volunteers' check-ins and
// check-outs, through the kiosk ledger (its retry loop included), or with `kiosk` through the
// kiosk itself (a scan: look-ups, auto-close check, the write and the answer screen in one
// transaction; the kiosks share one clock, so each check-out is a quick one the kiosk asks to
// confirm, answered yes). Prints throughput and the latency percentiles of one acknowledged
// operation, then counts the sessions: zero lost.
//   vstation_kiosk_concurrency DB [CLIENTS] [OPERATIONS] [ledger|kiosk]    DB: an empty scratch
//   database
// Several stations share the server: the clients are spread over 10 stations.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB [CLIENTS] [OPERATIONS]\n", argv[0]);
    return 2;
  }
  std::string spec = argv[1];
  int clients = argc > 2 ? std::atoi(argv[2]) : 50;
  int operations = argc > 3 ? std::atoi(argv[3]) : 20000;
  bool through_kiosk = argc > 4 && std::string(argv[4]) == "kiosk";
  int pairs = operations / clients / 2;  // per client: one volunteer, check-in + check-out pairs

  std::vector<StationId> stations;
  std::vector<VolunteerId> volunteers;
  TimeZone offset;
  {
    auto db = store::open_database(spec);
    store::Transaction tx(*db);
    for (int s = 0; s < 10; ++s) {
      Station st;
      st.code = "bench" + std::to_string(s);
      st.name = "站" + std::to_string(s);
      st.id = store::stations::insert(*db, st);
      offset = st.zone;
      stations.push_back(st.id);
    }
    for (int c = 0; c < clients; ++c) {
      Volunteer v;
      v.number = "B" + std::to_string(c);
      v.name = "志愿者" + std::to_string(c);
      v.join_date = parse_date("2023-01-01");
      volunteers.push_back(store::volunteers::insert(*db, v));
    }
    tx.commit();
  }

  std::vector<double> latencies;
  std::mutex mu;
  std::atomic<int> errors{0};
  auto started = Clock::now();
  Instant base = at_local(parse_date("2024-01-01"), TimeOfDay{9 * 60}, offset);
  auto shared_now = [&] {
    return Instant{base.seconds +
                   std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count()};
  };
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      std::vector<double> mine;
      try {
        auto db = store::open_database(spec);
        db->set_durability(store::Durability::full);
        kiosk::Ledger ledger(*db, "bench");
        kiosk::Kiosk kiosk(*db, stations[std::size_t(c % 10)], shared_now);
        std::string number = "B" + std::to_string(c);
        auto expect = [&](std::string_view input, std::string_view title) {
          auto screen = kiosk.handle(input);
          if (screen.title.render(Lang::en) != title && !title.empty())
            throw std::runtime_error(number + ": " + screen.title.render(Lang::en));
        };
        Date day = parse_date("2024-01-01");
        for (int i = 0; i < pairs && through_kiosk; ++i) {
          auto t0 = Clock::now();
          expect(number, "Checked in");
          auto t1 = Clock::now();
          expect(number, "");  // "You checked in N s ago. Check out now?"
          expect("y", "Checked out");
          auto t2 = Clock::now();
          mine.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
          mine.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        }
        for (int i = 0; i < pairs && !through_kiosk; ++i) {
          Instant in = at_local(day.plus_days(i), TimeOfDay{9 * 60}, offset);
          auto t0 = Clock::now();
          ledger.check_in(volunteers[std::size_t(c)], stations[std::size_t(c % 10)], in);
          auto t1 = Clock::now();
          ledger.check_out(volunteers[std::size_t(c)], in.plus_minutes(60));
          auto t2 = Clock::now();
          mine.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
          mine.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "client %d: %s\n", c, e.what());
        ++errors;
      }
      std::lock_guard lock(mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  auto db = store::open_database(spec);
  auto closed = db->scalar("SELECT COUNT(*) FROM sessions WHERE status = 'closed'").value_or(0);
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    return latencies.empty() ? 0.0 : latencies[std::min(latencies.size() - 1, std::size_t(p * double(latencies.size())))];
  };
  std::printf("backend %s, %s, %d clients, %zu operations in %.2f s: %.0f operations/s\n",
              std::string(db->backend()).c_str(), through_kiosk ? "kiosk" : "ledger", clients,
              latencies.size(), seconds,
              double(latencies.size()) / seconds);
  std::printf("latency ms: p50 %.2f, p99 %.2f, max %.2f\n", pct(0.50), pct(0.99), pct(1.0));
  std::printf("closed sessions %lld of %d expected, client errors %d\n", static_cast<long long>(closed),
              clients * pairs, errors.load());
  return (errors == 0 && closed == clients * pairs) ? 0 : 1;
}
