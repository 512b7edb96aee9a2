// kiosk::today_at, the coordinator's "today" lists: by the station's service day (a station open
// 18:00–02:00 keeps its evening together past midnight), here now with the overdue flag, people
// rostered who have not come (started or still to come; cancelled places and people checked in
// early as a walk-in left out), and who has left. Runs on SQLite and PostgreSQL.

#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/today.hpp"

using namespace vstation;

namespace {

struct NightWorld : KioskWorld {
  Shift late, tomorrow;
  NightWorld() : KioskWorld(4) {
    station.opens = parse_time_of_day("18:00");
    station.closes = TimeOfDay{26 * 60};  // 02:00 the next day
    store::stations::update(*db, station);
    auto make = [&](const char* from, const char* to) {
      Shift s = shift;
      s.time = {at(from), at(to)};
      s.id = store::shifts::insert(*db, s);
      return s;
    };
    late = make("2023-07-03T22:00", "2023-07-04T01:30");
    tomorrow = make("2023-07-04T19:00", "2023-07-04T23:00");
    auto assign = [&](const Shift& s, int v, AssignmentStatus status) {
      Assignment a;
      a.shift = s.id;
      a.volunteer = volunteers[std::size_t(v)];
      a.status = status;
      store::assignments::insert(*db, a);
    };
    assign(late, 0, AssignmentStatus::planned);
    assign(late, 1, AssignmentStatus::planned);
    assign(late, 2, AssignmentStatus::cancelled);
    assign(tomorrow, 3, AssignmentStatus::planned);
  }
};

}  // namespace

TEST_CASE("today at a night station: the evening stays one day past midnight") {
  NightWorld w;
  kiosk::Ledger ledger(*w.db, "kiosk");
  ledger.check_in(w.volunteers[3], w.station.id, w.at("2023-07-03T18:30"));  // a walk-in
  ledger.check_out(w.volunteers[3], w.at("2023-07-03T21:00"));
  ledger.check_in(w.volunteers[0], w.station.id, w.at("2023-07-03T21:50"));

  auto t = kiosk::today_at(*w.db, w.station, w.at("2023-07-04T01:00"));
  CHECK(t.day == parse_date("2023-07-03"));
  REQUIRE(t.present.size() == 1);
  CHECK(t.present[0].session.volunteer == w.volunteers[0]);
  REQUIRE(t.present[0].shift);
  CHECK(t.present[0].shift->id == w.late.id);
  CHECK_FALSE(t.present[0].overdue);
  // V2 is missing from the late shift; V3's place is cancelled; V4's shift is tomorrow's.
  REQUIRE(t.missing.size() == 1);
  CHECK(t.missing[0].assignment.volunteer == w.volunteers[1]);
  CHECK(t.missing[0].started);
  CHECK_FALSE(t.missing[0].ended);
  REQUIRE(t.left.size() == 1);
  CHECK(t.left[0].volunteer == w.volunteers[3]);
  CHECK(t.left[0].credited_minutes == 150);

  // Before the shift, V2 is still to come; the next evening is another day.
  auto before = kiosk::today_at(*w.db, w.station, w.at("2023-07-03T21:55"));
  REQUIRE(before.missing.size() == 1);
  CHECK_FALSE(before.missing[0].started);
  auto next = kiosk::today_at(*w.db, w.station, w.at("2023-07-04T18:30"));
  CHECK(next.day == parse_date("2023-07-04"));
  CHECK(next.left.empty());
  REQUIRE(next.missing.size() == 1);
  CHECK(next.missing[0].assignment.volunteer == w.volunteers[3]);
  // V1's session, open since yesterday evening, is still listed, past its deadline.
  REQUIRE(next.present.size() == 1);
  CHECK(next.present[0].overdue);
}
