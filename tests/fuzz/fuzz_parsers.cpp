// libFuzzer target: the parsers of dates, times of day, offsets, time zones, weekdays, instants,
// durations, ISO weeks, months and quarters. The first byte picks the parser. They either
// return a value that prints back to something that parses again, or throw ParseError.

#include <cstdint>
#include <string>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/domain/time.hpp"

using namespace vstation;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  std::string_view s(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    switch (data[0] % 11) {
      case 0: {
        Date d = parse_date(s);
        if (parse_date(d.iso()) != d) __builtin_trap();
        break;
      }
      case 1:
        (void)parse_time_of_day(s);
        break;
      case 2:
        (void)parse_utc_offset(s);
        break;
      case 3:
        (void)parse_weekday(s);
        break;
      case 4:
        (void)parse_instant(s, UtcOffset{480});
        break;
      case 9: {
        TimeZone z = TimeZone::named(s);
        if (!(TimeZone::named(z.name()) == z)) __builtin_trap();
        break;
      }
      case 10: {
        // Local times in a zone with daylight saving: gaps and repeated hours included.
        static const TimeZone london = TimeZone::named("Europe/London");
        Instant t = parse_instant(s, london);
        if (local_date(t, london) < local_date(t, UtcOffset{-60})) __builtin_trap();
        break;
      }
      case 5:
        (void)parse_duration_seconds(s);
        break;
      case 6: {
        auto w = IsoWeek::parse(s);
        if (IsoWeek::parse(w.str()) != w) __builtin_trap();
        (void)w.days();
        break;
      }
      case 7: {
        auto m = Month::parse(s);
        if (Month::parse(m.str()) != m) __builtin_trap();
        (void)m.days();
        break;
      }
      default: {
        auto q = Quarter::parse(s);
        if (Quarter::parse(q.str()) != q) __builtin_trap();
        (void)q.days();
        break;
      }
    }
  } catch (const Error&) {  // ParseError, or a DataError for a well-formed but impossible value
  }
  return 0;
}
