#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/session_queries.hpp"

using namespace vstation;
using kiosk::Ledger;
using kiosk::Refused;

TEST_CASE("a check-in in the shift's window is matched to the roster; credited from the start") {
  KioskWorld w;
  w.roster(w.volunteers[0]);
  Ledger ledger(*w.db, "test");
  auto in = ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T08:40"));
  REQUIRE(in.shift);
  CHECK(in.shift->id == w.shift.id);
  auto out = ledger.check_out(w.volunteers[0], w.at("2023-05-01T12:20"));
  CHECK(out.session.credited_minutes ==
        180);  // 09:00-12:00: early arrival and late leave not credited
  CHECK(out.total_minutes == 180);
}

TEST_CASE(
    "the roster match: from the early allowance to the shift's end, and never a cancelled shift") {
  KioskWorld w;
  w.roster(w.volunteers[0]);
  int early = w.station.settings.early_allowance_minutes;
  Ledger ledger(*w.db, "test");
  auto matched = [&](Instant at) {
    auto in = ledger.check_in(w.volunteers[0], w.station.id, at);
    ledger.check_out(w.volunteers[0], at.plus_minutes(1));
    // The next try may come earlier: a check-in before a session is open across it (refused).
    w.db->execute("DELETE FROM sessions");
    return in.shift.has_value();
  };
  Instant start = w.at("2023-05-01T09:00"), end = w.at("2023-05-01T12:00");
  CHECK_FALSE(matched(start.plus_minutes(-early - 1)));
  CHECK(matched(start.plus_minutes(-early)));
  CHECK(matched(end.plus_minutes(-1)));
  CHECK_FALSE(matched(end));
  CHECK_FALSE(matched(start.plus_minutes(24 * 60)));  // the next day
  w.shift.cancelled = true;
  store::shifts::update(*w.db, w.shift);
  CHECK_FALSE(matched(start.plus_minutes(30)));
}

TEST_CASE("ledger calls inside an open transaction join it (a kiosk turn is one transaction)") {
  KioskWorld w;
  Ledger ledger(*w.db, "test");
  {
    store::Transaction turn(*w.db, store::Isolation::explicit_locks);
    ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T13:00"));
    CHECK(ledger.open_session(w.volunteers[0]));
  }  // not committed: the check-in goes with it
  CHECK_FALSE(ledger.open_session(w.volunteers[0]));
  CHECK(store::sessions::all(*w.db).empty());
}

TEST_CASE("walk-ins: credited check-out minus check-in, or refused by the station") {
  KioskWorld w;
  Ledger ledger(*w.db, "test");
  auto in = ledger.check_in(w.volunteers[1], w.station.id, w.at("2023-05-01T13:00"));
  CHECK_FALSE(in.shift);
  CHECK(ledger.check_out(w.volunteers[1], w.at("2023-05-01T14:10")).session.credited_minutes == 70);
  w.station.settings.walk_ins = WalkInPolicy::refuse;
  store::stations::update(*w.db, w.station);
  CHECK_THROWS_AS(ledger.check_in(w.volunteers[1], w.station.id, w.at("2023-05-01T15:00")),
                  Refused);
  CHECK(store::sessions::all(*w.db).size() == 1);  // nothing recorded for the refusal
}

TEST_CASE("retired volunteers and under-14s without consent are refused with no record") {
  KioskWorld w;
  Ledger ledger(*w.db, "test");
  auto v = *store::volunteers::get(*w.db, w.volunteers[0]);
  v.status = VolunteerStatus::retired;
  store::volunteers::update(*w.db, v);
  CHECK_THROWS_AS(ledger.check_in(v.id, w.station.id, w.at("2023-05-01T09:00")), Refused);
  auto kid = *store::volunteers::get(*w.db, w.volunteers[1]);
  kid.birth_date = parse_date("2012-01-01");
  store::volunteers::update(*w.db, kid);
  CHECK_THROWS_AS(ledger.check_in(kid.id, w.station.id, w.at("2023-05-01T09:00")), Refused);
  CHECK(store::sessions::all(*w.db).empty());
}

