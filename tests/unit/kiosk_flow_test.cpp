// The kiosk conversation (lib/kiosk's state machine) driven line by line with a pinned clock.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/session_queries.hpp"
#include "vstation/store/setup_changes.hpp"

using namespace vstation;

namespace {
std::string title(const kiosk::Screen& s) {
  return s.title.render(Lang::en);
}
std::string text(const kiosk::Screen& s) {
  std::string out = s.title.render(Lang::en) + "\n";
  for (const auto& l : s.lines) out += l.render(Lang::en) + "\n";
  return out + s.prompt.render(Lang::en);
}
bool has(const kiosk::Screen& s, std::string_view what) {
  return text(s).find(what) != std::string::npos;
}
}  // namespace

TEST_CASE("kiosk: toggle, short-session confirmation, PIN lockout, exit PIN, bad input") {
  KioskWorld w;
  w.roster(w.volunteers[0]);
  store::identity::set_pin_hash(*w.db, w.volunteers[1], kiosk::hash_pin("2468"));
  store::identity::set_setting(*w.db, "coordinator_pin", kiosk::hash_pin("9999"));
  Instant now = w.at("2023-05-01T08:55");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  auto title = [](const kiosk::Screen& s) { return s.title.render(Lang::en); };

  CHECK(title(k.handle("V1")) == "Checked in");
  now = now.plus_minutes(1);
  CHECK(title(k.handle("v1")).find("Check out now?") !=
        std::string::npos);  // case-insensitive number
  CHECK(title(k.handle("maybe")).find("Check out now?") != std::string::npos);  // asked again
  CHECK(title(k.handle("n")) == "Still checked in");
  now = w.at("2023-05-01T12:00");
  auto out = k.handle("V1");
  CHECK(title(out) == "Checked out");
  CHECK(out.lines.at(3).render(Lang::en) == "This session: 3 h 00 min");

  // Input no PIN could be (letters, too few digits, a badge scanned at the prompt) is said and
  // asked again, never counted: more of them than the lockout allows leave the volunteer free.
  CHECK(k.handle("0002").secret);
  for (int i = 0; i < 2 * kiosk::kMaxPinFailures; ++i) {
    auto again = k.handle(i % 2 ? "abcd" : "12");
    CHECK(again.secret);
    CHECK(has(again, "a PIN is 4 to 8 digits"));
  }
  CHECK(title(k.handle("2468")) == "Checked in");
  CHECK(title(k.handle("0002")) == "Enter your PIN");
  CHECK(title(k.handle("2468")).find("Check out now?") != std::string::npos);
  CHECK(title(k.handle("y")) == "Checked out");

  for (int i = 1; i < kiosk::kMaxPinFailures; ++i) {
    CHECK(k.handle("0002").secret);
    CHECK(k.handle("1111").lines.at(0).render(Lang::en).starts_with("Wrong PIN"));
  }
  k.handle("0002");
  CHECK(k.handle("1111").lines.at(0).render(Lang::en).find("locked for 5 minutes") !=
        std::string::npos);
  CHECK(has(k.handle("0002"), "try again after"));  // refused before the PIN is asked
  now = now.plus_minutes(kiosk::kLockoutMinutes + 1);
  k.handle("0002");
  CHECK(title(k.handle("2468")) == "Checked in");

  CHECK(title(k.handle("nobody")) == "Cannot do that");
  CHECK(title(k.handle("\xff\xfe")) == "Cannot do that");
  CHECK(title(k.handle(std::string(500, 'x'))) == "Cannot do that");
  CHECK(kiosk::clean_input("V1\x01\x1b") == std::optional<std::string>("V1"));

  k.handle("exit");
  k.handle("1234");
  CHECK_FALSE(k.finished());
  CHECK(k.handle("exit").secret);
  k.handle("9999");
  CHECK(k.finished());
}

