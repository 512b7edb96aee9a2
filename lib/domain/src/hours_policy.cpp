#include "vstation/domain/hours_policy.hpp"

#include <algorithm>

namespace vstation {

bool valid_rounding(int minutes) {
  return std::find(kRoundingChoices.begin(), kRoundingChoices.end(), minutes) !=
         kRoundingChoices.end();
}

std::int64_t credited_minutes(Instant in, Instant out, const std::optional<TimeRange>& shift,
                              const StationSettings& settings) {
  TimeRange counted{in, out};
  if (shift) {
    counted.begin = std::max(in, shift->begin);
    counted.end = std::min(out, shift->end.plus_minutes(settings.overtime_allowance_minutes));
  }
  std::int64_t minutes = counted.minutes();
  if (settings.rounding_minutes > 0) minutes -= minutes % settings.rounding_minutes;
  return minutes;
}

Instant auto_close_deadline(Instant in, const Station& station) {
  Instant by_length = in.plus_minutes(station.settings.max_session_minutes);
  Date day = local_date(in, station.offset);
  Instant closes = at_local(day, station.closes, station.offset);
  Instant day_end = closes > in ? closes : day.plus_days(1).start_at(station.offset);
  return std::min(by_length, day_end);
}

bool should_auto_close(Instant in, Instant now, const Station& station) {
  return now >= auto_close_deadline(in, station);
}

bool check_in_matches(Instant t, const TimeRange& shift, const StationSettings& settings) {
  return shift.begin.plus_minutes(-settings.early_allowance_minutes) <= t && t < shift.end;
}

int StarLevels::level_for_minutes(std::int64_t minutes) const {
  int level = 0;
  for (int h : hours)
    if (minutes >= std::int64_t(h) * 60) ++level;
  return level;
}

}  // namespace vstation
