#pragma once
// Rostering a week: turns the station's records into the roster engine's problem, and the
// engine's answer back into assignments. Between the store and the pure engine.

#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/entities.hpp"
#include "vstation/roster/station.hpp"
#include "vstation/store/db.hpp"

namespace vstation::planning {

struct WeekScope {
  IsoWeek week;
  std::optional<StationId> station;  // absent: every station
};

// Creates the week's shifts from the active templates (those not there yet); returns how
// many were created.
int materialise_shifts(store::Connection& db, const WeekScope& scope);

struct WeekProblem {
  roster::StationProblem problem;
  std::vector<vstation::Shift> shifts;  // the week's shifts, in problem order
};

// The engine's problem for the week: availability with exceptions, valid skills, limits,
// last week's usual slots, pinned and current assignments.
WeekProblem build_problem(store::Connection& db, const WeekScope& scope);

// Replaces the week's automatic, unpinned assignments with the roster's; manual and pinned
// ones stay. Returns (added, removed).
std::pair<int, int> save_roster(store::Connection& db, const WeekProblem& wp,
                                const roster::StationRoster& roster);

// The week's assignments as the engine sees them.
std::vector<roster::Assignment> current_assignments(store::Connection& db, const WeekProblem& wp);

}  // namespace vstation::planning
