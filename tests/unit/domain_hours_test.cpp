#include <doctest/doctest.h>

#include "vstation/domain/hours_policy.hpp"

using namespace vstation;

namespace {
const UtcOffset kCst{480};
Instant at(const char* local) {
  return parse_instant(local, kCst);
}
TimeRange shift(const char* a, const char* b) {
  return {at(a), at(b)};
}
}  // namespace

TEST_CASE("rostered sessions: early arrivals credited from the start, late leavers to the end") {
  StationSettings s;
  auto sh = shift("2023-05-01T09:00", "2023-05-01T12:00");
  // on time
  CHECK(credited_minutes(at("2023-05-01T09:00"), at("2023-05-01T12:00"), sh, s) == 180);
  // 20 min early, 30 min late leaving: 09:00-12:00 with no overtime allowance
  CHECK(credited_minutes(at("2023-05-01T08:40"), at("2023-05-01T12:30"), sh, s) == 180);
  // late arrival, early leave: 09:17-11:50 = 153
  CHECK(credited_minutes(at("2023-05-01T09:17"), at("2023-05-01T11:50"), sh, s) == 153);
  // overtime allowance of 15: leaving at 12:30 credits to 12:15
  s.overtime_allowance_minutes = 15;
  CHECK(credited_minutes(at("2023-05-01T09:00"), at("2023-05-01T12:30"), sh, s) == 195);
  // entirely outside the shift: nothing, never negative
  CHECK(credited_minutes(at("2023-05-01T13:00"), at("2023-05-01T14:00"), sh, s) == 0);
}

TEST_CASE("walk-ins are credited check-out minus check-in") {
  StationSettings s;
  CHECK(credited_minutes(at("2023-05-01T08:40"), at("2023-05-01T10:05"), std::nullopt, s) == 85);
  CHECK(credited_minutes(at("2023-05-01T10:05"), at("2023-05-01T08:40"), std::nullopt, s) == 0);
}

TEST_CASE("rounding is down to the station's step, per session") {
  StationSettings s;
  s.rounding_minutes = 15;
  CHECK(credited_minutes(at("2023-05-01T08:40"), at("2023-05-01T10:05"), std::nullopt, s) == 75);
  s.rounding_minutes = 30;
  CHECK(credited_minutes(at("2023-05-01T08:40"), at("2023-05-01T10:05"), std::nullopt, s) == 60);
  CHECK(valid_rounding(10));
  CHECK_FALSE(valid_rounding(7));
}

TEST_CASE(
    "the station's day ends at closing, after closing at midnight, past midnight when open late") {
  Station st;  // 08:00-20:00
  CHECK(station_day_end(at("2023-05-01T09:00"), st) == at("2023-05-01T20:00"));
  CHECK(station_day_end(at("2023-05-01T06:00"), st) == at("2023-05-01T20:00"));  // before opening
  CHECK(station_day_end(at("2023-05-01T20:30"), st) == at("2023-05-02T00:00"));  // after closing
  CHECK(is_open_at(at("2023-05-01T08:00"), st));
  CHECK_FALSE(is_open_at(at("2023-05-01T20:00"), st));
  st.opens = TimeOfDay{18 * 60};
  st.closes = TimeOfDay{26 * 60};  // 02:00 the next day
  CHECK(station_day_end(at("2023-05-01T19:00"), st) == at("2023-05-02T02:00"));
  CHECK(station_day_end(at("2023-05-02T01:30"), st) ==
        at("2023-05-02T02:00"));  // yesterday's hours
  CHECK(station_day_end(at("2023-05-02T03:00"), st) == at("2023-05-03T02:00"));
  CHECK(is_open_at(at("2023-05-02T01:59"), st));
  CHECK_FALSE(is_open_at(at("2023-05-02T02:00"), st));
  CHECK_FALSE(is_open_at(at("2023-05-02T17:59"), st));
}

TEST_CASE("a forgotten check-out: past the grace period after the shift, or the longest length") {
  Station st;  // closes 20:00, grace 60 min, longest 12 h
  auto evening = shift("2023-05-01T16:00", "2023-05-01T20:00");
  Instant in = at("2023-05-01T15:55");
  CHECK(checkout_deadline(in, evening, st) == at("2023-05-01T21:00"));
  CHECK_FALSE(is_overdue(in, evening, at("2023-05-01T20:03"), st));
  CHECK_FALSE(is_overdue(in, evening, at("2023-05-01T20:45"), st));
  CHECK_FALSE(is_overdue(in, evening, at("2023-05-01T21:00"), st));
  CHECK(is_overdue(in, evening, at("2023-05-01T21:01"), st));
  CHECK(is_overdue(in, evening, at("2023-05-01T23:30"), st));
  // a shift past closing time is trusted to its own end
  CHECK(checkout_deadline(at("2023-05-01T19:00"), shift("2023-05-01T19:00", "2023-05-01T22:00"),
                          st) == at("2023-05-01T23:00"));
  // a walk-in: to the end of the station's day, plus the grace period
  CHECK(checkout_deadline(at("2023-05-01T09:00"), std::nullopt, st) == at("2023-05-01T21:00"));
  CHECK(checkout_deadline(at("2023-05-01T20:30"), std::nullopt, st) == at("2023-05-02T01:00"));
  // the longest length comes first when it is shorter
  st.settings.max_session_minutes = 4 * 60;
  CHECK(checkout_deadline(at("2023-05-01T09:00"), std::nullopt, st) == at("2023-05-01T13:00"));
  st.settings.checkout_grace_minutes = 0;
  st.settings.max_session_minutes = 12 * 60;
  CHECK(checkout_deadline(in, evening, st) == at("2023-05-01T20:00"));
}

