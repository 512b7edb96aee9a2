#pragma once
// Turns a finished StationState into the public StationRoster: score by rule, hard-rule
// violations (only forced pins can cause them) and an explanation for every gap (internal).

#include "station_state.hpp"
#include "vstation/roster/station.hpp"

namespace vstation::roster::detail {

[[nodiscard]] StationRoster report_station(const StationState& state);

// Adds the problem's pins to the state as they are (even if they break a rule) and returns
// them as index pairs; throws std::invalid_argument on an unknown id.
std::vector<std::pair<int, int>> add_pins(StationState& state);

// Index pair for an assignment; throws std::invalid_argument on an unknown id.
[[nodiscard]] std::pair<int, int> resolve(const StationIndex& index, const Assignment& assignment);

}  // namespace vstation::roster::detail
