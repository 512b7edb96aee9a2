// The web face under load (issue 15): CLIENTS concurrent phones for SECONDS against
// `vstation serve` on a loopback port, each looping through the steps of a visit (sign in, look at
// their page and the open slots, sign up for a shift and cancel it again, check in and out with
// the station's rotating code, sign out) over one keep-alive connection with its cookies. Every
// request's latency is recorded per step; any status but the step's expected one is an error.
// After the run the database is checked against what the server acknowledged: every sign-in made
// one session and every sign-out revoked one; every sign-up put the volunteer on the shift and
// every cancel took them off (audit rows and assignments); every check-in opened one attendance
// session and every check-out closed one (nothing lost, nothing extra).
//   vstation_web_load VSTATION_BIN DB [CLIENTS=50] [SECONDS=60] [SERVER_THREADS=8] [THINK_MS=0]
//                     [STAFF=0]
// STAFF: that many coordinators' browsers at the same time (issue 16), each signing in and then
// refreshing the week board and the "today" view, as a desk screen does, and signing out again
// after kStaffRefreshes rounds; their steps are tallied beside the phones'.
// THINK_MS: a pause after each answer, as a person reading it; 0 (the default) sends the next
// request at once, so the server is saturated and latency is mostly queueing.
// DB: a scratch station database (SQLite file or postgresql:// URL), e.g. `vstation demo`'s. The
// program gives CLIENTS volunteers who may serve today a PIN (adding volunteers L0001... when the
// database has too few), adds a project and a shift in 30 days with a place for each phone, sets
// the station's cancellation deadline to 0 hours (so a place may be cancelled at once and taken
// again in the next visit), and starts and stops the server itself. The check-in code is the one
// the kiosk tablet shows: kiosk::current_checkin_code under store::web::station_secret, as the
// server checks it. Exit status 0: no error, nothing lost. tests/load/web_load.sh makes the
// database for either backend and runs this.
//
// Adding a step: one entry in steps() (what it sends, the status it expects); a step whose route
// is not there yet names it in `needs_route` and is skipped, with a note, while GET on that path
// answers 404 (a route known under POST only answers GET with 405).

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include "vstation/kiosk/checkin_code.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"
#include "web_client.hpp"

using namespace vstation;
using namespace vstation::bench_web;

namespace {

constexpr const char* kPin = "2580";
// The server's per-address sign-in limit (20 attempts in ten minutes, signin_pages.cpp): a phone
// that has used it up comes back from a fresh address, as the next phone would.
constexpr int kSignInsPerAddress = 20;
constexpr const char* kStaffPassword = "load-password-1";
// A staff browser's visit: sign in, this many refreshes of the board and "today", sign out.
constexpr int kStaffRefreshes = 10;

Instant wall_now() {
  return Instant{std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count()};
}

// What the phones share: the shift they sign up for and the station's code secret.
struct Prepared {
  std::vector<std::string> numbers;
  std::vector<std::string> staff_logins;
  std::string shift;  // its id
  StationId station;
  std::string secret;
};

struct Client {
  Phone phone;
  std::string number;  // a phone's volunteer number, a staff browser's login
  const Prepared* p;
  // The station's code now, as the kiosk tablet shows it (the server accepts this window's and
  // the one before).
  // `action` "in" or "out" says which way (a second scan within two minutes that does not is
  // taken for a repeat of the check-in).
  std::string code_json(std::string_view action) const {
    return R"({"code":")" + kiosk::current_checkin_code(p->secret, p->station, wall_now()) +
           R"(","action":")" + std::string(action) + "\"}";
  }
};

struct Step {
  std::string name;
  int expect;  // the status that counts as success
  std::function<Reply(Client&)> send;
  std::string needs_route = {};  // skipped while this path is unknown to the server (404)
  std::string expect_in = {};    // and, if given, what the answer (its Location or body) holds
};

std::vector<Step> steps() {
  return {
      {"sign in", 303,
       [](Client& c) {
         return c.phone.post_form("/signin", "number=" + c.number + "&pin=" + kPin);
       }},
      {"my page", 200, [](Client& c) { return c.phone.get("/me"); }},
      {"open slots", 200, [](Client& c) { return c.phone.get("/shifts"); }, "/shifts"},
      {"sign up", 303,
       [](Client& c) {
         return c.phone.post_form("/shifts/" + c.p->shift + "/signup", "csrf=" + c.phone.csrf());
       },
       "/shifts/1/signup", "done=signed-up"},
      {"cancel", 303,
       [](Client& c) {
         return c.phone.post_form("/shifts/" + c.p->shift + "/cancel",
                                  "csrf=" + c.phone.csrf() + "&from=me");
       },
       "/shifts/1/cancel", "done=cancelled"},
      {"check in", 200,
       [](Client& c) { return c.phone.post_json("/api/v1/checkin", c.code_json("in")); },
       "/api/v1/checkin", R"("action":"check_in")"},
      {"check out", 200,
       [](Client& c) { return c.phone.post_json("/api/v1/checkin", c.code_json("out")); },
       "/api/v1/checkin", R"("action":"check_out")"},
      {"sign out", 303,
       [](Client& c) { return c.phone.post_form("/signout", "csrf=" + c.phone.csrf()); }},
  };
}

