#include <doctest/doctest.h>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/error.hpp"

using namespace vstation;

TEST_CASE("ISO weeks") {
  CHECK(IsoWeek::of(parse_date("2024-12-30")).str() == "2025-W01");
  CHECK(IsoWeek::of(parse_date("2021-01-03")).str() == "2020-W53");
  CHECK(IsoWeek::of(parse_date("2023-03-04")).str() == "2023-W09");
  CHECK(IsoWeek::parse("2024-W23").monday().iso() == "2024-06-03");
  CHECK(IsoWeek::parse("2025-W01").monday().iso() == "2024-12-30");
  CHECK(IsoWeek::parse("2020-W53").monday().iso() == "2020-12-28");
  CHECK(IsoWeek::weeks_in_year(2023) == 52);
  CHECK(IsoWeek::weeks_in_year(2020) == 53);
  CHECK_THROWS_AS(IsoWeek::parse("2023-W53"), ParseError);
  CHECK_THROWS_AS(IsoWeek::parse("2023-W00"), ParseError);
  CHECK_THROWS_AS(IsoWeek::parse("2023W10"), ParseError);
  CHECK(IsoWeek::parse("2024-W52").next().str() == "2025-W01");
  CHECK(IsoWeek::parse("2025-W01").previous().str() == "2024-W52");
  // every day of a week maps back to it
  auto w = IsoWeek::parse("2026-W01");
  for (int i = 0; i < 7; ++i) CHECK(IsoWeek::of(w.monday().plus_days(i)) == w);
}

TEST_CASE("quarters and months") {
  auto q = Quarter::parse("2023Q2");
  CHECK(q.days().first.iso() == "2023-04-01");
  CHECK(q.days().last.iso() == "2023-06-30");
  CHECK(Quarter::parse("2023-q4").days().last.iso() == "2023-12-31");
  CHECK(Quarter::parse("2023Q1").previous().str() == "2022Q4");
  CHECK_THROWS_AS(Quarter::parse("2023Q5"), ParseError);
  CHECK_THROWS_AS(Quarter::parse("Q2 2023"), ParseError);
  CHECK(Month::parse("2024-02").days().last.iso() == "2024-02-29");
  CHECK(Month::parse("2023-01").previous().str() == "2022-12");
  CHECK_THROWS_AS(Month::parse("2023-13"), ParseError);
  CHECK(Quarter::of(parse_date("2023-03-31")).str() == "2023Q1");
}

TEST_CASE("date ranges at a station cover whole local days") {
  DateRange r{parse_date("2023-05-01"), parse_date("2023-05-01")};
  auto t = r.at(UtcOffset{480});
  CHECK(t.minutes() == 24 * 60);
  CHECK(format_local(t.begin, UtcOffset{480}) == "2023-05-01 00:00");
}

TEST_CASE("working days skip weekends") {
  // Fri 2023-05-05 -> Fri 2023-05-19: ten working days later
  CHECK(working_days_between(parse_date("2023-05-05"), parse_date("2023-05-19")) == 10);
  CHECK(working_days_between(parse_date("2023-05-05"), parse_date("2023-05-07")) == 0);
}

TEST_CASE("a week named as people name it: a date in it, this, next, last") {
  Date monday = parse_date("2023-07-03");
  CHECK(IsoWeek::parse_named("this", monday).str() == "2023-W27");
  CHECK(IsoWeek::parse_named("本周", parse_date("2023-07-09")).str() == "2023-W27");
  CHECK(IsoWeek::parse_named("Next", monday).str() == "2023-W28");
  CHECK(IsoWeek::parse_named("上周", monday).str() == "2023-W26");
  CHECK(IsoWeek::parse_named("2024-12-30", monday).str() == "2025-W01");
  CHECK(IsoWeek::parse_named("2023-W27", monday).str() == "2023-W27");
  CHECK_THROWS_AS(IsoWeek::parse_named("tomorrow", monday), ParseError);
  CHECK_THROWS_AS(IsoWeek::parse_named("2023-02-30", monday), ParseError);
  CHECK_THROWS_AS(IsoWeek::parse_named("2100-01-04", monday), ParseError);
}
