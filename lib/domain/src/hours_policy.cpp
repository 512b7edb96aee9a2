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
  std::int64_t minutes = std::min<std::int64_t>(counted.minutes(), settings.max_session_minutes);
  if (settings.rounding_minutes > 0) minutes -= minutes % settings.rounding_minutes;
  return minutes;
}

std::int64_t policy_credit(const Session& s, const std::optional<TimeRange>& shift,
                           const StationSettings& settings) {
  const bool counts = s.status == SessionStatus::closed || s.status == SessionStatus::confirmed ||
                      s.status == SessionStatus::corrected;
  if (!counts || !s.effective_out) return 0;
  return credited_minutes(s.effective_in, *s.effective_out, shift, settings);
}

Instant station_day_end(Instant t, const Station& station) {
  const TimeZone& zone = station.zone;
  Date day = local_date(t, zone);
  // Hours that began the day before and run past midnight still hold t.
  if (station.closes.minutes > 24 * 60) {
    Instant yesterday_closes = at_local(day.plus_days(-1), station.closes, zone);
    if (t < yesterday_closes) return yesterday_closes;
  }
  Instant closes = at_local(day, station.closes, zone);
  return t < closes ? closes : day.plus_days(1).start_at(zone);
}

bool is_open_at(Instant t, const Station& station) {
  Date day = local_date(t, station.zone);
  // Yesterday's hours may run past midnight into today.
  for (Date d : {day.plus_days(-1), day})
    if (at_local(d, station.opens, station.zone) <= t &&
        t < at_local(d, station.closes, station.zone))
      return true;
  return false;
}

Date service_date(Instant t, const Station& station) {
  Date day = local_date(t, station.zone);
  return t >= at_local(day, station.opens, station.zone) ? day : day.plus_days(-1);
}

Instant checkout_deadline(Instant in, const std::optional<TimeRange>& shift,
                          const Station& station) {
  const StationSettings& s = station.settings;
  Instant expected_end = shift ? shift->end : station_day_end(in, station);
  int grace = shift ? std::max(s.checkout_grace_minutes, s.overtime_allowance_minutes)
                    : s.checkout_grace_minutes;
  return std::min(in.plus_minutes(s.max_session_minutes), expected_end.plus_minutes(grace));
}

bool is_overdue(Instant in, const std::optional<TimeRange>& shift, Instant now,
                const Station& station) {
  return now > checkout_deadline(in, shift, station);
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

std::optional<StarLevels::Next> StarLevels::next_level(std::int64_t minutes) const {
  const int level = level_for_minutes(minutes);
  if (std::size_t(level) >= hours.size()) return std::nullopt;
  const int h = hours[std::size_t(level)];
  return Next{level + 1, h, std::int64_t(h) * 60 - minutes};
}

}  // namespace vstation