TEST_CASE("forgotten check-outs are auto-closed, credited nothing, then confirmed to the roster") {
  KioskWorld w;
  w.roster(w.volunteers[0]);
  Ledger ledger(*w.db, "test");
  auto in = ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T09:05"));
  // The shift ends at 12:00; the grace period of an hour runs to 13:00.
  CHECK(ledger.auto_close_due(w.at("2023-05-01T13:00")).empty());
  auto closed = ledger.auto_close_due(w.at("2023-05-01T13:01"));
  REQUIRE(closed.size() == 1);
  auto s = *store::sessions::get(*w.db, in.session.id);
  CHECK(s.status == SessionStatus::auto_closed);
  CHECK(s.credited_minutes == 0);
  CHECK(ledger.awaiting_answer(w.volunteers[0]).size() == 1);
  {  // a scan's first look finds the same (a kiosk's turn asks it there)
    store::Transaction turn(*w.db, store::Isolation::explicit_locks);
    auto arrival = ledger.arrival(w.volunteers[0], w.station, w.at("2023-05-02T08:00"));
    CHECK_FALSE(arrival.open);
    REQUIRE(arrival.awaiting.size() == 1);
    CHECK(arrival.awaiting.front().id == s.id);
    CHECK(arrival.awaiting.front().status == SessionStatus::auto_closed);
  }
  ledger.propose(s.id, w.shift.time.end, w.at("2023-05-02T09:00"));
  CHECK(ledger.awaiting_answer(w.volunteers[0]).empty());
  auto confirmed = ledger.confirm(s.id, w.at("2023-05-02T10:00"), "checked the roster");
  CHECK(confirmed.credited_minutes == 175);  // 09:05-12:00
  CHECK(confirmed.raw_out == std::nullopt);  // raw instants untouched
  auto trail = store::audit::of(*w.db, "session", s.id.value);
  REQUIRE(trail.size() == 3);  // auto_close, volunteer_answer, confirm
  CHECK(trail[2].action == "confirm");
  CHECK(trail[2].old_value.find("auto_closed 0 min") != std::string::npos);
  CHECK(trail[2].new_value.find("confirmed 175 min") != std::string::npos);
}

TEST_CASE("a kiosk closes its own station's forgotten check-outs but the scanned volunteer's") {
  KioskWorld w;
  Station other;
  other.code = "other";
  other.name = "另一站";
  other.id = store::stations::insert(*w.db, other);
  Ledger ledger(*w.db, "test");
  auto here = ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T09:00"));
  auto mine = ledger.check_in(w.volunteers[2], w.station.id, w.at("2023-05-01T09:00"));
  auto there = ledger.check_in(w.volunteers[1], other.id, w.at("2023-05-01T09:00"));
  Instant next_day = w.at("2023-05-02T09:00");
  CHECK(ledger.any_auto_close_due(next_day, {w.station.id, std::nullopt}, mine.session.id));
  // The kiosk here, scanning volunteer 3: this station's others; volunteer 3's scan checks theirs
  // out.
  auto closed = ledger.auto_close_due(next_day, {w.station.id, std::nullopt}, mine.session.id);
  REQUIRE(closed.size() == 1);
  CHECK(store::sessions::get(*w.db, here.session.id)->status == SessionStatus::auto_closed);
  CHECK(store::sessions::get(*w.db, mine.session.id)->status == SessionStatus::open);
  CHECK(store::sessions::get(*w.db, there.session.id)->status == SessionStatus::open);
  // `sessions review` (no scope) closes the rest.
  CHECK(ledger.auto_close_due(next_day).size() == 2);
  CHECK(store::session_queries::open_sessions(*w.db).empty());
}

