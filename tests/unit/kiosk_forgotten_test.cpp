// The forgotten check-out question's pieces the kiosk and the phone share (kiosk/forgotten.hpp).

#include <doctest/doctest.h>

#include "vstation/kiosk/forgotten.hpp"

using namespace vstation;

TEST_CASE("the time they left is the first such moment after the check-in") {
  const TimeZone zone;  // Asia/Shanghai
  Session s;
  s.effective_in = s.raw_in = parse_instant("2023-05-01T18:00", zone);
  CHECK(kiosk::left_at(s, TimeOfDay{20 * 60 + 40}, zone) ==
        parse_instant("2023-05-01T20:40", zone));
  // Before the check-in's time of day: past midnight, the next day.
  CHECK(kiosk::left_at(s, TimeOfDay{60}, zone) == parse_instant("2023-05-02T01:00", zone));
  CHECK(kiosk::left_at(s, TimeOfDay{18 * 60}, zone) == s.effective_in);
  CHECK(kiosk::latest_left(s, Instant{5}) == Instant{5});
  s.raw_out = parse_instant("2023-05-02T09:00", zone);
  CHECK(kiosk::latest_left(s, Instant{5}) == *s.raw_out);
}

TEST_CASE(
    "the question names the shift, or the walk-in's check-in; the end is offered if it can be") {
  const TimeZone zone;
  Session s;
  s.effective_in = s.raw_in = parse_instant("2023-05-01T08:55", zone);
  Shift shift;
  shift.time = {parse_instant("2023-05-01T09:00", zone), parse_instant("2023-05-01T12:00", zone)};
  CHECK(kiosk::forgotten_title(s, shift, zone).render(Lang::en) ==
        "Mon 2023-05-01 09:00–12:00: you did not check out");
  CHECK(kiosk::forgotten_title(s, std::nullopt, zone).render(Lang::en) ==
        "Mon 2023-05-01 from 08:55: you did not check out");
  CHECK(kiosk::forgotten_title(s, shift, zone).render(Lang::zh) ==
        "周一 2023-05-01 09:00–12:00：您没有签退");
  CHECK(kiosk::end_possible(s, shift, parse_instant("2023-05-01T12:00", zone)));
  CHECK_FALSE(kiosk::end_possible(s, shift, parse_instant("2023-05-01T11:59", zone)));
  CHECK_FALSE(kiosk::end_possible(s, std::nullopt, parse_instant("2023-05-02T00:00", zone)));
  s.effective_in = parse_instant("2023-05-01T12:30", zone);  // came after the shift's end
  CHECK_FALSE(kiosk::end_possible(s, shift, parse_instant("2023-05-02T00:00", zone)));
}
