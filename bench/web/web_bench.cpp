// The web face's cost over the library it calls (issue 15): an HTTP check-in round trip
// (POST /api/v1/checkin through `vstation serve` on loopback, keep-alive; then again, which checks
// out) against the in-process kiosk check-in and check-out (kiosk::Ledger on the same database,
// committed as the terminal kiosk commits, synchronous=FULL), in the same run, interleaved round
// by round; target ratio at the median <= 1.5. Also the server's fixed overhead: the HTTP round
// trip of GET /healthz, GET /me and the check-in against web::App::handle for the same request in
// this process (no socket).
//   vstation_web_bench VSTATION_BIN DB [ROUNDS=400]    DB: a scratch station database (written)
// The check-in part is skipped, saying so, while the server has no POST /api/v1/checkin (its GET
// answers 404 rather than 405). VSTATION_NOW (inherited by the server) pins the pages' clock, e.g.
// in the demo season so that /me sums a busy quarter; the ledger and the check-in code keep the
// wall clock (a pinned server clock then refuses the code as stale).

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "vstation/kiosk/checkin_code.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/web/app.hpp"
#include "web_client.hpp"

using namespace vstation;
using namespace vstation::bench_web;

namespace {

constexpr const char* kPin = "2580";

Instant wall_now() {
  return Instant{std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count()};
}

// The station's current check-in code, as the kiosk tablet shows it (a QR code rotating every 30
// seconds) and as the server checks it: the kiosk's rule under the station's secret.
std::string station_code(store::Connection& db, StationId station, Instant now) {
  return kiosk::current_checkin_code(store::web::station_secret(db, station, now), station, now);
}

constexpr int kQuietMs = 5;

double median(std::vector<double> v) {
  return percentile(std::move(v), 0.5);
}

template <class F>
double micros(F&& f) {
  auto t0 = Clock::now();
  f();
  return 1000 * millis_since(t0);
}

// A durable commit timed from a quiet disk, as check-ins seconds apart are: on this virtual disk
// a cache flush issued right after another often waits for it, so back to back the second commit
// of any pair was charged the first one's flush and the order, not the route, decided which
// median looked slow. The pause does not make the disk's flush time stable (it is bimodal).
template <class F>
double durable_micros(F&& f) {
  std::this_thread::sleep_for(std::chrono::milliseconds(kQuietMs));
  auto t0 = Clock::now();
  f();
  return 1000 * millis_since(t0);
}

VolunteerId add_volunteer(store::Connection& db, const std::string& number) {
  Volunteer v;
  v.number = number;
  v.name = "基准" + number;
  v.join_date = parse_date("2023-01-01");
  auto id = store::volunteers::insert(db, v);
  store::identity::set_pin_hash(db, id, kiosk::hash_pin(kPin));
  return id;
}

web::Request in_process(const std::string& method, const std::string& path,
                        const std::string& cookie, std::string body = {},
                        const std::string& type = "application/x-www-form-urlencoded") {
  web::Request r;
  r.method = method;
  r.path = path;
  r.remote = "10.0.0.1";
  r.headers["host"] = "bench";
  if (!cookie.empty()) r.headers["cookie"] = cookie;
  if (method == "POST") r.headers["content-type"] = type;
  r.body = std::move(body);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s VSTATION_BIN DB [ROUNDS]\n", argv[0]);
    return 2;
  }
  const std::string vstation = argv[1], spec = argv[2];
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 400;

  auto db = store::open_database(spec);
  store::Lookup lookup(*db);
  const StationId station = lookup.default_station();
  // Three new volunteers: one for each path, so no path's sessions meet another's.
  const std::string suffix = std::to_string(wall_now().seconds % 100000);
  VolunteerId ledger_v, kiosk_v, app_v;
  {
    store::Transaction tx(*db);
    add_volunteer(*db, "WH" + suffix);
    ledger_v = add_volunteer(*db, "WL" + suffix);
    kiosk_v = add_volunteer(*db, "WK" + suffix);
    app_v = add_volunteer(*db, "WA" + suffix);
    tx.commit();
  }
  (void)app_v;

