// Kiosks racing on one database file, and kiosks killed mid-write. Processes, not threads:
// that is how kiosks share a station's database.

#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/kiosk.hpp"

using namespace vstation;

namespace {

// When the kiosks' clock reads: real kiosks share the wall clock, so racing kiosks share one
// that runs from 2024-01-01 10:00 at real speed (a kiosk's identification closes anyone's
// session left open past its deadline, and per-process clocks would disagree on that).
struct SharedClock {
  Instant base;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  [[nodiscard]] Instant now() const {
    auto elapsed = std::chrono::steady_clock::now() - start;
    return Instant{base.seconds +
                   std::chrono::duration_cast<std::chrono::seconds>(elapsed).count()};
  }
};

// Each worker is a kiosk (the same code as `vstation kiosk`, minus the terminal) at which its
// own volunteer checks in and out `pairs` times: on `shared` time, confirming the quick
// check-out the kiosk asks about; else alone on the database, one day apart, 09:00-10:00. For
// every check-in the kiosk acknowledged on screen it writes the check-in's time as a line to
// `ack_fd`, if given.
[[noreturn]] void worker(const std::string& path, StationId st, const std::string& number,
                         int pairs, int ack_fd, const Station& station,
                         const SharedClock* shared = nullptr) {
  int code = 0;
  try {
    auto db = store::open_database(path);
    db->set_durability(store::Durability::full);
    Instant own;
    kiosk::Kiosk kiosk(*db, st, [&] { return shared ? shared->now() : own; });
    // An empty title expects the yes/no question.
    auto expect = [&](std::string_view input, std::string_view title) {
      auto screen = kiosk.handle(input);
      if (title.empty() ? screen.prompt.render(Lang::en).starts_with("y = yes")
                        : screen.title.render(Lang::en) == title)
        return true;
      std::fprintf(stderr, "%s: %s: %s\n", number.c_str(), screen.title.render(Lang::en).c_str(),
                   screen.lines.empty() ? "?" : screen.lines.back().render(Lang::en).c_str());
      return false;
    };
    Date day = parse_date("2024-01-01");
    for (int i = 0; i < pairs && code == 0; ++i) {
      own = at_local(day.plus_days(i), TimeOfDay{9 * 60}, station.zone);
      if (!expect(number, "Checked in")) code = 1;
      if (code == 0 && ack_fd >= 0) {
        auto line = std::to_string(own.seconds) + "\n";
        if (::write(ack_fd, line.data(), line.size()) < 0) code = 3;
      }
      own = own.plus_minutes(60);
      // On shared time the volunteer checked in moments ago: "Check out now?" — yes.
      if (code == 0 && !expect(number, shared ? "" : "Checked out")) code = 1;
      if (code == 0 && shared && !expect("y", "Checked out")) code = 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "worker %s: %s\n", number.c_str(), e.what());
    code = 1;
  }
  _exit(code);
}

// Reads `fd` up to and including its first newline; empty if it closes first (the worker
// failed or died) or gives nothing for 60 s.
std::string read_first_line(int fd) {
  std::string line;
  for (char c; line.empty() || line.back() != '\n';) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 60000) != 1 || ::read(fd, &c, 1) != 1) return {};
    line += c;
  }
  return line;
}

}  // namespace

TEST_CASE("4 kiosk processes x 500 check-in/check-out pairs: 2000 closed sessions, no error") {
  KioskWorld w(4);
  SharedClock clock{w.at("2024-01-01T10:00")};
  std::vector<pid_t> pids;
  for (int p = 0; p < 4; ++p) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0)
      worker(w.path, w.station.id, "V" + std::to_string(p + 1), 500, -1, w.station, &clock);
    pids.push_back(pid);
  }
  for (auto pid : pids) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  CHECK(w.db->scalar("SELECT COUNT(*) FROM sessions WHERE status = 'closed'") == 2000);
  CHECK(w.db->scalar("SELECT COUNT(*) FROM sessions") == 2000);
  if (w.db->backend() == "sqlite") {
    auto ok = w.db->query("PRAGMA integrity_check");
    REQUIRE(ok->next());
    CHECK(ok->str(0) == "ok");
  }
}

TEST_CASE("SIGKILL at random moments, 100 times: never corrupt, no acknowledged check-in lost") {
  KioskWorld w(1);
  std::mt19937 rng(20230304);
  std::size_t checked = 0;
  for (int round = 0; round < 100; ++round) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      worker(w.path, w.station.id, "V1", 100000, fds[1], w.station);
    }
    ::close(fds[1]);
    // The kill lands at a random moment after the worker's first acknowledged check-in, so
    // it falls among real writes however slow the worker's start-up (a sanitizer, a busy
    // machine, a server connection); within a few check-in/check-out pairs of it.
    std::string acks = read_first_line(fds[0]);
    REQUIRE_MESSAGE(!acks.empty(), "the worker acknowledged no check-in");
    usleep(useconds_t(std::uniform_int_distribution<int>(0, 20000)(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    // On a server the killed kiosk's backend lives on until it notices, and may still commit
    // the statement it was running: after this round's DELETE, a check-in of the next round's
    // first instant (seen in CI). Its end is waited for, up to 10 s.
    for (int i = 0; w.pg && i < 1000 &&
                    w.db->scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                 "current_database() AND pid <> pg_backend_pid() AND "
                                 "backend_type = 'client backend'") != 0;
         ++i)
      usleep(10000);
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) acks.append(buf, std::size_t(n));
    ::close(fds[0]);
    if (w.db->backend() == "sqlite") {  // a server's storage is the server's own business
      auto ok = w.db->query("PRAGMA integrity_check");
      REQUIRE(ok->next());
      REQUIRE(ok->str(0) == "ok");
    }
    for (std::size_t pos = 0, nl; (nl = acks.find('\n', pos)) != std::string::npos; pos = nl + 1) {
      Instant in{std::stoll(acks.substr(pos, nl - pos))};
      REQUIRE(w.db->scalar("SELECT COUNT(*) FROM sessions WHERE raw_in = ?", store::params(in)) ==
              1);
      ++checked;
    }
    // Each round replays the same days: start it from an empty history.
    w.db->execute("DELETE FROM sessions");
  }
  CHECK(checked >= 100);  // every round's acknowledged check-ins were found
}

TEST_CASE("on a server, a check-in waits for its own volunteer's lock and for nobody else's") {
  KioskWorld w(2);
  if (!w.pg) return;  // SQLite: one writer at a time by design, nothing to show
  Instant at = w.at("2023-05-01T09:00");
  // A coordinator's review holds volunteer 1 (the lock a review takes) and stays open.
  store::Transaction review(*w.db);
  w.db->lock(store::LockSpace::volunteer, w.volunteers[0].value);
  auto other = store::open_database(w.path);
  kiosk::Ledger ledger(*other, "kiosk");
  ledger.check_in(w.volunteers[1], w.station.id, at);  // someone else: no wait
  std::atomic<bool> done{false};
  std::thread kiosk([&] {
    auto db = store::open_database(w.path);
    kiosk::Ledger mine(*db, "kiosk");
    mine.check_in(w.volunteers[0], w.station.id, at);
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK_FALSE(done.load());  // volunteer 1 waits for the review
  review.commit();
  kiosk.join();
  CHECK(done.load());
  CHECK(w.db->scalar("SELECT COUNT(*) FROM sessions WHERE status = 'open'") == 2);
}