// A coordinator's desk screen: the board and today's view refreshed while the phones work.
std::vector<Step> staff_steps() {
  std::vector<Step> out{{"staff sign in", 303, [](Client& c) {
                           return c.phone.post_form(
                               "/staff/signin",
                               "login=" + c.number + "&password=" + kStaffPassword);
                         }}};
  for (int i = 0; i < kStaffRefreshes; ++i) {
    out.push_back(
        {"staff board", 200, [](Client& c) { return c.phone.get("/staff/week"); }, "/staff/week"});
    out.push_back({"staff today", 200, [](Client& c) { return c.phone.get("/staff/today"); },
                   "/staff/today"});
  }
  out.push_back({"staff sign out", 303, [](Client& c) {
                   return c.phone.post_form("/staff/signout", "csrf=" + c.phone.csrf());
                 }});
  return out;
}

struct Tally {
  std::vector<double> ms;
  std::int64_t errors = 0;
};

// What the database holds of the phones' doings (compared before and after the run).
struct Counts {
  std::int64_t sessions = 0, revoked = 0;        // web sign-in sessions
  std::int64_t signed_up = 0, cancelled = 0;     // audit rows of web sign-ups and cancels
  std::int64_t on_shift = 0;                     // people on the load shift (not cancelled)
  std::int64_t checked_in = 0, checked_out = 0;  // attendance sessions begun since `since`
};

Counts count(store::Connection& db, const Prepared& p, Instant since) {
  auto n = [&](std::string_view sql, std::vector<store::Value> args = {}) {
    return db.scalar(sql, std::move(args)).value_or(-1);
  };
  const store::Value shift{std::int64_t(std::stoll(p.shift))}, from{since.seconds};
  return {
      n("SELECT COUNT(*) FROM web_sessions"),
      n("SELECT COUNT(*) FROM web_sessions WHERE revoked = 1"),
      n("SELECT COUNT(*) FROM audit WHERE entity = 'assignment' AND action = 'signed_up' "
        "AND actor LIKE 'web volunteer %'"),
      n("SELECT COUNT(*) FROM audit WHERE entity = 'assignment' AND action = 'cancelled' "
        "AND actor LIKE 'web volunteer %'"),
      n("SELECT COUNT(*) FROM assignments WHERE shift_id = ? AND status <> 'cancelled'", {shift}),
      n("SELECT COUNT(*) FROM sessions WHERE raw_in >= ?", {from}),
      n("SELECT COUNT(*) FROM sessions WHERE raw_in >= ? AND raw_out IS NOT NULL", {from})};
}

