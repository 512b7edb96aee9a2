// The kiosk's conversation saved and restored between inputs (the web kiosk keeps it in the
// database): every input below reaches a new Kiosk that only has the saved value, and the
// conversation goes on as at the terminal, questions asked again included.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/checkin_code.hpp"
#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/session_queries.hpp"

using namespace vstation;

namespace {

std::string text(const kiosk::Screen& s) {
  std::string out = s.title.render(Lang::en) + "\n";
  for (const auto& l : s.lines) out += l.render(Lang::en) + "\n";
  return out + s.prompt.render(Lang::en);
}

// A kiosk that forgets everything between two inputs but the saved conversation.
struct Hopping {
  KioskWorld& w;
  Instant& now;
  std::string saved = kiosk::Conversation{}.encode();
  kiosk::Screen last;

  std::string operator()(std::string_view input) {
    kiosk::Kiosk k(
        *w.db, w.station.id, [this] { return now; }, "web device 1");
    auto conv = kiosk::Conversation::decode(saved);
    REQUIRE(conv);
    REQUIRE(k.restore(*conv));
    last = k.handle(input);
    saved = k.save().encode();
    return text(last);
  }
  kiosk::Conversation conversation() const { return *kiosk::Conversation::decode(saved); }
};

bool has(const std::string& s, std::string_view what) {
  return s.find(what) != std::string::npos;
}

}  // namespace

TEST_CASE("a conversation as text: encoded and decoded, anything else refused") {
  kiosk::Conversation c;
  CHECK(kiosk::Conversation::decode(c.encode()) == c);
  c.step = kiosk::Conversation::Step::pin;
  c.pin_candidates = {VolunteerId{3}, VolunteerId{7}};
  CHECK(c.encode() == "pin;3,7;;;0;;0");
  CHECK(kiosk::Conversation::decode(c.encode()) == c);
  c = {};
  c.step = kiosk::Conversation::Step::ask_left;
  c.volunteer = VolunteerId{2};
  c.question = SessionId{11};
  c.latest = Instant{1'700'000'000};
  c.late_deadline = Instant{1'699'990'000};
  CHECK(kiosk::Conversation::decode(c.encode()) == c);
  c.pin_checked = true;
  CHECK(c.encode().ends_with(";1"));
  CHECK(kiosk::Conversation::decode(c.encode()) == c);
  for (const char* bad : {"", "idle", "idle;;;;0;;0;0", "idle;;;;0;;0;1;", "nap;;;;0;;0", "pin;3,,7;;;0;;0", "idle;;-1;;0;;0",
                          "idle;;;;x;;0", "idle;;;;0;;-5", "idle;;;;0;;0;"}) {
    CAPTURE(bad);
    CHECK_FALSE(kiosk::Conversation::decode(bad));
  }
}

TEST_CASE("restored between inputs: PIN, short-session question, late check-out question") {
  KioskWorld w;
  Shift evening = w.shift;
  evening.time = {w.at("2023-05-01T16:00"), w.at("2023-05-01T20:00")};
  evening.id = store::shifts::insert(*w.db, evening);
  store::assignments::insert(*w.db, Assignment{{}, evening.id, w.volunteers[0]});
  store::identity::set_pin_hash(*w.db, w.volunteers[0], kiosk::hash_pin("2468"));
  Instant now = w.at("2023-05-01T15:50");
  Hopping k{w, now, kiosk::Conversation{}.encode(), {}};

  CHECK(has(k("V1"), "Enter your PIN"));
  CHECK(k.last.secret);
  CHECK(k.conversation().step == kiosk::Conversation::Step::pin);
  CHECK(has(k("2468"), "Checked in"));
  CHECK(k.conversation().volunteer == w.volunteers[0]);  // identified: "sign in on your phone"

  now = now.plus_minutes(1);
  k("V1");
  CHECK(has(k("2468"), "Check out now?"));
  CHECK(has(k("maybe"), "Please answer y (yes) or n (no)"));
  CHECK(has(k.last.title.render(Lang::en), "Check out now?"));  // the same question again
  CHECK(has(k("n"), "Still checked in"));

  now = w.at("2023-05-01T23:30");
  k("V1");
  auto late = k("2468");
  CHECK(has(late, "Check-out recorded, after the deadline"));
  CHECK(has(late, "Did you leave at 20:00?"));
  auto again = k("perhaps");
  CHECK(has(again, "Please answer y (yes) or n (no)"));
  CHECK(has(again, "Check-out recorded, after the deadline"));
  CHECK(has(k("n"), "When did you leave?"));
  CHECK(has(k("9pm"), "'9pm' is not a time"));
  CHECK(has(k.last.prompt.render(Lang::en), "When did you leave?"));
  CHECK(has(k("21:15"), "your answer is recorded"));
  auto v1 = store::sessions::of_volunteer(*w.db, w.volunteers[0]);
  REQUIRE(v1.size() == 1);
  CHECK(v1[0].proposed_out == w.at("2023-05-01T21:15"));
}

TEST_CASE("five wrong PINs lock out through restored conversations as at the terminal") {
  KioskWorld w;
  store::identity::set_pin_hash(*w.db, w.volunteers[1], kiosk::hash_pin("2468"));
  Instant now = w.at("2023-05-01T08:55");
  Hopping k{w, now, kiosk::Conversation{}.encode(), {}};
  for (int i = 1; i <= 4; ++i) {
    k("V2");
    CHECK(has(k("1111"), "Wrong PIN (" + std::to_string(i) + " of 5 tries)"));
  }
  k("V2");
  CHECK(has(k("1111"), "locked for"));
  CHECK(has(k("V2"), "Locked"));
  CHECK_FALSE(k.conversation().volunteer);  // a refusal identifies nobody
}

TEST_CASE("a conversation naming records that are gone is not restored") {
  KioskWorld w;
  kiosk::Kiosk k(*w.db, w.station.id, [] { return Instant{1'682'900'000}; });
  kiosk::Conversation c;
  c.step = kiosk::Conversation::Step::confirm_short;
  c.volunteer = VolunteerId{999};
  CHECK_FALSE(k.restore(c));
  c.step = kiosk::Conversation::Step::ask_left;
  c.volunteer = w.volunteers[0];
  c.question = SessionId{999};
  CHECK_FALSE(k.restore(c));
  CHECK(k.save() == kiosk::Conversation{});
}

TEST_CASE("the rotating check-in code: this window and the one before, at this station only") {
  std::string secret(64, 'a'), other(64, 'b');
  StationId st{1};
  Instant t{1'688'349'615};  // 15 s into a window
  auto code = kiosk::current_checkin_code(secret, st, t);
  CHECK(code.size() == kiosk::kCodeLength);
  CHECK(kiosk::code_seconds_left(t) == 15);
  CHECK(kiosk::checkin_code_fresh(secret, st, code, t));
  CHECK(kiosk::checkin_code_fresh(secret, st, code, Instant{t.seconds + 44}));  // previous window
  CHECK_FALSE(kiosk::checkin_code_fresh(secret, st, code, Instant{t.seconds + 45}));  // older
  CHECK_FALSE(kiosk::checkin_code_fresh(secret, StationId{2}, code, t));  // another station
  CHECK_FALSE(kiosk::checkin_code_fresh(other, st, code, t));             // another secret
  CHECK_FALSE(kiosk::checkin_code_fresh(secret, st, code.substr(1), t));
  CHECK(kiosk::current_checkin_code(secret, st, Instant{t.seconds + 15}) != code);
  CHECK(kiosk::code_window(Instant{-1}) == -1);
}
