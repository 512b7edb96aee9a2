#pragma once
// Words for rosters: the score breakdown, the reason for every gap, and the week grid.

#include <string>

#include "vstation/planning/week.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {

std::string render_breakdown(const roster::StationRoster& r, Lang lang);
std::string render_gaps(const roster::StationRoster& r, const planning::WeekProblem& wp,
                        store::Lookup& lookup, Lang lang);
std::string render_grid(const roster::StationRoster& r, const planning::WeekProblem& wp,
                        store::Lookup& lookup, Lang lang);

}  // namespace vstation::cli