  Server server(vstation, spec);
  Phone phone(server.port(), phone_address(1));
  auto must = [](const Reply& r, int status, const char* what) {
    if (r.status != status) {
      std::fprintf(stderr, "%s: %d %s\n", what, r.status, r.body.substr(0, 300).c_str());
      std::exit(1);
    }
    return r;
  };
  must(phone.post_form("/signin", "number=WH" + suffix + "&pin=" + kPin), 303, "HTTP sign-in");
  must(phone.get("/me"), 200, "HTTP /me");

  // The same site in this process, on its own connection, as the server's worker threads do.
  std::function<Instant()> clock = wall_now;
  if (const char* pinned = std::getenv("VSTATION_NOW"))
    clock = [t = parse_instant(pinned, lookup.station_record(station).zone)] { return t; };
  web::App app(
      [&] {
        return store::open_database(spec, {false, false});
      },
      web::Config{station, clock});
  std::string cookie;
  {
    auto r = app.handle(in_process("POST", "/signin", "", "number=WA" + suffix + "&pin=" + kPin));
    auto set = r.header("Set-Cookie").value_or("");
    cookie = set.substr(0, set.find(';'));
    if (r.status != 303 || cookie.empty()) {
      std::fprintf(stderr, "in-process sign-in: %d\n", r.status);
      return 1;
    }
  }

  auto db_ledger = store::open_database(spec, {false, false});
  kiosk::Ledger ledger(*db_ledger, "bench");
  // The kiosk's own durability (an acknowledged check-in is on disk: synchronous=FULL); the
  // server's connections keep the default.
  auto db_kiosk = store::open_database(spec, {false, false});
  db_kiosk->set_durability(store::Durability::full);
  kiosk::Ledger kiosk_ledger(*db_kiosk, "bench");
  const bool checkin_route = phone.get("/api/v1/checkin").status != 404;
  std::string csrf;
  {
    auto me = app.handle(in_process("GET", "/me", cookie)).body;
    auto at = me.find("name=\"csrf\" value=\"");
    if (at != std::string::npos) csrf = me.substr(at + 19, 64);
  }