TEST_CASE(
    "the evening shift at the kiosk: 20:03 and 20:45 check out; 23:30 is asked, never checked in "
    "again") {
  KioskWorld w;
  Shift evening = w.shift;
  evening.time = {w.at("2023-05-01T16:00"), w.at("2023-05-01T20:00")};
  evening.id = store::shifts::insert(*w.db, evening);
  for (auto v : w.volunteers) store::assignments::insert(*w.db, Assignment{{}, evening.id, v});
  Instant now = w.at("2023-05-01T15:50");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  for (const char* v : {"V1", "V2", "V3"}) CHECK(title(k.handle(v)) == "Checked in");
  now = w.at("2023-05-01T20:03");
  auto out = k.handle("V1");
  CHECK(title(out) == "Checked out");
  CHECK(has(out, "This session: 4 h 00 min"));
  now = w.at("2023-05-01T20:45");
  CHECK(has(k.handle("V2"), "This session: 4 h 00 min"));
  now = w.at("2023-05-01T23:30");
  auto late = k.handle("V3");
  CHECK(title(late) == "Check-out recorded, after the deadline");
  CHECK(has(late, "Did you leave at 20:00?"));
  CHECK(has(k.handle("perhaps"), "Please answer y (yes) or n (no)"));
  auto when = k.handle("n");
  CHECK(has(when, "When did you leave?"));
  CHECK(has(k.handle("9pm"), "'9pm' is not a time"));
  CHECK(has(k.handle("15:00"), "must be between"));  // before the check-in
  auto done = k.handle("21:15");
  CHECK(has(done, "your answer is recorded"));
  CHECK(has(done, "To check in, scan again"));  // the station is closed: no check-in offered
  CHECK_FALSE(store::sessions::open_of(*w.db, w.volunteers[2]));
  auto v3 = store::sessions::of_volunteer(*w.db, w.volunteers[2]);
  REQUIRE(v3.size() == 1);
  CHECK(v3[0].status == SessionStatus::auto_closed);
  CHECK(v3[0].raw_out == w.at("2023-05-01T23:30"));
  CHECK(v3[0].proposed_out == w.at("2023-05-01T21:15"));
  // The next scan is a check-in, with no question left.
  CHECK(title(k.handle("V3")) == "Checked in");
}

TEST_CASE(
    "a forgotten check-out closed overnight is asked about the next morning, then a check-in is "
    "offered") {
  KioskWorld w;
  w.roster(w.volunteers[0]);
  Instant now = w.at("2023-05-01T08:55");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  CHECK(title(k.handle("V1")) == "Checked in");
  now = w.at("2023-05-02T08:30");
  kiosk::Ledger(*w.db, "review").auto_close_due(now);  // `sessions review` in the night
  auto asked = k.handle("V1");
  CHECK(title(asked).find("you did not check out") != std::string::npos);
  CHECK(has(asked, "Did you leave at 12:00?"));
  auto offer = k.handle("y");
  CHECK(has(offer, "Check in now?"));  // the station is open
  CHECK_FALSE(store::sessions::open_of(*w.db, w.volunteers[0]));
  CHECK(title(k.handle("y")) == "Checked in");
  CHECK(store::sessions::open_of(*w.db, w.volunteers[0]));
}

TEST_CASE("identification: the station's policy, and a lockout holds on every way in") {
  KioskWorld w;
  store::identity::set_pin_hash(*w.db, w.volunteers[1], kiosk::hash_pin("2468"));
  store::identity::set_badge_token(*w.db, w.volunteers[1], "tok2");
  Instant now = w.at("2023-05-01T10:00");
  auto kiosk_with = [&](KioskIdentification policy) {
    w.station.settings.identification = policy;
    store::stations::update(*w.db, w.station);
    return kiosk::Kiosk(*w.db, w.station.id, [&] { return now; });
  };
  {  // pin_if_set (the default): V1 has no PIN, V2 has one
    auto k = kiosk_with(KioskIdentification::pin_if_set);
    CHECK(title(k.handle("V1")) == "Checked in");
    CHECK(k.handle("V2").secret);
    CHECK(title(k.handle("2468")) == "Checked in");
  }
  now = now.plus_minutes(10);
  {  // number: the number alone, even with a PIN
    auto k = kiosk_with(KioskIdentification::number);
    CHECK(title(k.handle("V2")) == "Checked out");
  }
  {  // number_pin: no PIN, no way in by number; the badge still works
    auto k = kiosk_with(KioskIdentification::number_pin);
    CHECK(has(k.handle("V1"), "needs a PIN here"));
    CHECK(k.handle("V2").secret);
    CHECK(has(k.handle("1111"), "Wrong PIN (1 of 5"));
  }
  {  // badge_pin: typed numbers are refused
    auto k = kiosk_with(KioskIdentification::badge_pin);
    CHECK(has(k.handle("V2"), "does not take volunteer numbers"));
    CHECK(title(k.handle("VST1:tok2")) == "Checked in");
    now = now.plus_minutes(10);
    for (int i = 0; i < kiosk::kMaxPinFailures; ++i) {
      k.handle("0002");
      k.handle("0000");
    }
    CHECK(has(k.handle("VST1:tok2"), "try again after"));  // locked: the badge too
    CHECK(has(k.handle("0002"), "try again after"));
  }
  {
    auto k = kiosk_with(KioskIdentification::number);
    CHECK(has(k.handle("V2"), "try again after"));  // and the number
  }
  CHECK(store::sessions::open_of(*w.db, w.volunteers[1]));  // still checked in from the badge
}

