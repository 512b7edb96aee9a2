#pragma once
// Calendar periods: ISO weeks (rosters), months and quarters (reports).

#include <string>
#include <string_view>

#include "vstation/domain/time.hpp"

namespace vstation {

// A closed range of calendar days [first, last].
struct DateRange {
  Date first;
  Date last;
  [[nodiscard]] bool contains(Date d) const { return first <= d && d <= last; }
  [[nodiscard]] std::int64_t days() const { return last.day_number() - first.day_number() + 1; }
  // The instants of these days in a zone: [first 00:00, last+1 00:00).
  [[nodiscard]] TimeRange at(const TimeZone& zone) const {
    return {first.start_at(zone), last.plus_days(1).start_at(zone)};
  }
  auto operator<=>(const DateRange&) const = default;
};

// ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday.
// 2024-12-30 is in 2025-W01; 2023 has 52 weeks so 2023-W53 does not exist.
struct IsoWeek {
  int year = 0;
  int week = 0;
  static IsoWeek of(Date d);
  static IsoWeek parse(std::string_view s);  // 2024-W23
  // As people name a week: 2024-W23, a date in it (2024-06-05), or this / next / last week
  // (本周 / 下周 / 上周) counted from `today`.
  static IsoWeek parse_named(std::string_view s, Date today);
  static int weeks_in_year(int year);
  [[nodiscard]] Date monday() const;
  [[nodiscard]] DateRange days() const { return {monday(), monday().plus_days(6)}; }
  [[nodiscard]] IsoWeek next() const { return of(monday().plus_days(7)); }
  [[nodiscard]] IsoWeek previous() const { return of(monday().plus_days(-7)); }
  [[nodiscard]] std::string str() const;
  auto operator<=>(const IsoWeek&) const = default;
};

struct Month {
  int year = 0;
  unsigned month = 1;
  static Month of(Date d) { return {d.year(), d.month()}; }
  static Month parse(std::string_view s);  // 2023-05
  [[nodiscard]] DateRange days() const;
  [[nodiscard]] Month previous() const {
    return month == 1 ? Month{year - 1, 12} : Month{year, month - 1};
  }
  [[nodiscard]] std::string str() const;
  auto operator<=>(const Month&) const = default;
};

struct Quarter {
  int year = 0;
  int quarter = 1;  // 1..4
  static Quarter of(Date d) { return {d.year(), int((d.month() - 1) / 3 + 1)}; }
  static Quarter parse(std::string_view s);  // 2023Q2 (also 2023-Q2, 2023q2)
  [[nodiscard]] DateRange days() const;
  [[nodiscard]] Quarter previous() const {
    return quarter == 1 ? Quarter{year - 1, 4} : Quarter{year, quarter - 1};
  }
  [[nodiscard]] std::string str() const;
  auto operator<=>(const Quarter&) const = default;
};

// Working days strictly after `from` up to and including `to` (Mon–Fri; public holidays are
// not modelled). Used for the "complete within 10 working days" rule.
int working_days_between(Date from, Date to);

}  // namespace vstation
