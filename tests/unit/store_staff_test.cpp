// Staff accounts (lib/store staff.hpp, schema version 13; in kiosk_tests for the password rule):
// logins unique in any case, the role's station rule, retiring ends the account's web sessions on
// the spot, the lockout columns, the scope rule (vstation::may_see). Runs on SQLite and
// (store_tests_pg) on PostgreSQL.

#include <doctest/doctest.h>

#include "store_fixture.hpp"
#include "vstation/kiosk/pin_check.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"
#include "web_state_fixture.hpp"

using namespace vstation;
using namespace vstation::store;
using namespace vstation::test::web_state;

namespace {

StaffAccountId add(Connection& db, std::string login, StaffRole role, std::optional<StationId> st) {
  return staff::add(db, {std::move(login), "", role, st, "$argon2id$placeholder", kNow});
}

std::string refused_column(const std::function<void()>& f) {
  try {
    f();
  } catch (const FieldError& e) {
    CHECK(!e.text().render(Lang::zh).empty());
    return e.column();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("staff accounts: added, found by login in any case, listed, station rule by role") {
  TempDb t;
  auto w = seed(*t.db);
  auto alice = staff::add(*t.db, {"Alice", "Alice Wang", StaffRole::coordinator, w.station,
                                  "$argon2id$placeholder", kNow});
  auto dora = add(*t.db, "dora", StaffRole::district, std::nullopt);
  auto found = staff::by_login(*t.db, "ALICE");
  REQUIRE(found);
  CHECK(found->id == alice);
  CHECK(found->login == "alice");
  CHECK(found->name == "Alice Wang");
  CHECK(found->role == StaffRole::coordinator);
  CHECK(found->station == w.station);
  CHECK(found->created == kNow);
  CHECK_FALSE(found->retired);
  CHECK(staff::get(*t.db, dora)->name == "dora");  // no name: the login
  CHECK_FALSE(staff::get(*t.db, dora)->station);
  auto all = staff::all(*t.db);
  REQUIRE(all.size() == 2);
  CHECK(all[0].login == "alice");
  CHECK(all[1].login == "dora");
  CHECK(audit_name(all[0]) == "coordinator alice");

  CHECK(refused_column([&] { add(*t.db, "aLiCe", StaffRole::secretary, w.station); }) == "login");
  CHECK(refused_column([&] { add(*t.db, "bob smith", StaffRole::secretary, w.station); }) ==
        "login");
  CHECK(refused_column([&] { add(*t.db, "-bob", StaffRole::secretary, w.station); }) == "login");
  CHECK(refused_column([&] { add(*t.db, "bob", StaffRole::secretary, std::nullopt); }) ==
        "station");
  CHECK(refused_column([&] { add(*t.db, "bob", StaffRole::district, w.station); }) == "station");
  CHECK(refused_column([&] {
          staff::add(*t.db, {"bob", "", StaffRole::secretary, w.station, "", kNow});
        }) == "password_hash");
  CHECK(staff::all(*t.db).size() == 2);
}

TEST_CASE("staff accounts: a session belongs to one; retiring ends it at once; reset unlocks") {
  TempDb t;
  auto w = seed(*t.db);
  auto alice = add(*t.db, "alice", StaffRole::coordinator, w.station);
  web::create_session(*t.db, session_for(alice, 1));
  web::create_session(*t.db, session_for(w.v1, 2));
  auto s = web::find_session(*t.db, hash(1), kNow);
  REQUIRE(s);
  CHECK(std::get<StaffAccountId>(s->principal) == alice);

  staff::set_lockout(*t.db, alice, {3, std::nullopt});
  CHECK(staff::lockout(*t.db, alice).failures == 3);
  staff::set_password_hash(*t.db, alice, "$argon2id$other");
  CHECK(staff::lockout(*t.db, alice).failures == 0);
  CHECK(staff::password_hash(*t.db, alice) == "$argon2id$other");

  // A retired account's sessions stop counting even before they are revoked.
  t.db->execute("UPDATE staff_accounts SET retired_at = ? WHERE id = ?", params(kNow, alice));
  CHECK_FALSE(web::find_session(*t.db, hash(1), kNow));
  t.db->execute("UPDATE staff_accounts SET retired_at = NULL WHERE id = ?", params(alice));
  CHECK(web::find_session(*t.db, hash(1), kNow));
  CHECK(staff::retire(*t.db, alice, kNow));
  CHECK_FALSE(staff::retire(*t.db, alice, kNow));
  CHECK(staff::get(*t.db, alice)->retired == kNow);
  t.db->execute("UPDATE staff_accounts SET retired_at = NULL WHERE id = ?", params(alice));
  CHECK_FALSE(web::find_session(*t.db, hash(1), kNow));  // revoked too
  CHECK(web::find_session(*t.db, hash(2), kNow));        // the volunteer's is untouched
}

TEST_CASE("staff passwords: Argon2id as the PINs, the PIN lockout's rule on the account") {
  TempDb t;
  auto w = seed(*t.db);
  CHECK_THROWS_AS(kiosk::check_password_format(""), ParseError);
  CHECK_THROWS_AS(kiosk::check_password_format("nine char"), ParseError);
  CHECK_THROWS_AS(kiosk::check_password_format("tab\there is bad"), ParseError);
  CHECK_THROWS_AS(kiosk::check_password_format(std::string(201, 'x')), ParseError);
  // Not UTF-8 (GBK bytes typed in a GBK terminal: a browser would send other bytes), a direction
  // override, or nothing but spaces.
  CHECK_THROWS_WITH_AS(kiosk::check_password_format("\xC3\xDC\xC2\xEB"
                                                    "abcdefghij"),
                       doctest::Contains("UTF-8"), ParseError);
  CHECK_THROWS_AS(kiosk::check_password_format("abcdefghij\u202E"), ParseError);
  CHECK_THROWS_WITH_AS(kiosk::check_password_format(std::string(10, ' ')),
                       doctest::Contains("more than spaces"), ParseError);
  kiosk::check_password_format(" padded password ");       // spaces inside a password are its own
  kiosk::check_password_format("十个汉字的长密码就行了");  // ten characters, thirty bytes
  auto hash_ = kiosk::hash_password("correct horse battery");
  CHECK(hash_.rfind("$argon2id$", 0) == 0);
  auto alice = staff::add(*t.db, {"alice", "", StaffRole::coordinator, w.station, hash_, kNow});
  using K = kiosk::PinVerdict::Kind;
  CHECK(kiosk::check_staff_password(*t.db, alice, "correct horse battery", kNow).kind ==
        K::accepted);
  for (int i = 1; i < kiosk::kMaxPinFailures; ++i) {
    auto v = kiosk::check_staff_password(*t.db, alice, "wrong password", kNow);
    CHECK(v.kind == K::wrong);
    CHECK(v.failures == i);
  }
  auto locked = kiosk::check_staff_password(*t.db, alice, "wrong password", kNow);
  CHECK(locked.kind == K::locked);
  CHECK(locked.locked_until == kNow.plus_minutes(kiosk::kLockoutMinutes));
  // Locked: even the right password is refused until the lockout ends.
  CHECK(kiosk::check_staff_password(*t.db, alice, "correct horse battery", kNow).kind == K::locked);
  auto later = kNow.plus_minutes(kiosk::kLockoutMinutes);
  CHECK(kiosk::check_staff_password(*t.db, alice, "correct horse battery", later).kind ==
        K::accepted);
  CHECK(staff::lockout(*t.db, alice).failures == 0);
  staff::retire(*t.db, alice, later);
  CHECK(kiosk::check_staff_password(*t.db, alice, "correct horse battery", later).kind ==
        K::no_pin);
}

TEST_CASE("staff scope: the district sees every station, the others their own") {
  StaffAccount coordinator{StaffAccountId{1}, "a",        "a",         StaffRole::coordinator,
                           StationId{1},      Instant{0}, std::nullopt};
  StaffAccount secretary = coordinator;
  secretary.role = StaffRole::secretary;
  StaffAccount district{StaffAccountId{3}, "d",        "d",         StaffRole::district,
                        std::nullopt,      Instant{0}, std::nullopt};
  CHECK(may_see(coordinator, StationId{1}));
  CHECK_FALSE(may_see(coordinator, StationId{2}));
  CHECK(may_see(secretary, StationId{1}));
  CHECK_FALSE(may_see(secretary, StationId{2}));
  CHECK(may_see(district, StationId{1}));
  CHECK(may_see(district, StationId{2}));
  district.retired = Instant{1};
  CHECK_FALSE(may_see(district, StationId{1}));
  StaffRoles roles{StaffRole::coordinator, StaffRole::district};
  CHECK(roles.has(StaffRole::coordinator));
  CHECK_FALSE(roles.has(StaffRole::secretary));
  CHECK(StaffRoles::all().has(StaffRole::secretary));
}