TEST_CASE("fix and reject keep the raw instants and audit the change") {
  KioskWorld w;
  Ledger ledger(*w.db, "test");
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T13:00"));
  auto out = ledger.check_out(w.volunteers[0], w.at("2023-05-01T15:00"));
  auto fixed = ledger.fix(out.session.id, w.at("2023-05-01T13:30"), w.at("2023-05-01T15:00"),
                          w.at("2023-05-02T09:00"), "arrived late per the paper log");
  CHECK(fixed.credited_minutes == 90);
  CHECK(fixed.raw_in == w.at("2023-05-01T13:00"));
  CHECK(fixed.status == SessionStatus::corrected);
  CHECK_THROWS_AS(ledger.fix(out.session.id, w.at("2023-05-01T15:00"), w.at("2023-05-01T14:00"),
                             w.at("2023-05-02T09:00"), "x"),
                  Refused);
  auto rejected = ledger.reject(out.session.id, w.at("2023-05-02T09:00"), "not on duty");
  CHECK(rejected.credited_minutes == 0);
  CHECK(store::audit::of(*w.db, "session", out.session.id.value).size() == 2);
}

TEST_CASE("a check-out past the deadline is recorded, kept for review, credited nothing") {
  KioskWorld w;
  Ledger ledger(*w.db, "test");
  auto in = ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T13:00"));
  auto out = ledger.check_out(w.volunteers[0], w.at("2023-05-02T09:00"));
  CHECK(out.overdue);
  CHECK(out.deadline == w.at("2023-05-01T21:00"));  // a walk-in: closing 20:00 + 1 h grace
  auto s = *store::sessions::get(*w.db, in.session.id);
  CHECK(s.status == SessionStatus::auto_closed);
  CHECK(s.raw_out == w.at("2023-05-02T09:00"));  // the check-out is a fact, kept
  CHECK_FALSE(s.effective_out);
  CHECK(s.credited_minutes == 0);
  CHECK_FALSE(ledger.open_session(w.volunteers[0]));
  // Their answer lies between the check-in and the recorded check-out.
  CHECK_THROWS_AS(ledger.propose(s.id, w.at("2023-05-01T12:59"), w.at("2023-05-02T09:01")),
                  Refused);
  CHECK_THROWS_AS(ledger.propose(s.id, w.at("2023-05-02T09:01"), w.at("2023-05-02T09:01")),
                  Refused);
  ledger.propose(s.id, w.at("2023-05-01T17:30"), w.at("2023-05-02T09:01"));
  CHECK_THROWS_AS(ledger.confirm(s.id, w.at("2023-05-02T10:00"), "walk-in"), Refused);  // no shift
  auto confirmed =
      ledger.confirm(s.id, w.at("2023-05-02T10:00"), "as they said", kiosk::ConfirmAs::proposed);
  CHECK(confirmed.credited_minutes == 270);
  CHECK(confirmed.effective_out == w.at("2023-05-01T17:30"));
}

TEST_CASE("the evening shift: a check-out after the shift's end is credited up to the end") {
  KioskWorld w;
  Shift evening = w.shift;
  evening.time = {w.at("2023-05-01T16:00"), w.at("2023-05-01T20:00")};
  evening.id = store::shifts::insert(*w.db, evening);
  for (auto v : w.volunteers) store::assignments::insert(*w.db, Assignment{{}, evening.id, v});
  Ledger ledger(*w.db, "test");
  const char* outs[] = {"2023-05-01T20:03", "2023-05-01T20:45", "2023-05-01T23:30"};
  for (int i = 0; i < 3; ++i) {
    ledger.check_in(w.volunteers[i], w.station.id, w.at("2023-05-01T15:50"));
    auto out = ledger.check_out(w.volunteers[i], w.at(outs[i]));
    CHECK(out.overdue == (i == 2));
    CHECK(out.session.credited_minutes == (i == 2 ? 0 : 240));
    CHECK(out.session.status == (i == 2 ? SessionStatus::auto_closed : SessionStatus::closed));
  }
}

TEST_CASE("a check-out before its check-in is refused and changes nothing") {
  KioskWorld w;
  Ledger ledger(*w.db, "test");
  auto in = ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-05-01T10:00"));
  CHECK_THROWS_AS(ledger.check_out(w.volunteers[0], w.at("2023-05-01T09:00")), Refused);
  CHECK(store::sessions::get(*w.db, in.session.id)->status == SessionStatus::open);
  CHECK_FALSE(store::sessions::get(*w.db, in.session.id)->raw_out);
}

