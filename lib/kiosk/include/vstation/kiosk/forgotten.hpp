#pragma once
// The forgotten check-out question ("Mon 2023-05-01 16:00–20:00: you did not check out — when
// did you leave?") as the kiosk and the volunteer's phone both ask it: its title, whether the
// shift's end may be offered as the answer, and the moment a time of day they give names. The
// answer itself is Ledger::propose, which checks it (between the check-in and the recorded
// check-out or now).

#include <optional>

#include "vstation/domain/entities.hpp"
#include "vstation/domain/message.hpp"

namespace vstation::kiosk {

// "Mon 2023-05-01 16:00–20:00: you did not check out" (a shift), "Mon 2023-05-01 from 16:05: …"
// (a walk-in), in the zone the question is asked in: the date tells two forgotten sessions apart.
Text forgotten_title(const Session& s, const std::optional<Shift>& shift, const TimeZone& zone);

// Whether "did you leave at the shift's end?" makes sense: the end lies between the check-in and
// `latest` (the recorded check-out, or now).
bool end_possible(const Session& s, const std::optional<Shift>& shift, Instant latest);

// The latest moment they can have left: the recorded check-out, or now.
Instant latest_left(const Session& s, Instant now);

// "When did you leave?" answered with a time of day: the first moment with that time of day
// after the check-in (a session past midnight leaves the next day).
Instant left_at(const Session& s, TimeOfDay t, const TimeZone& zone);

}  // namespace vstation::kiosk
