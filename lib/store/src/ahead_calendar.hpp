#pragma once
// The UTC calendar taken 14 hours ahead, by which the maintained totals key their periods
// (credit_totals.hpp, incident_totals.hpp): UTC+14 is the earliest zone there is, so that
// calendar's day D begins no later than D's local midnight at any station.

#include <cstdint>

#include "vstation/domain/time.hpp"

namespace vstation::store::ahead {

inline constexpr std::int64_t kSeconds = 14 * 3600;

// The date `at` falls on in that calendar.
inline Date date_of(Instant at) {
  std::int64_t s = at.seconds + kSeconds;
  std::int64_t day = s / 86400 - (s % 86400 < 0 ? 1 : 0);  // floor
  return Date(std::chrono::sys_days{std::chrono::days{day}});
}

// The instant day `d` of that calendar begins.
inline Instant day_begins(Date d) {
  return Instant{d.day_number() * 86400 - kSeconds};
}

}  // namespace vstation::store::ahead