TEST_CASE("no session is credited beyond the longest allowed length") {
  StationSettings s;
  s.max_session_minutes = 12 * 60;
  CHECK(credited_minutes(at("2023-05-01T08:00"), at("2023-05-04T08:00"), std::nullopt, s) == 720);
  s.rounding_minutes = 30;
  s.max_session_minutes = 100;
  CHECK(credited_minutes(at("2023-05-01T08:00"), at("2023-05-01T12:00"), std::nullopt, s) == 90);
}

TEST_CASE("check-in matching window") {
  StationSettings s;
  s.early_allowance_minutes = 30;
  auto sh = shift("2023-05-01T09:00", "2023-05-01T12:00");
  CHECK(check_in_matches(at("2023-05-01T08:30"), sh, s));
  CHECK_FALSE(check_in_matches(at("2023-05-01T08:29"), sh, s));
  CHECK(check_in_matches(at("2023-05-01T11:59"), sh, s));
  CHECK_FALSE(check_in_matches(at("2023-05-01T12:00"), sh, s));
}

TEST_CASE("star levels") {
  StarLevels stars;
  CHECK(stars.level_for_minutes(99 * 60 + 59) == 0);
  CHECK(stars.level_for_minutes(100 * 60) == 1);
  CHECK(stars.level_for_minutes(1500 * 60) == 5);
}

TEST_CASE("star levels: the next level and the minutes still to go, from the same thresholds") {
  StarLevels stars;
  auto next = stars.next_level(0);
  REQUIRE(next);
  CHECK(next->level == 1);
  CHECK(next->hours == 100);
  CHECK(next->minutes_left == 100 * 60);
  next = stars.next_level(100 * 60 - 1);
  REQUIRE(next);
  CHECK(next->level == 1);
  CHECK(next->minutes_left == 1);
  next = stars.next_level(100 * 60);  // level 1 reached: on to level 2
  REQUIRE(next);
  CHECK(next->level == 2);
  CHECK(next->hours == 300);
  CHECK(next->minutes_left == 200 * 60);
  next = stars.next_level(1499 * 60 + 30);
  REQUIRE(next);
  CHECK(next->level == 5);
  CHECK(next->minutes_left == 30);
  CHECK_FALSE(stars.next_level(1500 * 60));  // the highest level
  CHECK_FALSE(stars.next_level(9000 * 60));
  // Each next level is one above the level reached, for every threshold.
  for (std::size_t i = 0; i < stars.hours.size(); ++i) {
    const std::int64_t at = std::int64_t(stars.hours[i]) * 60;
    CHECK(stars.next_level(at - 1)->level == stars.level_for_minutes(at - 1) + 1);
    CHECK(stars.level_for_minutes(at - 1 + stars.next_level(at - 1)->minutes_left) ==
          stars.next_level(at - 1)->level);
  }
}

TEST_CASE("who may serve") {
  Volunteer v;
  v.birth_date = parse_date("2012-06-01");
  CHECK_FALSE(may_serve(v, parse_date("2023-05-01")));  // 10 years old, no consent
  v.guardian_consent = true;
  CHECK(may_serve(v, parse_date("2023-05-01")));
  v.guardian_consent = false;
  CHECK(may_serve(v, parse_date("2026-06-01")));  // turned 14
  CHECK(age_on(parse_date("2012-06-01"), parse_date("2026-05-31")) == 13);
  v.status = VolunteerStatus::retired;
  CHECK_FALSE(may_serve(v, parse_date("2026-06-01")));
}

TEST_CASE("a London station's day and deadlines across the spring change") {
  Station st;
  st.zone = TimeZone::named("Europe/London");
  auto local = [&](const char* s) { return parse_instant(s, st.zone); };
  // A walk-in after closing on the Saturday is trusted to midnight plus the grace period: 01:00
  // GMT is 02:00 BST, the hour the clocks skip.
  CHECK(station_day_end(local("2023-03-25T21:00"), st) == local("2023-03-26T00:00"));
  CHECK(checkout_deadline(local("2023-03-25T21:00"), std::nullopt, st) == local("2023-03-26T02:00"));
  // The Sunday's opening hours 08:00-20:00 are twelve hours, in BST.
  CHECK(is_open_at(local("2023-03-26T08:00"), st));
  CHECK(minutes_between(local("2023-03-26T08:00"), station_day_end(local("2023-03-26T09:00"), st)) == 720);
}

TEST_CASE("credited overtime is never a forgotten check-out; the service day a scan belongs to") {
  Station st;  // 08:00-20:00, grace 60
  st.settings.overtime_allowance_minutes = 120;
  auto morning = shift("2023-05-01T09:00", "2023-05-01T12:00");
  CHECK(checkout_deadline(at("2023-05-01T09:00"), morning, st) == at("2023-05-01T14:00"));
  CHECK_FALSE(is_overdue(at("2023-05-01T09:00"), morning, at("2023-05-01T13:30"), st));
  CHECK(service_date(at("2023-05-01T23:30"), st) == parse_date("2023-05-01"));
  CHECK(service_date(at("2023-05-02T07:59"), st) == parse_date("2023-05-01"));
  CHECK(service_date(at("2023-05-02T08:00"), st) == parse_date("2023-05-02"));
  st.opens = TimeOfDay{18 * 60};
  st.closes = TimeOfDay{26 * 60};
  CHECK(service_date(at("2023-05-02T01:30"), st) == parse_date("2023-05-01"));
}
