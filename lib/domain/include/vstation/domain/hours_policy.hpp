#pragma once
// The counting rules of docs/design.md §3 as pure functions. Every report, the kiosk and the
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
// Walk-in (no shift): check-out minus check-in. Never negative, never more than the station's
// longest allowed session, whatever path the session came by. Then rounded down to the
// station's step, per session.
std::int64_t credited_minutes(Instant in, Instant out, const std::optional<TimeRange>& shift,
                              const StationSettings& settings);
// What the hours policy credits a stored session: its times' credit once it is closed, confirmed
// or corrected with a check-out; nothing while open, auto-closed (awaiting review) or rejected.
std::int64_t policy_credit(const Session& s, const std::optional<TimeRange>& shift,
                           const StationSettings& settings);

// The end of the station's day that `t` falls in: the closing time of the opening hours that
// hold `t` or begin later on its local day (a check-in before opening belongs to that day's
// hours; hours may run past midnight, opens 18:00 closes 02:00); after that day's closing, the
// next local midnight.
Instant station_day_end(Instant t, const Station& station);

// The day whose opening hours `t` belongs to: the local date of the latest opening time at or
// before `t` (23:30 belongs to the day that opened at 08:00; 01:30 to the evening before at a
// station open 18:00-02:00; 07:00 to yesterday, until today's opening). The kiosk reads a scan
// on the same service day as an overdue check-in as its late check-out, a later one as arrival.
Date service_date(Instant t, const Station& station);

// Whether the station is within its opening hours at `t`.
bool is_open_at(Instant t, const Station& station);

// The last moment an open session may be checked out normally. Past it the session is a
// forgotten check-out: it has been open longer than the station's longest allowed length, or
// longer than the grace period past the end of its shift (a walk-in: of the station's day).
// Overtime the station credits is never overdue: the grace runs from the shift's end at least
// as long as the overtime allowance.
Instant checkout_deadline(Instant in, const std::optional<TimeRange>& shift,
                          const Station& station);
bool is_overdue(Instant in, const std::optional<TimeRange>& shift, Instant now,
                const Station& station);

// Whether a check-in at `t` falls in a shift's matching window: from the early allowance
// before its start until its end.
bool check_in_matches(Instant t, const TimeRange& shift, const StationSettings& settings);

// Star levels by cumulative credited hours (configurable thresholds, ascending).
struct StarLevels {
  std::vector<int> hours{100, 300, 600, 1000, 1500};
  // 0 below the first threshold, 1..5 above.
  [[nodiscard]] int level_for_minutes(std::int64_t minutes) const;
  // The level above the one `minutes` reach: its number, its threshold, and the minutes still
  // to be credited for it (at least 1). None at the highest level.
  struct Next {
    int level = 0;
    int hours = 0;
    std::int64_t minutes_left = 0;
  };
  [[nodiscard]] std::optional<Next> next_level(std::int64_t minutes) const;
};

// Records must be complete within this many working days after the activity.
constexpr int kReviewDeadlineWorkingDays = 10;

}  // namespace vstation