TEST_CASE(
    "an answer that is none shows the question on screen again, the check-in offer included") {
  KioskWorld w;
  w.roster(w.volunteers[0]);
  Instant now = w.at("2023-05-01T09:00");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  k.handle("V1");
  now = w.at("2023-05-02T10:00");
  kiosk::Ledger(*w.db, "review").auto_close_due(now);
  CHECK(has(k.handle("V1"), "Did you leave at 12:00?"));
  CHECK(has(k.handle("y"), "Check in now?"));
  auto again = k.handle("hello");
  CHECK(has(again, "Please answer y (yes) or n (no)"));
  CHECK(has(again, "Check in now?"));  // not the question already answered
  CHECK_FALSE(has(again, "Did you leave"));
  CHECK(title(k.handle("n")) == "Not checked in");
  CHECK_FALSE(store::sessions::open_of(*w.db, w.volunteers[0]));
}

TEST_CASE("past the longest session before the shift ends: no 'did you leave at the end?'") {
  KioskWorld w;
  w.station.settings.max_session_minutes = 240;
  store::stations::update(*w.db, w.station);
  Shift longer = w.shift;
  longer.time = {w.at("2023-05-02T09:00"), w.at("2023-05-02T17:00")};
  longer.id = store::shifts::insert(*w.db, longer);
  store::assignments::insert(*w.db, Assignment{{}, longer.id, w.volunteers[0]});
  Instant now = w.at("2023-05-02T09:00");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  k.handle("V1");
  now = w.at("2023-05-02T14:00");  // past 13:00 (four hours), the shift runs to 17:00
  auto late = k.handle("V1");
  CHECK(title(late) == "Check-out recorded, after the deadline");
  CHECK(has(late, "When did you leave?"));
  CHECK_FALSE(has(late, "Did you leave at 17:00"));
  CHECK(has(k.handle("12:30"), "your answer is recorded"));
}

TEST_CASE("an overdue session from an earlier day: the scan is an arrival, not a check-out") {
  KioskWorld w;
  w.roster(w.volunteers[0]);
  Instant now = w.at("2023-05-01T09:00");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  auto in = k.handle("V1");
  now = w.at("2023-05-02T09:00");  // nobody scanned at the station overnight
  auto asked = k.handle("V1");
  CHECK(title(asked).find("you did not check out") != std::string::npos);
  auto s = *store::sessions::get(*w.db, SessionId{1});
  CHECK(s.status == SessionStatus::auto_closed);
  CHECK_FALSE(s.raw_out);  // no check-out time made up from the morning's scan
  CHECK(has(k.handle("y"), "Check in now?"));
  CHECK(title(k.handle("y")) == "Checked in");
}

TEST_CASE("a kiosk clock stepped back: the check-out asks first, then counts nothing") {
  KioskWorld w;
  Instant now = w.at("2023-05-01T10:00");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  k.handle("V1");
  now = w.at("2023-05-01T09:50");
  CHECK(title(k.handle("V1")).find("Check out now?") != std::string::npos);
  auto out = k.handle("y");
  CHECK(title(out) == "Checked out");
  CHECK(has(out, "This session: 0 h 00 min"));
}

TEST_CASE("a running kiosk takes a changed identification policy within a minute") {
  KioskWorld w;
  store::identity::set_pin_hash(*w.db, w.volunteers[1], kiosk::hash_pin("2468"));
  Instant now = w.at("2023-05-01T10:00");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  CHECK(k.handle("V2").secret);  // pin_if_set
  k.handle("2468");
  w.station.settings.identification = KioskIdentification::number;
  store::stations::update(*w.db, w.station);
  now = now.plus_minutes(2);
  CHECK(title(k.handle("V2")) == "Checked out");
}

// The kiosk keeps the station's settings and the projects' names from turn to turn while nothing
// is written (Connection::change_token); a change by another process, or through the kiosk's own
// connection between turns, reaches the next scan.
TEST_CASE("a running kiosk sees the station and project as they are now, whoever changed them") {
  KioskWorld w;
  for (auto v : w.volunteers) w.roster(v);
  Instant now = w.at("2023-05-01T09:00");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  CHECK(has(k.handle("V1"), "09:00–12:00 交通劝导"));
  auto other = store::open_database(w.path);  // a coordinator's process beside the kiosk
  Project p = *store::projects::get(*other, w.project);
  p.name = "文明劝导";
  store::projects::update(*other, p);
  CHECK(has(k.handle("V2"), "09:00–12:00 文明劝导"));
  Station st = *store::stations::get(*other, w.station.id);
  st.settings.identification = KioskIdentification::badge_pin;
  store::stations::update(*other, st);
  CHECK(has(k.handle("V3"), "does not take volunteer numbers"));
  st.settings.identification = KioskIdentification::number;
  store::stations::update(*w.db, st);  // through the kiosk's own connection
  CHECK(title(k.handle("V3")) == "Checked in");
  p.name = "交通劝导";
  store::projects::update(*w.db, p);
  now = now.plus_minutes(30);
  CHECK(has(k.handle("V1"), "09:00–12:00 交通劝导"));  // checked out, under the name as it is
}

