// App::housekeeping(), which `vstation serve` runs at start and every ten minutes: expired and
// revoked sessions, used and expired sign-in codes and old rate-limit attempts go; live ones stay.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "sessions.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/web/app.hpp"

using namespace vstation;

TEST_CASE("housekeeping purges what has expired and keeps what is live") {
  KioskWorld w;
  Instant now{1'688'349'600};
  web::App app(
      [&w] {
        return store::open_database(w.path, {false, false});
      },
      web::Config{std::nullopt, [&now] { return now; }});
  auto hash = [](const std::string& s) { return web::detail::sha256_hex(s); };
  auto session = [&](const std::string& token, Instant at) {
    store::web::NewWebSession s{hash(token), hash(web::detail::csrf_for(token)), w.volunteers[0],
                                at};
    return store::web::create_session(*w.db, s);
  };
  const std::string live(64, 'a');
  session(live, now);
  session("expired", Instant{now.seconds - 13 * 3600});
  store::web::revoke_session(*w.db, session("revoked", now));
  store::web::create_signin_code(*w.db, hash("old code"), w.volunteers[0], w.station.id,
                                 Instant{now.seconds - 600}, Instant{now.seconds - 300});
  store::web::create_signin_code(*w.db, hash("fresh code"), w.volunteers[0], w.station.id, now,
                                 Instant{now.seconds + 300});
  store::web::record_attempt(*w.db, "signin", "10.0.0.1", Instant{now.seconds - 2 * 86400});
  store::web::record_attempt(*w.db, "signin", "10.0.0.1", Instant{now.seconds - 60});

  auto h = app.housekeeping();
  CHECK(h.sessions_and_codes == 3);  // the expired and the revoked session, the old code
  CHECK(h.attempts == 1);
  CHECK(w.db->scalar("SELECT COUNT(*) FROM web_sessions") == 1);
  CHECK(w.db->scalar("SELECT COUNT(*) FROM signin_codes") == 1);
  CHECK(store::web::count_attempts(*w.db, "signin", "10.0.0.1", now, 600) == 1);
  web::Request r;
  r.method = "GET";
  r.path = "/api/v1/session";
  r.headers["cookie"] = "vs_session=" + live;
  CHECK(app.handle(r).status == 200);  // the live session still works
  // Again: nothing left to do. A day later the live session and the attempt are gone too.
  h = app.housekeeping();
  CHECK(h.sessions_and_codes == 0);
  CHECK(h.attempts == 0);
  now = Instant{now.seconds + 86400};
  h = app.housekeeping();
  CHECK(h.sessions_and_codes == 2);
  CHECK(h.attempts == 1);
}
