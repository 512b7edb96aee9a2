#include "vstation/domain/calendar.hpp"

#include <fmt/format.h>

#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/domain/time.hpp"

namespace vstation {
namespace {

constexpr Msg kBadWeek{"'{}' is not an ISO week (expected YYYY-Www, e.g. 2024-W23)",
                       "“{}”不是有效的 ISO 周（应为 YYYY-Www，例如 2024-W23）"};
constexpr Msg kNoSuchWeek{"{} does not exist: {} has {} ISO weeks",
                          "{} 不存在：{} 年只有 {} 个 ISO 周"};
constexpr Msg kBadNamedWeek{
    "'{}' is not a week (expected 2024-W23, a date such as 2024-06-05, this, next or last)",
    "“{}”不是有效的周（应为 2024-W23、某一天的日期如 2024-06-05、本周、下周或上周）"};
constexpr Msg kBadMonth{"'{}' is not a month (expected YYYY-MM, e.g. 2023-05)",
                        "“{}”不是有效月份（应为 YYYY-MM，例如 2023-05）"};
constexpr Msg kBadQuarter{"'{}' is not a quarter (expected YYYYQn, e.g. 2023Q2)",
                          "“{}”不是有效季度（应为 YYYYQn，例如 2023Q2）"};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

IsoWeek IsoWeek::of(Date d) {
  // The ISO year is the year of this week's Thursday.
  int wd = int(d.weekday());  // Mon=0
  Date thursday = d.plus_days(3 - wd);
  int year = thursday.year();
  Date jan1 = *Date::from_ymd(year, 1, 1);
  int week = int((thursday.day_number() - jan1.day_number()) / 7 + 1);
  return {year, week};
}

int IsoWeek::weeks_in_year(int year) {
  // A year has 53 weeks when Dec 28 (always in the last week) is in week 53.
  return of(*Date::from_ymd(year, 12, 28)).week;
}

IsoWeek IsoWeek::parse(std::string_view s) {
  s = trim(s);
  auto upper_w = s.size() == 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w');
  if (!upper_w || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(6, 2)))
    throw ParseError(kBadWeek, s);
  int year = std::stoi(std::string(s.substr(0, 4)));
  int week = std::stoi(std::string(s.substr(6, 2)));
  if (week < 1) throw ParseError(kBadWeek, s);
  check_plausible_year(year, s);
  int n = weeks_in_year(year);
  if (week > n) throw ParseError(kNoSuchWeek, s, year, n);
  return {year, week};
}

IsoWeek IsoWeek::parse_named(std::string_view s, Date today) {
  std::string t = ascii_lower(trim(s));
  if (t == "this" || t == "本周") return of(today);
  if (t == "next" || t == "下周") return of(today.plus_days(7));
  if (t == "last" || t == "上周") return of(today.plus_days(-7));
  if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
    try {
      return of(parse_date(t));
    } catch (const ParseError&) {
      throw ParseError(kBadNamedWeek, s);
    }
  }
  try {
    return parse(s);
  } catch (const ParseError& e) {
    if (t.size() == 8 && (t[5] == 'w')) throw;  // a real week number that does not exist
    throw ParseError(kBadNamedWeek, s);
  }
}

Date IsoWeek::monday() const {
  Date jan4 = *Date::from_ymd(year, 1, 4);  // always in week 1
  Date week1_monday = jan4.plus_days(-int(jan4.weekday()));
  return week1_monday.plus_days(std::int64_t(week - 1) * 7);
}

std::string IsoWeek::str() const {
  return fmt::format("{:04}-W{:02}", year, week);
}

Month Month::parse(std::string_view s) {
  s = trim(s);
  if (s.size() != 7 || s[4] != '-' || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)))
    throw ParseError(kBadMonth, s);
  Month m{std::stoi(std::string(s.substr(0, 4))), unsigned(std::stoi(std::string(s.substr(5, 2))))};
  if (m.month < 1 || m.month > 12) throw ParseError(kBadMonth, s);
  check_plausible_year(m.year, s);
  return m;
}

DateRange Month::days() const {
  Date first = *Date::from_ymd(year, month, 1);
  Month next = month == 12 ? Month{year + 1, 1} : Month{year, month + 1};
  return {first, Date::from_ymd(next.year, next.month, 1)->plus_days(-1)};
}

std::string Month::str() const {
  return fmt::format("{:04}-{:02}", year, month);
}

Quarter Quarter::parse(std::string_view s) {
  s = trim(s);
  std::string t = ascii_lower(s);
  if (t.size() == 7 && t[4] == '-') t.erase(4, 1);
  if (t.size() != 6 || t[4] != 'q' || !all_digits(t.substr(0, 4)) || t[5] < '1' || t[5] > '4')
    throw ParseError(kBadQuarter, s);
  Quarter q{std::stoi(t.substr(0, 4)), t[5] - '0'};
  check_plausible_year(q.year, s);
  return q;
}

DateRange Quarter::days() const {
  unsigned first_month = unsigned((quarter - 1) * 3 + 1);
  return {Month{year, first_month}.days().first, Month{year, first_month + 2}.days().last};
}

std::string Quarter::str() const {
  return fmt::format("{:04}Q{}", year, quarter);
}

int working_days_between(Date from, Date to) {
  int n = 0;
  for (Date d = from.plus_days(1); d <= to; d = d.plus_days(1))
    if (d.weekday() < Weekday::sat) ++n;
  return n;
}

}  // namespace vstation
