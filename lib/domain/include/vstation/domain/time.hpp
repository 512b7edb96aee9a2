#pragma once
// Time values. Instants are UTC seconds (what the store keeps); a station has a time zone
// (TimeZone: IANA rules from the system's tzdata, or a fixed offset), and every local-calendar
// rule goes through it. Dates are proleptic Gregorian days.

#include <algorithm>
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vstation/domain/message.hpp"

namespace vstation {

// Seconds since 1970-01-01T00:00:00Z.
struct Instant {
  std::int64_t seconds = 0;
  constexpr auto operator<=>(const Instant&) const = default;
  [[nodiscard]] constexpr Instant plus_minutes(std::int64_t m) const { return {seconds + m * 60}; }
};

// Minutes between two instants, rounded down (b - a).
constexpr std::int64_t minutes_between(Instant a, Instant b) {
  return (b.seconds - a.seconds) / 60;
}

// A fixed offset from UTC in minutes (+08:00 is 480).
struct UtcOffset {
  int minutes = 480;
  constexpr auto operator<=>(const UtcOffset&) const = default;
};

}  // namespace vstation

namespace date {
class time_zone;
}

namespace vstation {

// A station's time zone: an IANA zone ("Asia/Shanghai", "Europe/London") whose rules, daylight
// saving included, come from the system's tzdata through Howard Hinnant's date/tz library; or a
// fixed offset, named "UTC+05:30", for what no zone describes. Cheap to copy.
class TimeZone {
 public:
  static constexpr std::string_view kDefaultName = "Asia/Shanghai";
  TimeZone();  // Asia/Shanghai
  // A fixed offset is a zone too (tests, and instants written with an explicit offset).
  TimeZone(UtcOffset fixed);  // NOLINT(google-explicit-constructor)
  // An IANA name, "UTC", or "UTC+HH:MM"; throws ParseError for anything else.
  static TimeZone named(std::string_view name);
  // The zone a station's former fixed offset becomes (schema version 9 does the same in SQL):
  // +08:00 is Asia/Shanghai, whole hours Etc/GMT-N, anything else the fixed "UTC+HH:MM".
  static TimeZone for_offset(UtcOffset off);

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] UtcOffset offset_at(Instant t) const;
  // The instant of a local wall-clock reading, given as seconds since 1970-01-01 00:00 local.
  // A reading inside a daylight-saving gap is taken with the offset before the gap (02:30 on
  // the night clocks jump 02:00 -> 03:00 is 03:30), a reading the clocks show twice is the
  // first of the two (RFC 5545 §3.3.5 does the same).
  [[nodiscard]] Instant from_local(std::int64_t local_seconds) const;
  bool operator==(const TimeZone& o) const { return name_ == o.name_; }

 private:
  const date::time_zone* zone_ = nullptr;  // null: the fixed offset
  UtcOffset fixed_{0};
  std::string name_;
};

enum class Weekday { mon = 0, tue, wed, thu, fri, sat, sun };

// A calendar day.
class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::sys_days d) : days_(d) {}
  static std::optional<Date> from_ymd(int y, unsigned m, unsigned d);
  [[nodiscard]] std::chrono::year_month_day ymd() const {
    return std::chrono::year_month_day{days_};
  }
  [[nodiscard]] int year() const { return int(ymd().year()); }
  [[nodiscard]] unsigned month() const { return unsigned(ymd().month()); }
  [[nodiscard]] unsigned day() const { return unsigned(ymd().day()); }
  [[nodiscard]] Weekday weekday() const;
  [[nodiscard]] constexpr std::int64_t day_number() const {
    return days_.time_since_epoch().count();
  }
  [[nodiscard]] constexpr Date plus_days(std::int64_t n) const {
    return Date(days_ + std::chrono::days(n));
  }
  [[nodiscard]] constexpr std::chrono::sys_days sys_days() const { return days_; }
  // Midnight local time in this zone (the first instant of the day, after a gap at midnight).
  [[nodiscard]] Instant start_at(const TimeZone& zone) const;
  [[nodiscard]] std::string iso() const;  // 2023-05-01
  constexpr auto operator<=>(const Date&) const = default;

 private:
  std::chrono::sys_days days_{};
};