TEST_CASE("toggle (the web's scan): in, then out, audited, in one transaction each") {
  KioskWorld w;
  w.roster(w.volunteers[0]);
  Ledger ledger(*w.db, "web volunteer V1");
  ledger.audit_check_ins();
  const VolunteerId v = w.volunteers[0];
  auto in = ledger.toggle(v, w.station.id, w.at("2023-05-01T08:40"));
  CHECK(in.in);
  CHECK(in.session.shift == w.shift.id);
  CHECK(ledger.open_session(v)->id == in.session.id);
  // Forced the wrong way, as the page's buttons may be: refused, nothing written.
  CHECK_THROWS_AS(ledger.toggle(v, w.station.id, w.at("2023-05-01T09:00"), true), Refused);
  auto out = ledger.toggle(v, w.station.id, w.at("2023-05-01T12:20"));
  CHECK_FALSE(out.in);
  CHECK_FALSE(out.overdue);
  CHECK(out.session.id == in.session.id);
  CHECK(out.session.credited_minutes == 180);
  CHECK(store::sessions::get(*w.db, in.session.id)->status == SessionStatus::closed);
  CHECK_THROWS_AS(ledger.toggle(v, w.station.id, w.at("2023-05-01T12:30"), false), Refused);
  auto rows = store::audit::of(*w.db, "session", in.session.id.value);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].action == "check_in");
  CHECK(rows[1].action == "check_out");
  CHECK(rows[1].actor == "web volunteer V1");
  // A clock stepped back since the check-in checks out at the check-in: 0 minutes.
  auto again = ledger.toggle(v, w.station.id, w.at("2023-05-01T13:00"));
  auto back = ledger.toggle(v, w.station.id, w.at("2023-05-01T12:50"));
  CHECK(back.at == again.at);
  CHECK(back.session.raw_out == again.at);
  CHECK(back.session.credited_minutes == 0);
  // Past the deadline: the check-out is kept for review, as check_out keeps it.
  auto late_in = ledger.toggle(v, w.station.id, w.at("2023-05-01T13:00"));
  auto late = ledger.toggle(v, w.station.id, w.at("2023-05-02T09:00"));
  CHECK(late.overdue);
  CHECK(store::sessions::get(*w.db, late_in.session.id)->status == SessionStatus::auto_closed);
}

TEST_CASE("badge tokens are random and carry no personal data") {
  auto a = kiosk::new_badge_token(), b = kiosk::new_badge_token();
  CHECK(a != b);
  CHECK(a.size() == 26);
  CHECK(kiosk::badge_payload(a).starts_with("VST1:"));
  CHECK(kiosk::verify_pin(kiosk::hash_pin("1234"), "1234"));
  CHECK_FALSE(kiosk::verify_pin(kiosk::hash_pin("1234"), "1235"));
  CHECK(kiosk::hash_pin("1234").starts_with("$argon2id$"));
  CHECK_THROWS_AS(kiosk::hash_pin("12a4"), ParseError);
}

// The unit tests hash at libsodium's minimum cost (fast_hashes.cpp); a program hashes at the
// interactive one (64 MiB, two passes), and a hash of either cost is checked by what it names.
TEST_CASE("a program's PINs and passwords are hashed at the interactive cost") {
  const std::string cheap = kiosk::hash_pin("1234");
  CHECK(cheap.starts_with("$argon2id$v=19$m=8,t=1,p=1$"));
  kiosk::set_hash_cost(kiosk::HashCost::interactive);
  const std::string pin = kiosk::hash_pin("1234");
  const std::string password = kiosk::hash_password("correct horse");
  kiosk::set_hash_cost(kiosk::HashCost::minimum);
  CHECK(pin.starts_with("$argon2id$v=19$m=65536,t=2,p=1$"));
  CHECK(password.starts_with("$argon2id$v=19$m=65536,t=2,p=1$"));
  CHECK(kiosk::verify_pin(pin, "1234"));
  CHECK(kiosk::verify_pin(cheap, "1234"));
  CHECK_FALSE(kiosk::verify_pin(cheap, "4321"));
  CHECK(kiosk::verify_password(password, "correct horse"));
  CHECK_FALSE(kiosk::verify_password(password, "correct horsE"));
}
