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

TEST_CASE("auto-close: at the station's closing time or after the longest length") {
  Station st;
  st.closes = TimeOfDay{20 * 60};
  st.settings.max_session_minutes = 12 * 60;
  Instant in = at("2023-05-01T09:00");
  CHECK(auto_close_deadline(in, st) == at("2023-05-01T20:00"));
  CHECK_FALSE(should_auto_close(in, at("2023-05-01T19:59"), st));
  CHECK(should_auto_close(in, at("2023-05-01T20:00"), st));
  st.settings.max_session_minutes = 4 * 60;
  CHECK(auto_close_deadline(in, st) == at("2023-05-01T13:00"));
  // a check-in after closing is trusted until midnight
  st.settings.max_session_minutes = 12 * 60;
  CHECK(auto_close_deadline(at("2023-05-01T20:30"), st) == at("2023-05-02T00:00"));
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
