#include <date/tz.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>

#include "vstation/domain/error.hpp"
#include "vstation/domain/time.hpp"

using namespace vstation;

namespace {
// Ranges on an hour scale: hours(9, 12) is 09:00–12:00 on day 0 (UTC).
TimeRange hours(int a, int b) {
  return {Instant{a * 3600}, Instant{b * 3600}};
}
}  // namespace

TEST_CASE("time ranges: overlap and intersection cases") {
  const TimeRange a = hours(9, 12);
  //            9    10   11   12   13
  // a          [==============)
  // disjoint before:  [7,8)
  CHECK_FALSE(a.overlaps(hours(7, 8)));
  // touching at the start: [6,9)  -- touching is not overlapping
  CHECK_FALSE(a.overlaps(hours(6, 9)));
  // touching at the end:   [12,15)
  CHECK_FALSE(a.overlaps(hours(12, 15)));
  // partial at the start:  [8,10)
  CHECK(a.overlaps(hours(8, 10)));
  CHECK(a.intersection(hours(8, 10)) == hours(9, 10));
  // partial at the end:    [11,13)
  CHECK(a.overlaps(hours(11, 13)));
  CHECK(a.intersection(hours(11, 13)) == hours(11, 12));
  // inside:                [10,11)
  CHECK(a.overlaps(hours(10, 11)));
  CHECK(a.covers(hours(10, 11)));
  // containing:            [8,13)
  CHECK(a.overlaps(hours(8, 13)));
  CHECK(hours(8, 13).covers(a));
  CHECK_FALSE(a.covers(hours(8, 13)));
  // equal
  CHECK(a.overlaps(a));
  CHECK(a.covers(a));
  // empty ranges overlap nothing, not even themselves
  CHECK_FALSE(hours(10, 10).overlaps(a));
  CHECK_FALSE(a.overlaps(hours(11, 10)));
  // a disjoint intersection is empty with zero minutes
  CHECK(a.intersection(hours(13, 14)).empty());
  CHECK(a.intersection(hours(13, 14)).minutes() == 0);
  CHECK(a.minutes() == 180);
}

TEST_CASE("dates parse strictly") {
  CHECK(parse_date("2023-05-01").iso() == "2023-05-01");
  CHECK(parse_date("2024-02-29").iso() == "2024-02-29");
  CHECK_THROWS_AS(parse_date("2023-02-29"), ParseError);
  CHECK_THROWS_AS(parse_date("2023-13-01"), ParseError);
  CHECK_THROWS_AS(parse_date("2023-5-1"), ParseError);
  CHECK_THROWS_AS(parse_date("01/05/2023"), ParseError);
  CHECK_THROWS_AS(parse_date(""), ParseError);
  CHECK(parse_date("2023-03-04").weekday() == Weekday::sat);
}

TEST_CASE("times of day and offsets") {
  CHECK(parse_time_of_day("09:30").minutes == 570);
  CHECK(parse_time_of_day("24:00").minutes == 1440);
  CHECK_THROWS_AS(parse_time_of_day("24:01"), ParseError);
  CHECK_THROWS_AS(parse_time_of_day("9:30"), ParseError);
  CHECK_THROWS_AS(parse_time_of_day("09:60"), ParseError);
  CHECK(parse_utc_offset("+08:00").minutes == 480);
  CHECK(parse_utc_offset("-05:30").minutes == -330);
  CHECK(parse_utc_offset("Z").minutes == 0);
  CHECK(format_offset(UtcOffset{-330}) == "-05:30");
  CHECK_THROWS_AS(parse_utc_offset("+8"), ParseError);
  // No zone is further from UTC than 14 hours.
  CHECK(parse_utc_offset("+14:00").minutes == 840);
  CHECK_THROWS_AS(parse_utc_offset("+14:30"), ParseError);
  CHECK_THROWS_AS(parse_utc_offset("-14:01"), ParseError);
}

TEST_CASE("instants: local time at the station unless an offset is given") {
  const UtcOffset cst{480};
  Instant t = parse_instant("2023-05-01T09:00", cst);
  CHECK(t.seconds == 1682902800);  // 2023-05-01T01:00:00Z
  CHECK(parse_instant("2023-05-01 09:00:00", cst) == t);
  CHECK(parse_instant("2023-05-01T01:00Z", cst) == t);
  CHECK(parse_instant("2023-05-01T11:00+10:00", cst) == t);
  CHECK(format_local(t, cst) == "2023-05-01 09:00");
  CHECK(format_iso(t, cst) == "2023-05-01T09:00:00+08:00");
  CHECK(local_date(parse_instant("2023-05-01T23:30Z", cst), cst).iso() == "2023-05-02");
  CHECK_THROWS_AS(parse_instant("2023-05-01", cst), ParseError);
  CHECK_THROWS_AS(parse_instant("2023-02-30T09:00", cst), ParseError);
  CHECK_THROWS_AS(parse_instant("2023-05-01T25:00", cst), ParseError);
  CHECK_THROWS_AS(parse_instant("2023-05-01T09:00+8", cst), ParseError);
}

