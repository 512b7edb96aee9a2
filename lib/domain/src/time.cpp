#include "vstation/domain/time.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdlib>

#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"

namespace vstation {
namespace {

constexpr Msg kBadDate{"'{}' is not a date (expected YYYY-MM-DD, e.g. 2023-05-01)",
                       "“{}”不是有效日期（应为 YYYY-MM-DD，例如 2023-05-01）"};
constexpr Msg kNoSuchDay{"'{}' is not a real calendar day", "“{}”不是真实存在的日期"};
constexpr Msg kSkippedLocal{"'{}' does not exist in {}: the clocks skip that hour",
                            "“{}”在 {} 不存在：时钟跳过了那一小时"};
constexpr Msg kLaterThanNow{"{} is later than now ({}); a time still to come cannot be recorded",
                            "{} 晚于现在（{}）；尚未到来的时间不能登记"};
constexpr Msg kOutOfYears{"'{}' is outside the years vstation keeps records for (1900 to 2099)",
                          "“{}”超出 vstation 记录的年份范围（1900 至 2099 年）"};
constexpr Msg kBadTime{"'{}' is not a time of day (expected HH:MM, e.g. 09:00)",
                       "“{}”不是有效时刻（应为 HH:MM，例如 09:00）"};
constexpr Msg kBadOffset{"'{}' is not a UTC offset (expected +08:00)",
                         "“{}”不是有效的时区偏移（应为 +08:00）"};
constexpr Msg kBadWeekday{"'{}' is not a weekday (expected Mon..Sun, 周一..周日 or 1..7)",
                          "“{}”不是星期几（应为 Mon..Sun、周一..周日 或 1..7）"};
constexpr Msg kBadInstant{
    "'{}' is not a date-time (expected ISO 8601, e.g. 2023-05-01T09:00 or 2023-05-01T09:00+08:00)",
    "“{}”不是有效的日期时间（应为 ISO 8601，例如 2023-05-01T09:00 或 2023-05-01T09:00+08:00）"};
constexpr Msg kBadZone{
    "'{}' is not a time zone (expected an IANA name such as Asia/Shanghai or Europe/London, or "
    "UTC+08:00)",
    "“{}”不是有效时区（应为 IANA 时区名，例如 Asia/Shanghai、Europe/London，或 UTC+08:00）"};
constexpr Msg kNoTzdata{"the time zone database could not be read ({}); install the tzdata package",
                        "无法读取时区数据库（{}）；请安装 tzdata 软件包"};
constexpr Msg kBadDuration{"'{}' is not a duration (expected e.g. 90m, 1h30m, 10s)",
                           "“{}”不是有效时长（例如 90m、1h30m、10s）"};

// Reads exactly n ASCII digits at s[pos].
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<Date> try_date(std::string_view s, bool& real_day) {
  real_day = true;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  auto date = Date::from_ymd(*y, unsigned(*m), unsigned(*d));
  if (!date) real_day = false;
  return date;
}

std::optional<TimeOfDay> try_time(std::string_view s, bool allow_seconds) {
  if (s.size() != 5 && !(allow_seconds && s.size() == 8)) return std::nullopt;
  if (s[2] != ':') return std::nullopt;
  auto h = digits(s, 0, 2), m = digits(s, 3, 2);
  if (!h || !m || *m > 59 || *h > 24 || (*h == 24 && *m != 0)) return std::nullopt;
  if (s.size() == 8) {
    auto sec = digits(s, 6, 2);
    if (s[5] != ':' || !sec || *sec > 59 || *sec != 0) return std::nullopt;
  }
  return TimeOfDay{*h * 60 + *m};
}

std::optional<UtcOffset> try_offset(std::string_view s) {
  if (s == "Z" || s == "z") return UtcOffset{0};
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  auto h = digits(s, 1, 2), m = digits(s, 4, 2);
  // No zone is further from UTC than 14 hours; the day and quarter totals rely on it.
  if (!h || !m || *m > 59 || *h * 60 + *m > 14 * 60) return std::nullopt;
  int total = *h * 60 + *m;
  return UtcOffset{s[0] == '-' ? -total : total};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

const date::time_zone* locate(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error& e) {
    // An unknown name and a missing database both arrive as runtime_error; tell them apart.
    try {
      (void)date::get_tzdb();
    } catch (const std::exception& db) {
      throw DataError(kNoTzdata, db.what());
    }
    return nullptr;
  }
}

}  // namespace

// A volunteer station's records lie within these years: a date in year 0 or 9999 is a typo.
bool plausible_year(int y) { return y >= 1900 && y <= 2099; }

void check_plausible_year(int year, std::string_view as_typed) {
  if (!plausible_year(year)) throw ParseError(kOutOfYears, as_typed);
}

TimeZone::TimeZone() {
  static const date::time_zone* shanghai = locate(kDefaultName);
  zone_ = shanghai;
  name_ = kDefaultName;
}

TimeZone::TimeZone(UtcOffset fixed) : fixed_(fixed), name_("UTC" + format_offset(fixed)) {}

TimeZone TimeZone::named(std::string_view raw) {
  std::string_view name = trim(raw);
  if (name == "UTC") {
    TimeZone z{UtcOffset{0}};
    z.name_ = "UTC";
    return z;
  }
  if (name.starts_with("UTC") && name.size() == 9) {
    if (auto off = try_offset(name.substr(3)); off && name[3] != 'Z') return TimeZone{*off};
    throw ParseError(kBadZone, raw);
  }
  // IANA names are ASCII letters, digits and "/_+-"; anything else is not looked up.
  bool plausible = !name.empty() && name.size() <= 64 &&
                   name.find_first_not_of(
                       "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                       "0123456789/_+-") == std::string_view::npos;
  const date::time_zone* zone = plausible ? locate(name) : nullptr;
  if (!zone) throw ParseError(kBadZone, raw);
  TimeZone z{UtcOffset{0}};
  z.zone_ = zone;
  z.name_ = std::string(zone->name());
  return z;
}

TimeZone TimeZone::for_offset(UtcOffset off) {
  if (off.minutes == 480) return TimeZone{};
  if (off.minutes == 0) return named("UTC");
  // Etc/GMT-8 is eight hours east of UTC (POSIX signs); the zones run from -14 to +12.
  if (off.minutes % 60 == 0 && off.minutes >= -12 * 60)
    return named(
        fmt::format("Etc/GMT{}{}", off.minutes > 0 ? '-' : '+', std::abs(off.minutes) / 60));
  return TimeZone{off};
}

namespace {

// The stretch of time one offset of one zone holds, as the last look-up on this thread found it:
// a station's records mostly fall in one (Asia/Shanghai has kept one since 1991), and date's
// look-up searches the zone's transitions every time (a million sessions' import asks it four
// million times). `from` and `to` are seconds of UTC, or local seconds for local readings.
struct Stretch {
  const date::time_zone* zone = nullptr;
  std::int64_t from = 0, to = 0;  // [from, to)
  std::int64_t offset = 0;        // seconds east of UTC
  [[nodiscard]] bool holds(const date::time_zone* z, std::int64_t t) const {
    return zone == z && t >= from && t < to;
  }
};
thread_local Stretch last_utc;
thread_local Stretch last_local;

std::int64_t seconds_of(date::sys_seconds t) {
  return t.time_since_epoch().count();
}

}  // namespace

UtcOffset TimeZone::offset_at(Instant t) const {
  if (!zone_) return fixed_;
  if (!last_utc.holds(zone_, t.seconds)) {
    auto info = zone_->get_info(date::sys_seconds{std::chrono::seconds{t.seconds}});
    last_utc = {zone_, seconds_of(info.begin), seconds_of(info.end), info.offset.count()};
  }
  return UtcOffset{int(last_utc.offset / 60)};
}

Instant TimeZone::from_local(std::int64_t local_seconds) const {
  if (!zone_) return Instant{local_seconds - std::int64_t(fixed_.minutes) * 60};
  if (!last_local.holds(zone_, local_seconds)) {
    auto info = zone_->get_info(date::local_seconds{std::chrono::seconds{local_seconds}});
    // unique: its offset; ambiguous: the first (earlier) reading; nonexistent: the offset in
    // force before the gap. In all three that is info.first.
    const std::int64_t offset = info.first.offset.count();
    if (info.result != date::local_info::unique) return Instant{local_seconds - offset};
    // Kept for the readings that map the same way for certain: the stretch in local time, less
    // two days at each end, more than any change of offset has moved a clock, so that no
    // reading a neighbouring stretch makes ambiguous or skips is in it.
    constexpr std::int64_t kMargin = 2 * 86400;
    last_local = {zone_, seconds_of(info.first.begin) + offset + kMargin,
                  seconds_of(info.first.end) + offset - kMargin, offset};
    if (!last_local.holds(zone_, local_seconds)) return Instant{local_seconds - offset};
  }
  return Instant{local_seconds - last_local.offset};
}

std::optional<Date> Date::from_ymd(int y, unsigned m, unsigned d) {
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return Date(std::chrono::sys_days{ymd});
}

Weekday Date::weekday() const {
  // iso_encoding: Monday = 1 .. Sunday = 7
  return Weekday(std::chrono::weekday{days_}.iso_encoding() - 1);
}

Instant Date::start_at(const TimeZone& zone) const {
  return zone.from_local(day_number() * 86400);
}

namespace {
// `n` (0..99) as two digits at `out`.
void two_digits(char* out, int n) {
  out[0] = char('0' + n / 10);
  out[1] = char('0' + n % 10);
}
}  // namespace

// Written digit by digit in the common range: the kiosk's answer screen formats a few of these
// on every check-in, and fmt costs ten times as much for five characters.
std::string Date::iso() const {
  const auto date = ymd();
  const int y = int(date.year());
  const int m = int(unsigned(date.month())), d = int(unsigned(date.day()));
  if (y < 0 || y > 9999) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  std::string out = "0000-00-00";
  two_digits(&out[0], y / 100);
  two_digits(&out[2], y % 100);
  two_digits(&out[5], m);
  two_digits(&out[8], d);
  return out;
}

std::string TimeOfDay::hhmm() const {
  if (minutes < 0 || minutes >= 100 * 60)
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
  std::string out = "00:00";
  two_digits(&out[0], minutes / 60);
  two_digits(&out[3], minutes % 60);
  return out;
}

Date local_date(Instant t, const TimeZone& zone) {
  std::int64_t local = t.seconds + std::int64_t(zone.offset_at(t).minutes) * 60;
  return Date(std::chrono::sys_days{std::chrono::days{floor_div(local, 86400)}});
}

TimeOfDay local_time(Instant t, const TimeZone& zone) {
  std::int64_t local = t.seconds + std::int64_t(zone.offset_at(t).minutes) * 60;
  return TimeOfDay{int((local - floor_div(local, 86400) * 86400) / 60)};
}

Instant at_local(Date d, TimeOfDay t, const TimeZone& zone) {
  return zone.from_local(d.day_number() * 86400 + std::int64_t(t.minutes) * 60);
}

Date parse_date(std::string_view s) {
  s = trim(s);
  bool real = true;
  auto d = try_date(s, real);
  if (d && !plausible_year(d->year())) throw ParseError(kOutOfYears, s);
  if (d) return *d;
  if (!real) throw ParseError(kNoSuchDay, s);
  throw ParseError(kBadDate, s);
}

TimeOfDay parse_time_of_day(std::string_view s) {
  s = trim(s);
  if (auto t = try_time(s, false)) return *t;
  throw ParseError(kBadTime, s);
}

UtcOffset parse_utc_offset(std::string_view s) {
  s = trim(s);
  if (auto o = try_offset(s)) return *o;
  throw ParseError(kBadOffset, s);
}

Weekday parse_weekday(std::string_view s) {
  s = trim(s);
  static constexpr std::array<std::array<std::string_view, 5>, 7> names{{
      {"mon", "monday", "周一", "星期一", "1"},
      {"tue", "tuesday", "周二", "星期二", "2"},
      {"wed", "wednesday", "周三", "星期三", "3"},
      {"thu", "thursday", "周四", "星期四", "4"},
      {"fri", "friday", "周五", "星期五", "5"},
      {"sat", "saturday", "周六", "星期六", "6"},
      {"sun", "sunday", "周日", "星期日", "7"},
  }};
  std::string lower = ascii_lower(s);
  for (std::size_t i = 0; i < names.size(); ++i)
    for (auto n : names[i])
      if (lower == n) return Weekday(i);
  if (s == "周天" || s == "星期天") return Weekday::sun;
  throw ParseError(kBadWeekday, s);
}

Instant parse_instant(std::string_view s, const TimeZone& local) {
  std::string_view in = trim(s);
  if (in.size() < 16 || (in[10] != 'T' && in[10] != ' ')) throw ParseError(kBadInstant, in);
  bool real = true;
  auto d = try_date(in.substr(0, 10), real);
  if (!real) throw ParseError(kNoSuchDay, in);
  if (!d) throw ParseError(kBadInstant, in);
  if (!plausible_year(d->year())) throw ParseError(kOutOfYears, in);
  std::string_view rest = in.substr(11);
  std::size_t time_len = (rest.size() >= 8 && rest[5] == ':') ? 8 : 5;
  auto t = try_time(rest.substr(0, time_len), true);
  if (!t) throw ParseError(kBadInstant, in);
  if (rest.size() > time_len) {
    auto o = try_offset(rest.substr(time_len));
    if (!o) throw ParseError(kBadInstant, in);
    return at_local(*d, *t, TimeZone{*o});
  }
  Instant at = at_local(*d, *t, local);
  // A local time the zone's clocks skip maps to another hour: said, not moved silently.
  if (t->minutes < 24 * 60 && (local_date(at, local) != *d || local_time(at, local) != *t))
    throw ParseError(kSkippedLocal, in, local.name());
  return at;
}

std::optional<Text> later_than_now(Instant t, Instant now, const TimeZone& zone) {
  if (t <= now) return std::nullopt;
  return Text::of(kLaterThanNow, format_local(t, zone), format_local(now, zone));
}

std::int64_t parse_duration_seconds(std::string_view s) {
  std::string_view in = trim(s);
  if (in.empty()) throw ParseError(kBadDuration, in);
  std::int64_t total = 0;
  std::size_t i = 0;
  bool any_unit = false;
  while (i < in.size()) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(in.data() + i, in.data() + in.size(), v);
    if (ec != std::errc() || v < 0 || v > 10'000'000) throw ParseError(kBadDuration, in);
    i = std::size_t(p - in.data());
    std::int64_t unit = 60;  // a bare number is minutes
    if (i < in.size()) {
      char c = char(std::tolower(static_cast<unsigned char>(in[i])));
      if (c == 'h')
        unit = 3600;
      else if (c == 'm')
        unit = 60;
      else if (c == 's')
        unit = 1;
      else
        throw ParseError(kBadDuration, in);
      ++i;
      any_unit = true;
    } else if (any_unit) {
      throw ParseError(kBadDuration, in);  // "1h30" is ambiguous
    }
    total += v * unit;
  }
  return total;
}

std::string format_offset(UtcOffset off) {
  int m = off.minutes < 0 ? -off.minutes : off.minutes;
  return fmt::format("{}{:02}:{:02}", off.minutes < 0 ? '-' : '+', m / 60, m % 60);
}

std::string format_local(Instant t, const TimeZone& zone) {
  return local_date(t, zone).iso() + " " + local_time(t, zone).hhmm();
}

std::string format_iso(Instant t, const TimeZone& zone) {
  UtcOffset off = zone.offset_at(t);
  TimeZone fixed{off};
  return local_date(t, fixed).iso() + "T" + local_time(t, fixed).hhmm() + ":00" +
         format_offset(off);
}

std::string_view weekday_code(Weekday d) {
  static constexpr std::array<std::string_view, 7> codes{"Mon", "Tue", "Wed", "Thu",
                                                         "Fri", "Sat", "Sun"};
  return codes[std::size_t(d)];
}

Msg weekday_label(Weekday d) {
  static constexpr std::array<Msg, 7> labels{{{"Mon", "周一"},
                                              {"Tue", "周二"},
                                              {"Wed", "周三"},
                                              {"Thu", "周四"},
                                              {"Fri", "周五"},
                                              {"Sat", "周六"},
                                              {"Sun", "周日"}}};
  return labels[std::size_t(d)];
}

Text duration_text(std::int64_t minutes) {
  return Text::of(Msg{"{} h {} min", "{} 小时 {} 分"}, minutes / 60,
                  fmt::format("{:02}", minutes % 60));
}

std::string format_minutes_as_hours(std::int64_t minutes) {
  return fmt::format("{:.2f}", double(minutes) / 60.0);
}

}  // namespace vstation
