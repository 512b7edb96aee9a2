#pragma once
// Staff on the web (issue 16): the kiosk fixture's station (I城) and a second one (B城), with one
// account of each kind, all with the password kStaffPassword: alice (coordinator of I城, "Alice
// Wang"), bob (coordinator of B城), sue (secretary of I城) and dora (the district); requests go
// through App::handle, the clock pinned at `now`.

#include <doctest/doctest.h>

#include <string>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/web/app.hpp"
#include "web_fixture.hpp"

inline constexpr const char* kStaffPassword = "correct horse battery";

struct StaffWorld : KioskWorld {
  vstation::Instant now;
  vstation::web::App app;
  vstation::StationId other;  // B城

  // 2023-07-03 10:00 at the station (a Monday) unless given.
  explicit StaffWorld(vstation::Instant at = vstation::Instant{1'688'349'600}, int n_volunteers = 3)
      : KioskWorld(n_volunteers),
        now(at),
        app(
            [this] {
              return vstation::store::open_database(path, {false, false});
            },
            vstation::web::Config{station.id, [this] { return now; }}) {
    using namespace vstation;
    Station b;
    b.code = "bcity";
    b.name = "B城";
    other = store::stations::insert(*db, b);
    const auto hash = kiosk::hash_password(kStaffPassword);
    store::staff::add(*db, {"alice", "Alice Wang", StaffRole::coordinator, station.id, hash, now});
    store::staff::add(*db, {"bob", "", StaffRole::coordinator, other, hash, now});
    store::staff::add(*db, {"sue", "", StaffRole::secretary, station.id, hash, now});
    store::staff::add(*db, {"dora", "", StaffRole::district, std::nullopt, hash, now});
  }
  vstation::web::Response get(const std::string& target, const std::string& cookie = "") const {
    return app.handle(web_request("GET", target, cookie));
  }
  vstation::web::Response post(const std::string& target, const std::string& body,
                               const std::string& cookie = "") const {
    return app.handle(web_request("POST", target, cookie, body));
  }
  // Signs in by the form; the session cookie ("vs_session=…").
  std::string sign_in(const std::string& login, const std::string& password = kStaffPassword) {
    auto r = post("/staff/signin",
                  "login=" + login + "&password=" + vstation::web::url_encode(password));
    REQUIRE(r.status == 303);
    return cookie_of(r);
  }
};
