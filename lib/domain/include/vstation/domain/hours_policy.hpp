#pragma once
// The counting rules of design.md §3 as pure functions. Every report, the kiosk and the
// importers credit time through these and nothing else.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "vstation/domain/entities.hpp"

namespace vstation {

// Rounding steps a station may choose.
constexpr std::array<int, 5> kRoundingChoices{0, 5, 10, 15, 30};
bool valid_rounding(int minutes);

// Credited minutes of a closed session.
// Rostered: from max(check-in, shift start) to min(check-out, shift end + overtime allowance).
// Walk-in (no shift): check-out minus check-in. Never negative. Then rounded down to the
// station's step, per session.
std::int64_t credited_minutes(Instant in, Instant out, const std::optional<TimeRange>& shift,
                              const StationSettings& settings);

// When an open session stops being trusted: after the longest allowed length, or at the end of
// the station day it began on (the closing time, or midnight for a check-in after closing).
Instant auto_close_deadline(Instant in, const Station& station);
bool should_auto_close(Instant in, Instant now, const Station& station);

// Whether a check-in at `t` falls in a shift's matching window: from the early allowance
// before its start until its end.
bool check_in_matches(Instant t, const TimeRange& shift, const StationSettings& settings);

// Star levels by cumulative credited hours (configurable thresholds, ascending).
struct StarLevels {
  std::vector<int> hours{100, 300, 600, 1000, 1500};
  // 0 below the first threshold, 1..5 above.
  [[nodiscard]] int level_for_minutes(std::int64_t minutes) const;
};

// Records must be complete within this many working days after the activity.
constexpr int kReviewDeadlineWorkingDays = 10;

}  // namespace vstation