TEST_CASE("a time that happened is not later than now") {
  TimeZone zone;  // +08:00
  Instant now = parse_instant("2023-07-03T10:00", zone);
  CHECK_FALSE(later_than_now(now, now, zone));
  CHECK_FALSE(later_than_now(parse_instant("2023-07-03T09:59", zone), now, zone));
  auto why = later_than_now(parse_instant("2023-07-03T10:01", zone), now, zone);
  REQUIRE(why);
  CHECK(why->render(Lang::en) ==
        "2023-07-03 10:01 is later than now (2023-07-03 10:00); a time still to come cannot be "
        "recorded");
}

TEST_CASE("durations") {
  CHECK(parse_duration_seconds("10s") == 10);
  CHECK(parse_duration_seconds("90") == 5400);
  CHECK(parse_duration_seconds("1h30m") == 5400);
  CHECK(parse_duration_seconds("2h") == 7200);
  CHECK_THROWS_AS(parse_duration_seconds("1h30"), ParseError);
  CHECK_THROWS_AS(parse_duration_seconds("ten"), ParseError);
  CHECK_THROWS_AS(parse_duration_seconds("-5m"), ParseError);
}

TEST_CASE("weekdays in both languages") {
  CHECK(parse_weekday("Mon") == Weekday::mon);
  CHECK(parse_weekday("周六") == Weekday::sat);
  CHECK(parse_weekday("7") == Weekday::sun);
  CHECK_THROWS_AS(parse_weekday("Funday"), ParseError);
}

TEST_CASE("time zones: Europe/London across both 2023 changes") {
  TimeZone london = TimeZone::named("Europe/London");
  CHECK(london.name() == "Europe/London");
  // 26 March: 01:00 GMT becomes 02:00 BST. The night 00:00-04:00 lasts three hours.
  Instant midnight = parse_instant("2023-03-26T00:00", london);
  CHECK(midnight == parse_instant("2023-03-26T00:00Z", london));
  CHECK(minutes_between(midnight, parse_instant("2023-03-26T04:00", london)) == 180);
  // 01:30 does not exist that night: typed, it is refused; computed (a template's start), it is
  // taken with the offset before the gap, 02:30 BST. 02:00, the gap's end, exists.
  CHECK_THROWS_AS(parse_instant("2023-03-26T01:30", london), ParseError);
  CHECK_THROWS_AS(parse_instant("2023-03-26 01:00", london), ParseError);
  CHECK(parse_instant("2023-03-26T02:00", london) == parse_instant("2023-03-26T01:00Z", london));
  Instant skipped = at_local(parse_date("2023-03-26"), parse_time_of_day("01:30"), london);
  CHECK(skipped == parse_instant("2023-03-26T01:30Z", london));
  CHECK(format_local(skipped, london) == "2023-03-26 02:30");
  CHECK(parse_instant("2023-03-26T24:00", london) == parse_instant("2023-03-26T23:00Z", london));
  // 29 October: 02:00 BST becomes 01:00 GMT; 01:30 happens twice, the first one is meant.
  CHECK(parse_instant("2023-10-29T01:30", london) == parse_instant("2023-10-29T00:30Z", london));
  CHECK(minutes_between(parse_instant("2023-10-29T00:00", london),
                        parse_instant("2023-10-29T04:00", london)) == 300);
  // Days and ISO offsets follow the zone.
  Instant late = parse_instant("2023-03-31T23:30Z", london);
  CHECK(local_date(late, london).iso() == "2023-04-01");
  CHECK(format_iso(late, london) == "2023-04-01T00:30:00+01:00");
  CHECK(format_iso(parse_instant("2023-12-01T09:00", london), london) == "2023-12-01T09:00:00+00:00");
  CHECK(parse_date("2023-10-29").start_at(london) == parse_instant("2023-10-28T23:00Z", london));
  CHECK(parse_date("2023-10-30").start_at(london) == parse_instant("2023-10-30T00:00Z", london));
}

