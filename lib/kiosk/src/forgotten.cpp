#include "vstation/kiosk/forgotten.hpp"

#include "kiosk_text.hpp"

namespace vstation::kiosk {

Text forgotten_title(const Session& s, const std::optional<Shift>& shift, const TimeZone& zone) {
  Date day = local_date(s.effective_in, zone);
  if (shift)
    return Text::of(kForgotten, Text(weekday_label(day.weekday())), day.iso(),
                    local_time(shift->time.begin, zone).hhmm(),
                    local_time(shift->time.end, zone).hhmm());
  return Text::of(kForgottenWalkIn, Text(weekday_label(day.weekday())), day.iso(),
                  local_time(s.effective_in, zone).hhmm());
}

bool end_possible(const Session& s, const std::optional<Shift>& shift, Instant latest) {
  return shift && s.effective_in <= shift->time.end && shift->time.end <= latest;
}

Instant latest_left(const Session& s, Instant now) {
  return s.raw_out.value_or(now);
}

Instant left_at(const Session& s, TimeOfDay t, const TimeZone& zone) {
  Date day = local_date(s.effective_in, zone);
  Instant left = at_local(day, t, zone);
  if (left < s.effective_in) left = at_local(day.plus_days(1), t, zone);
  return left;
}

}  // namespace vstation::kiosk