// On SQLite the kiosk keeps its station's roster from its second check-in on, while the count of
// changes to what a check-in looks up (store::setup_changes) holds: another process's check-ins
// keep it, and every change to the roster, whoever makes it, reaches the next scan.
TEST_CASE("a running kiosk matches check-ins to the roster as it is now, whoever changed it") {
  KioskWorld w(6);
  w.roster(w.volunteers[0]);
  Instant now = w.at("2023-05-01T09:00");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  auto other = store::open_database(w.path);  // a coordinator's process, another kiosk's
  auto count = [&] { return store::setup_changes::count(*other); };
  CHECK(has(k.handle("V1"), "09:00–12:00 交通劝导"));  // asked alone: the kiosk's first
  CHECK(has(k.handle("V2"), "Walk-in"));               // the roster read whole
  auto before = count();
  kiosk::Ledger(*other, "kiosk 2").check_in(w.volunteers[5], w.station.id, now);
  CHECK(count() == before);  // a check-in elsewhere changes nothing the kiosk keeps

  Assignment a;
  a.shift = w.shift.id;
  a.volunteer = w.volunteers[2];
  a.id = store::assignments::insert(*other, a);
  if (before) CHECK(count() != before);  // (PostgreSQL keeps no count)
  CHECK(has(k.handle("V3"), "09:00–12:00 交通劝导"));
  a.volunteer = w.volunteers[3];
  a.id = store::assignments::insert(*other, a);
  a.status = AssignmentStatus::cancelled;
  store::assignments::update(*other, a);
  CHECK(has(k.handle("V4"), "Walk-in"));

  // A second shift at the same time on another project, with V5 on it; then the first moved
  // later, after which a new scan of someone on it is no longer rostered now.
  Project p = *store::projects::get(*other, w.project);
  p.code = "P2";
  p.name = "垃圾分类";
  p.id = store::projects::insert(*other, p);
  Shift second = w.shift;
  second.project = p.id;
  second.id = store::shifts::insert(*other, second);
  a.shift = second.id;
  a.volunteer = w.volunteers[4];
  a.status = AssignmentStatus::planned;
  store::assignments::insert(*other, a);
  CHECK(has(k.handle("V5"), "09:00–12:00 垃圾分类"));
  Shift moved = *store::shifts::get(*other, w.shift.id);
  moved.time = {w.at("2023-05-01T14:00"), w.at("2023-05-01T17:00")};
  store::shifts::update(*other, moved);
  now = now.plus_minutes(5);
  CHECK(has(k.handle("V3"), "Checked out"));
  now = now.plus_minutes(1);
  CHECK(has(k.handle("V3"), "Walk-in"));  // their shift starts at 14:00 now
  CHECK(store::setup_changes::count(*w.db) == count());
}

// A backup restored over the kiosk's file may hold the very count of changes the kiosk last read
// (a draft edited on a copy while the live file had one edit of its own): the restore moves the
// file's schema cookie, which the kiosk compares too.
TEST_CASE("a running kiosk sees the roster of a backup restored under it") {
  KioskWorld w(6);
  w.roster(w.volunteers[0]);
  if (w.pg) return;  // SQLite's restore
  Instant now = w.at("2023-05-01T09:00");
  kiosk::Kiosk k(*w.db, w.station.id, [&] { return now; });
  CHECK(has(k.handle("V1"), "09:00–12:00 交通劝导"));
  CHECK(has(k.handle("V2"), "Walk-in"));  // the roster read whole
  const std::string draft = w.path + ".draft";
  store::backup_database(w.path, draft);
  {
    auto d = store::open_database(draft);
    Assignment a;
    a.shift = w.shift.id;
    a.volunteer = w.volunteers[2];  // V3, in the draft
    store::assignments::insert(*d, a);
  }
  {
    auto other = store::open_database(w.path);
    Assignment a;
    a.shift = w.shift.id;
    a.volunteer = w.volunteers[3];  // V4, in the live file
    store::assignments::insert(*other, a);
  }
  CHECK(has(k.handle("V4"), "09:00–12:00 交通劝导"));
  CHECK(store::setup_changes::count(*store::open_database(draft)) ==
        store::setup_changes::count(*w.db));
  store::restore_database(w.path, draft);
  CHECK(has(k.handle("V3"), "09:00–12:00 交通劝导"));
  CHECK(has(k.handle("V5"), "Walk-in"));
}