  std::vector<double> http_health, http_health_idle, app_health, http_me, app_me, ledger_in,
      kiosk_in, kiosk_out, kiosk_both, http_in, http_out, http_both, app_in, app_out;
  for (int r = 0; r < rounds; ++r) {
    http_health.push_back(micros([&] { must(phone.get("/healthz"), 200, "HTTP /healthz"); }));
    // The same after the pause every durable sample takes: the server's thread (and its vCPU)
    // has gone idle, as before each check-in timed below.
    http_health_idle.push_back(
        durable_micros([&] { must(phone.get("/healthz"), 200, "HTTP /healthz"); }));
    app_health.push_back(micros([&] { (void)app.handle(in_process("GET", "/healthz", "")); }));
    http_me.push_back(micros([&] { must(phone.get("/me"), 200, "HTTP /me"); }));
    app_me.push_back(micros([&] {
      if (app.handle(in_process("GET", "/me", cookie)).status != 200) std::exit(1);
    }));
    // The in-process kiosk check-in at the server's default durability, then (untimed) out.
    ledger_in.push_back(micros([&] { ledger.check_in(ledger_v, station, wall_now()); }));
    ledger.check_out(ledger_v, wall_now());
    if (!checkin_route) continue;
    // The first POST checks in, the second out again: it says so, as a second scan within two
    // minutes that does not is taken for a repeat of the first.
    const std::string code = station_code(*db, station, wall_now());
    const std::string body = R"({"code":")" + code + "\"}";
    const std::string body_out = R"({"code":")" + code + R"(","action":"out"})";
    auto expect = [](const Reply& r, const char* action) {
      if (r.body.find(action) == std::string::npos) {
        std::fprintf(stderr, "HTTP check-in: expected %s, got %s\n", action, r.body.c_str());
        std::exit(1);
      }
    };
    // The HTTP round trip (in, then out) and the terminal kiosk's (synchronous=FULL), in turn
    // first: on a disk an fsync right after another may wait for it, so neither pair always
    // follows the other.
    auto kiosk_pair = [&] {
      kiosk_in.push_back(
          durable_micros([&] { kiosk_ledger.check_in(kiosk_v, station, wall_now()); }));
      kiosk_out.push_back(durable_micros([&] { kiosk_ledger.check_out(kiosk_v, wall_now()); }));
      kiosk_both.push_back(kiosk_in.back() + kiosk_out.back());
    };
    auto http_pair = [&] {
      http_in.push_back(durable_micros([&] {
        expect(must(phone.post_json("/api/v1/checkin", body), 200, "HTTP check-in"), "check_in");
      }));
      http_out.push_back(durable_micros([&] {
        expect(must(phone.post_json("/api/v1/checkin", body_out), 200, "HTTP check-out"),
               "check_out");
      }));
      http_both.push_back(http_in.back() + http_out.back());
    };
    if (r % 2 == 0) {
      kiosk_pair();
      http_pair();
    } else {
      http_pair();
      kiosk_pair();
    }
    auto post = [&](const std::string& b) {
      return [&] {
        auto q = in_process("POST", "/api/v1/checkin", cookie, b, "application/json");
        q.headers["x-csrf-token"] = csrf;
        if (app.handle(q).status != 200) std::exit(1);
      };
    };
    app_in.push_back(durable_micros(post(body)));
    app_out.push_back(durable_micros(post(body_out)));
  }

  // Every round's durable samples in order, to tell a phase (the WAL growing, then reused) from
  // a coin toss in the disk's flush time.
  if (const char* trace = std::getenv("VSTATION_BENCH_TRACE")) {
    if (FILE* f = std::fopen(trace, "w")) {
      std::fprintf(f, "round,http_in,http_out,kiosk_in,kiosk_out\n");
      for (std::size_t i = 0; i < http_in.size() && i < kiosk_in.size(); ++i)
        std::fprintf(f, "%zu,%.0f,%.0f,%.0f,%.0f\n", i, http_in[i], http_out[i], kiosk_in[i],
                     kiosk_out[i]);
      std::fclose(f);
    }
  }
  std::printf("web bench: %s, %d rounds, median microseconds (HTTP: loopback, keep-alive)\n",
              std::string(db->backend()).c_str(), rounds);
  std::printf(
      "GET /healthz      HTTP %7.0f (after a %d ms pause %7.0f)   in-process App::handle %7.0f\n",
      median(http_health), kQuietMs, median(http_health_idle), median(app_health));
  std::printf("GET /me           HTTP %7.0f   in-process App::handle %7.0f   ratio %.2f\n",
              median(http_me), median(app_me), median(http_me) / median(app_me));
  if (!checkin_route) {
    for (int r = 0; r < rounds; ++r) {
      kiosk_in.push_back(
          durable_micros([&] { kiosk_ledger.check_in(kiosk_v, station, wall_now()); }));
      kiosk_out.push_back(durable_micros([&] { kiosk_ledger.check_out(kiosk_v, wall_now()); }));
    }
  }
  std::printf(
      "kiosk::Ledger in process: check-in %7.0f at the server's default durability; as the "
      "terminal kiosk (synchronous=FULL): check-in %7.0f, check-out %7.0f\n",
      median(ledger_in), median(kiosk_in), median(kiosk_out));
  if (!checkin_route) {
    std::printf("check-in over HTTP: skipped, the server has no POST /api/v1/checkin yet\n");
  } else {
    std::printf(
        "POST /api/v1/checkin  check-in: HTTP %7.0f, App::handle %7.0f; check-out: HTTP "
        "%7.0f, App::handle %7.0f\n",
        median(http_in), median(app_in), median(http_out), median(app_out));
    std::printf(
        "round trip (in + out): HTTP %7.0f, kiosk::Ledger as the kiosk commits %7.0f; ratio at "
        "the median %.2f (target <= 1.5); check-in alone %.2f, check-out alone %.2f\n",
        median(http_both), median(kiosk_both), median(http_both) / median(kiosk_both),
        median(http_in) / median(kiosk_in), median(http_out) / median(kiosk_out));
  }
  return server.stop() == 0 ? 0 : 1;
}
