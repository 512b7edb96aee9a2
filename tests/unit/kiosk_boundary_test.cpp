// The kiosk boundary (docs/security.md): whatever is typed at the kiosk, it only checks
// volunteers in and out; coordinator commands, SQL and a wrong coordinator PIN change nothing.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"

using namespace vstation;

namespace {
std::int64_t count(store::Connection& db, const char* table) {
  return *db.scalar(std::string("SELECT COUNT(*) FROM ") + table);
}
}  // namespace

TEST_CASE("the kiosk cannot reach coordinator functions; a wrong coordinator PIN changes nothing") {
  KioskWorld w;
  store::identity::set_setting(*w.db, "coordinator_pin", kiosk::hash_pin("9999"));
  Instant now = w.at("2023-05-01T08:55");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  auto sessions = count(*w.db, "sessions");
  auto audit = count(*w.db, "audit");
  auto volunteers = count(*w.db, "volunteers");
  for (const char* line :
       {"vstation privacy erase V1", "privacy export V1", "purge --before 2030Q1",
        "sessions fix 1 --in 2023-05-01T08:00 --out 2023-05-01T18:00", "report quarter 2023Q2",
        "volunteer list --reveal", "pin coordinator", "V1'; DROP TABLE sessions; --", "V1 OR 1=1",
        "' OR '1'='1", "restore /tmp/x.db", "backup /tmp/x.db", "!sh", "$(id)", "`id`", "\x1b[2J",
        "退出 1234"}) {
    auto screen = k.handle(line);
    CHECK_MESSAGE(screen.title.render(Lang::en) == "Cannot do that", line);
  }
  // Wrong exit PINs: the kiosk stays, nothing recorded but the count of wrong PINs; the fifth
  // locks the exit for five minutes, the right PIN too (no one holding the tablet tries them all).
  int tries = 0;
  for (const char* pin : {"1234", "0000", "99999", "9998", "", "exit"}) {
    k.handle("exit");
    auto screen = k.handle(pin);
    CHECK_FALSE(k.finished());
    CHECK(screen.title.render(Lang::en) ==
          (++tries < 5 ? "Wrong coordinator PIN"
                       : "Too many wrong coordinator PINs: locked for 5 minutes."));
  }
  CHECK(count(*w.db, "sessions") == sessions);
  CHECK(count(*w.db, "audit") == audit);
  CHECK(count(*w.db, "volunteers") == volunteers);
  CHECK(store::identity::setting(*w.db, "coordinator_pin"));
  k.handle("exit");
  CHECK(k.handle("9999").title.render(Lang::en) ==
        "Too many wrong coordinator PINs: locked for 5 minutes.");
  CHECK_FALSE(k.finished());
  now = now.plus_minutes(5);
  k.handle("exit");
  k.handle("9999");
  CHECK(k.finished());
}