// Minutes after local midnight, 0..1440.
struct TimeOfDay {
  int minutes = 0;
  constexpr auto operator<=>(const TimeOfDay&) const = default;
  [[nodiscard]] std::string hhmm() const;  // 09:00
};

// Half-open [begin, end) range of instants. Empty when end <= begin.
struct TimeRange {
  Instant begin;
  Instant end;
  [[nodiscard]] constexpr bool empty() const { return end <= begin; }
  [[nodiscard]] constexpr std::int64_t minutes() const {
    return empty() ? 0 : minutes_between(begin, end);
  }
  [[nodiscard]] constexpr bool contains(Instant t) const { return begin <= t && t < end; }
  [[nodiscard]] constexpr bool covers(const TimeRange& o) const {
    return begin <= o.begin && o.end <= end;
  }
  // Touching ranges ([9,12) and [12,15)) do not overlap.
  [[nodiscard]] constexpr bool overlaps(const TimeRange& o) const {
    return !empty() && !o.empty() && begin < o.end && o.begin < end;
  }
  [[nodiscard]] constexpr TimeRange intersection(const TimeRange& o) const {
    TimeRange r{std::max(begin, o.begin), std::min(end, o.end)};
    return r.empty() ? TimeRange{r.begin, r.begin} : r;
  }
  constexpr auto operator<=>(const TimeRange&) const = default;
};

// What a session from `in` to `end` occupies when sessions are held apart: its range, and at least
// its check-in second (one of no length, or without a check-out: end == in), as `vstation check`
// judges overlaps.
constexpr TimeRange occupied_by(Instant in, Instant end) {
  return {in, std::max(end, Instant{in.seconds + 1})};
}

// Local calendar date and time of an instant at a station.
Date local_date(Instant t, const TimeZone& zone);
TimeOfDay local_time(Instant t, const TimeZone& zone);
// A local date and time of day (24:00 is the next midnight) as an instant; see from_local.
Instant at_local(Date d, TimeOfDay t, const TimeZone& zone);

// Parsers: strict, throw ParseError naming the expected form.
// Records lie in the years 1900 to 2099: a year outside them is a typo, refused naming the value.
bool plausible_year(int year);
void check_plausible_year(int year, std::string_view as_typed);
Date parse_date(std::string_view s);              // 2023-05-01
TimeOfDay parse_time_of_day(std::string_view s);  // 09:00 or 24:00
UtcOffset parse_utc_offset(std::string_view s);   // +08:00, -05:30, Z
Weekday parse_weekday(std::string_view s);        // Mon / 周一 / 1..7
// ISO 8601 date-time: 2023-05-01T09:00[:00][Z|+08:00]; a space may replace T. Without an
// offset the time is local in `local`, and one its clocks skip (a spring-forward hour) is refused.
Instant parse_instant(std::string_view s, const TimeZone& local);
// A time recorded as having happened (a check-in, a check-out, an incident) may not be later than
// the command's clock: the reason, naming both in `zone`, when `t` is; a time still to come is a
// typo or a wrong clock.
std::optional<Text> later_than_now(Instant t, Instant now, const TimeZone& zone);
// Durations: 90, 90m, 1h30m, 10s, 2h.
std::int64_t parse_duration_seconds(std::string_view s);

std::string format_offset(UtcOffset off);                   // +08:00
std::string format_local(Instant t, const TimeZone& zone);  // 2023-05-01 09:00
std::string format_iso(Instant t, const TimeZone& zone);    // 2023-05-01T09:00:00+08:00
std::string_view weekday_code(Weekday d);                   // Mon
Msg weekday_label(Weekday d);                               // Mon / 周一, for people
Text duration_text(std::int64_t minutes);                   // 3 h 05 min / 3 小时 05 分
std::string format_minutes_as_hours(std::int64_t minutes);  // 3.50

}  // namespace vstation