TEST_CASE("time zones: every reading, forward and back, as the zone database has it") {
  // TimeZone keeps the last stretch of one offset it looked up; each answer must still be the
  // zone database's own, across changes of an hour (New York), of half an hour (Lord Howe) and
  // of a whole day (Apia skipped 30 December 2011), walked in both directions and in jumps.
  for (const char* name : {"America/New_York", "Australia/Lord_Howe", "Pacific/Apia"}) {
    CAPTURE(name);
    TimeZone zone = TimeZone::named(name);
    const date::time_zone* db = date::locate_zone(name);
    const std::int64_t from = parse_instant("2011-01-01T00:00Z", zone).seconds;
    const std::int64_t to = parse_instant("2013-01-01T00:00Z", zone).seconds;
    std::vector<std::int64_t> order;
    for (std::int64_t t = from; t < to; t += 900) order.push_back(t);
    for (std::int64_t t = to; t > from; t -= 840) order.push_back(t);
    for (std::int64_t i = 0; i < 2000; ++i) order.push_back(from + (i * 7919 * 3607) % (to - from));
    int wrong_offsets = 0, wrong_instants = 0;
    for (std::int64_t t : order) {
      auto utc = db->get_info(date::sys_seconds{std::chrono::seconds{t}});
      if (zone.offset_at(Instant{t}).minutes * 60 != utc.offset.count()) ++wrong_offsets;
      auto local = db->get_info(date::local_seconds{std::chrono::seconds{t}});
      if (zone.from_local(t) != Instant{t - local.first.offset.count()}) ++wrong_instants;
    }
    CHECK(wrong_offsets == 0);
    CHECK(wrong_instants == 0);
  }
  // Apia's skipped day: the 29th's last hour and the 31st's first are a day and an hour apart.
  TimeZone apia = TimeZone::named("Pacific/Apia");
  CHECK(minutes_between(parse_instant("2011-12-29T23:00", apia),
                        parse_instant("2011-12-31T00:00", apia)) == 60);
}

TEST_CASE("time zones: names, fixed offsets and the zones former offsets become") {
  CHECK(TimeZone{}.name() == "Asia/Shanghai");
  CHECK(TimeZone::named("UTC").offset_at(Instant{0}).minutes == 0);
  CHECK(TimeZone::named(" UTC+05:30 ").offset_at(Instant{0}).minutes == 330);
  CHECK(TimeZone::named("UTC-03:00").name() == "UTC-03:00");
  for (const char* bad : {"", "Asia/Beijing", "+08:00", "UTC+8", "UTCZ", "../../etc/passwd",
                          "Asia/Shang hai", "utc+05:30x"})
    CHECK_THROWS_AS(TimeZone::named(bad), ParseError);
  CHECK(TimeZone::for_offset(UtcOffset{480}).name() == "Asia/Shanghai");
  CHECK(TimeZone::for_offset(UtcOffset{-300}).name() == "Etc/GMT+5");
  CHECK(TimeZone::for_offset(UtcOffset{345}).name() == "UTC+05:45");
  CHECK(TimeZone::for_offset(UtcOffset{-780}).name() == "UTC-13:00");  // no Etc zone west of -12
  // Shanghai has no daylight saving: the same offset all year.
  TimeZone cst;
  CHECK(cst.offset_at(parse_instant("2023-01-15T12:00Z", cst)).minutes == 480);
  CHECK(cst.offset_at(parse_instant("2023-07-15T12:00Z", cst)).minutes == 480);
}

// Date::iso and TimeOfDay::hhmm are written digit by digit in the common range and by fmt
// outside it: both ways give what fmt gives, at the edges of the range and across it.
TEST_CASE("iso dates and hh:mm times as fmt writes them, inside and outside the fast range") {
  // 0000-01-01 is day -719528 of the epoch; 9999-12-31 is day 2932896.
  for (std::int64_t day = -720000; day <= 2933500; day += 997) {
    Date d{std::chrono::sys_days{std::chrono::days{day}}};
    CAPTURE(day);
    CHECK(d.iso() == fmt::format("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()));
  }
  for (std::int64_t day : {-719529, -719528, 2932896, 2932897}) {
    Date d{std::chrono::sys_days{std::chrono::days{day}}};
    CHECK(d.iso() == fmt::format("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()));
  }
  CHECK(Date{std::chrono::sys_days{std::chrono::days{-719528}}}.iso() == "0000-01-01");
  CHECK(Date{std::chrono::sys_days{std::chrono::days{2932896}}}.iso() == "9999-12-31");
  for (int m = -130; m <= 6100; ++m) {
    CAPTURE(m);
    CHECK(TimeOfDay{m}.hhmm() == fmt::format("{:02}:{:02}", m / 60, m % 60));
  }
  CHECK(TimeOfDay{0}.hhmm() == "00:00");
  CHECK(TimeOfDay{23 * 60 + 59}.hhmm() == "23:59");
  CHECK(TimeOfDay{24 * 60}.hhmm() == "24:00");
}
