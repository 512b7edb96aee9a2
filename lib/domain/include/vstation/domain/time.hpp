#pragma once
// Time values. Instants are UTC seconds (what the store keeps); stations have a fixed UTC
// offset, so local wall time is instant + offset. Dates are proleptic Gregorian days.

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
  // Midnight local time at a station with this offset.
  [[nodiscard]] Instant start_at(UtcOffset off) const;
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

// Local calendar date and time of an instant at a station.
Date local_date(Instant t, UtcOffset off);
TimeOfDay local_time(Instant t, UtcOffset off);
Instant at_local(Date d, TimeOfDay t, UtcOffset off);

// Parsers: strict, throw ParseError naming the expected form.
Date parse_date(std::string_view s);              // 2023-05-01
TimeOfDay parse_time_of_day(std::string_view s);  // 09:00 or 24:00
UtcOffset parse_utc_offset(std::string_view s);   // +08:00, -05:30, Z
Weekday parse_weekday(std::string_view s);        // Mon / 周一 / 1..7
// ISO 8601 date-time: 2023-05-01T09:00[:00][Z|+08:00]; a space may replace T. Without an
// offset the time is local at `local`.
Instant parse_instant(std::string_view s, UtcOffset local);
// Durations: 90, 90m, 1h30m, 10s, 2h.
std::int64_t parse_duration_seconds(std::string_view s);

std::string format_offset(UtcOffset off);                   // +08:00
std::string format_local(Instant t, UtcOffset off);         // 2023-05-01 09:00
std::string format_iso(Instant t, UtcOffset off);           // 2023-05-01T09:00:00+08:00
std::string_view weekday_code(Weekday d);                   // Mon
Msg weekday_label(Weekday d);                               // Mon / 周一, for people
Text duration_text(std::int64_t minutes);                   // 3 h 05 min / 3 小时 05 分
std::string format_minutes_as_hours(std::int64_t minutes);  // 3.50

}  // namespace vstation