// CLIENTS volunteer numbers who may sign in today, each with the PIN kPin; a shift in 30 days
// (a project of its own, no skill asked) with a place for each; a cancellation deadline of 0.
Prepared prepare(store::Connection& db, int clients, int staff) {
  const Instant now = wall_now();
  store::Lookup lookup(db);
  Prepared out;
  out.station = lookup.default_station();
  Station st = lookup.station_record(out.station);
  const Date today = local_date(now, st.zone);
  const std::string hash = kiosk::hash_pin(kPin);
  store::Transaction tx(db);
  std::set<std::string> taken;
  for (const auto& v : store::volunteers::all(db)) {
    taken.insert(v.number);
    if (int(out.numbers.size()) == clients) continue;
    if (v.status != VolunteerStatus::active || serve_bar(v, today, today)) continue;
    store::identity::set_pin_hash(db, v.id, hash);
    out.numbers.push_back(v.number);
  }
  for (int i = 1; int(out.numbers.size()) < clients; ++i) {
    Volunteer v;
    v.number = "L" + std::to_string(10000 + i).substr(1);
    if (taken.count(v.number)) continue;
    v.name = "负载" + std::to_string(i);
    v.join_date = parse_date("2023-01-01");
    store::identity::set_pin_hash(db, store::volunteers::insert(db, v), hash);
    out.numbers.push_back(v.number);
  }
  const std::string staff_hash = staff > 0 ? kiosk::hash_password(kStaffPassword) : "";
  for (int i = 1; i <= staff; ++i) {
    const std::string login =
        "load" + std::to_string(now.seconds % 100000) + "-" + std::to_string(i);
    store::staff::add(db, {login, "", StaffRole::coordinator, out.station, staff_hash, now});
    out.staff_logins.push_back(login);
  }
  st.settings.cancel_deadline_hours = 0;
  st.settings.walk_ins = WalkInPolicy::allow;
  store::stations::update(db, st);
  Project pr;
  pr.code = "load" + std::to_string(now.seconds % 100000);
  pr.station = out.station;
  pr.name = "负载测试";
  pr.published = pr.starts = today;
  Shift sh;
  sh.station = out.station;
  sh.project = store::projects::insert(db, pr);
  sh.time.begin = Instant{now.seconds / 3600 * 3600 + 30 * 86400};
  sh.time.end = sh.time.begin.plus_minutes(180);
  sh.slots = clients;
  out.shift = std::to_string(store::shifts::insert(db, sh).value);
  tx.commit();
  // Made now if the station has none yet; the server reads the same one.
  out.secret = store::web::station_secret(db, out.station, now);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(
        stderr,
        "usage: %s VSTATION_BIN DB [CLIENTS] [SECONDS] [SERVER_THREADS] [THINK_MS] [STAFF]\n",
        argv[0]);
    return 2;
  }
  const std::string vstation = argv[1], spec = argv[2];
  const int clients = argc > 3 ? std::atoi(argv[3]) : 50;
  const int seconds = argc > 4 ? std::atoi(argv[4]) : 60;
  const std::string threads = argc > 5 ? argv[5] : "8";
  const auto think = std::chrono::milliseconds(argc > 6 ? std::atoi(argv[6]) : 0);
  const int staff = argc > 7 ? std::atoi(argv[7]) : 0;

  auto db = store::open_database(spec);
  const Prepared prepared = prepare(*db, clients, staff);
  const Instant since = wall_now();
  const Counts before = count(*db, prepared, since);

  Server server(vstation, spec, {"--threads", threads});
  // The steps the server has routes for, of the phones' visit and of a staff browser's.
  auto active_of = [&](const std::vector<Step>& all) {
    Phone probe(server.port(), phone_address(0));
    std::vector<const Step*> out;
    std::set<std::string> noted;
    for (const auto& s : all) {
      if (!s.needs_route.empty() && probe.get(s.needs_route).status == 404) {
        if (noted.insert(s.name).second)
          std::printf("skipped step '%s': the server has no %s yet\n", s.name.c_str(),
                      s.needs_route.c_str());
        continue;
      }
      out.push_back(&s);
    }
    return out;
  };
  const auto phone_steps = steps(), desk_steps = staff_steps();
  const auto phone_active = active_of(phone_steps);
  const auto staff_active = staff > 0 ? active_of(desk_steps) : std::vector<const Step*>{};

  // Per step name, in the order first met: latencies, errors, acknowledged answers.
  std::vector<std::string> names;
  for (const auto* group : {&phone_active, &staff_active})
    for (const Step* s : *group)
      if (std::find(names.begin(), names.end(), s->name) == names.end()) names.push_back(s->name);
  auto slot_of = [&](const std::string& name) {
    return std::size_t(std::find(names.begin(), names.end(), name) - names.begin());
  };
  std::vector<Tally> tallies(names.size());
  std::vector<std::atomic<std::int64_t>> acked(names.size());
  std::mutex mu;
  std::atomic<std::uint32_t> next_address{1};
  std::atomic<std::int64_t> visits{0};
  std::vector<std::string> samples;  // the first few unexpected answers
  const auto started = Clock::now();
  const auto end = started + std::chrono::seconds(seconds);
  // One client (a phone or a staff browser) repeating its visit until the end of the run.
  auto run = [&](std::string who, const std::vector<const Step*>& active) {
    Client c{Phone(server.port(), phone_address(next_address++)), std::move(who), &prepared};
    std::vector<Tally> mine(names.size());
    int attempts = 0;
    while (Clock::now() < end) {
      if (attempts == kSignInsPerAddress) {
        c.phone.set_address(phone_address(next_address++));
        attempts = 0;
      }
      ++attempts;
      for (const Step* s : active) {
        const std::size_t k = slot_of(s->name);
        Reply r;
        auto t0 = Clock::now();
        try {
          r = s->send(c);
        } catch (const std::exception& e) {
          r.status = -1;
          r.body = e.what();
          c.phone.disconnect();
        }
        mine[k].ms.push_back(millis_since(t0));
        if (think.count() > 0) std::this_thread::sleep_for(think);
        const bool ok =
            r.status == s->expect &&
            (s->expect_in.empty() || r.location.find(s->expect_in) != std::string::npos ||
             r.body.find(s->expect_in) != std::string::npos);
        if (ok) ++acked[k];
        if (!ok) {
          ++mine[k].errors;
          std::lock_guard lock(mu);
          if (samples.size() < 10)
            samples.push_back(c.number + " " + s->name + ": " + std::to_string(r.status) + " " +
                              r.body.substr(0, 200));
        }
        // The visit ends at its first error: what follows depends on the step before (a
        // session, a place to cancel, a check-in to check out of).
        if (!ok) break;
      }
      c.phone.forget_cookies();
      ++visits;
    }
    std::lock_guard lock(mu);
    for (std::size_t k = 0; k < mine.size(); ++k) {
      tallies[k].ms.insert(tallies[k].ms.end(), mine[k].ms.begin(), mine[k].ms.end());
      tallies[k].errors += mine[k].errors;
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < clients; ++i)
    pool.emplace_back(run, prepared.numbers[std::size_t(i)], std::cref(phone_active));
  for (const auto& login : prepared.staff_logins)
    pool.emplace_back(run, login, std::cref(staff_active));
  for (auto& t : pool) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  const int server_exit = server.stop();

  std::printf(
      "web load: %s, %d phones and %d staff browsers for %d s (ran %.1f s), server threads %s, "
      "think %lld ms\n",
      std::string(db->backend()).c_str(), clients, staff, seconds, elapsed, threads.c_str(),
      static_cast<long long>(think.count()));
  std::printf("%-14s %9s %7s %9s %9s %9s\n", "step", "requests", "errors", "p50 ms", "p99 ms",
              "max ms");
  Tally all;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const auto& t = tallies[k];
    std::printf("%-14s %9zu %7lld %9.2f %9.2f %9.2f\n", names[k].c_str(), t.ms.size(),
                static_cast<long long>(t.errors), percentile(t.ms, 0.5), percentile(t.ms, 0.99),
                percentile(t.ms, 1.0));
    all.ms.insert(all.ms.end(), t.ms.begin(), t.ms.end());
    all.errors += t.errors;
  }
  std::printf("%-14s %9zu %7lld %9.2f %9.2f %9.2f\n", "all", all.ms.size(),
              static_cast<long long>(all.errors), percentile(all.ms, 0.5), percentile(all.ms, 0.99),
              percentile(all.ms, 1.0));
  std::printf("%.0f requests/s, %lld visits\n", double(all.ms.size()) / elapsed,
              static_cast<long long>(visits.load()));
  for (const auto& s : samples) std::printf("  unexpected: %s\n", s.c_str());

  // Nothing lost: the database against what the server acknowledged.
  const Counts after = count(*db, prepared, since);
  auto acknowledged = [&](std::string_view step) -> std::int64_t {
    for (std::size_t k = 0; k < names.size(); ++k)
      if (names[k] == step) return acked[k].load();
    return 0;
  };
  struct Check {
    const char* what;
    std::int64_t in_db, acked;
  };
  const Check checks[] = {
      // Volunteers' and staff's web sessions share one table.
      {"sessions made / sign-ins", after.sessions - before.sessions,
       acknowledged("sign in") + acknowledged("staff sign in")},
      {"sessions revoked / sign-outs", after.revoked - before.revoked,
       acknowledged("sign out") + acknowledged("staff sign out")},
      {"sign-ups audited / sign-ups", after.signed_up - before.signed_up, acknowledged("sign up")},
      {"cancels audited / cancels", after.cancelled - before.cancelled, acknowledged("cancel")},
      {"people on the shift / sign-ups - cancels", after.on_shift - before.on_shift,
       acknowledged("sign up") - acknowledged("cancel")},
      {"attendance opened / check-ins", after.checked_in - before.checked_in,
       acknowledged("check in")},
      {"attendance closed / check-outs", after.checked_out - before.checked_out,
       acknowledged("check out")},
  };
  bool lost = false;
  for (const auto& c : checks) {
    std::printf("%-42s %7lld / %7lld%s\n", c.what, static_cast<long long>(c.in_db),
                static_cast<long long>(c.acked), c.in_db == c.acked ? "" : "  MISMATCH");
    lost = lost || c.in_db != c.acked;
  }
  std::printf("%s (server exit %d)\n", all.errors == 0 && !lost ? "PASS" : "FAIL", server_exit);
  return all.errors == 0 && !lost && server_exit == 0 && !all.ms.empty() ? 0 : 1;
}
