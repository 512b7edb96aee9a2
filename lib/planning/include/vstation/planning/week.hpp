#pragma once
// Rostering a week: turns the station's records into the roster engine's problem, and the
// engine's answer back into assignments. Between the store and the pure engine.

#include <optional>
#include <span>
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

// Why a template made no shift on a day it runs (design.md §2, "shift template").
enum class SkipReason {
  skipped_date,     // the date is skipped for the template or station-wide (`template skip`)
  overlap,          // another shift of the project (hand-made, or another template's) overlaps
  project_retired,  // the template's project is withdrawn
  project_ended,    // the day is after the project's last day
  begun,            // its start has passed: a shift is not made after the fact
};

struct SkippedShift {
  TemplateId template_id;
  std::string template_code;
  Date date;
  SkipReason reason = SkipReason::skipped_date;
  std::string note;                   // skipped_date: the skip's reason (may be empty)
  std::optional<ShiftId> shift;       // overlap: the shift in the way
  std::optional<Date> project_ended;  // project_ended: the project's last day
};

struct Materialised {
  int created = 0;
  std::vector<vstation::Shift> shifts;  // to make (templates_due) or made (materialise_week)
  std::vector<SkippedShift> skipped;    // by station, template code, date
};

// The week's shifts the active templates would make, on each day a template runs, unless its
// shift is there already (also when cancelled), it has begun by `now`, the date is skipped,
// another shift of the same project at the station overlaps it, or its project is withdrawn or
// has ended. Saves nothing.
Materialised templates_due(store::Connection& db, const WeekScope& scope, Instant now);
// The same, and saves them.
Materialised materialise_week(store::Connection& db, const WeekScope& scope, Instant now);
// The same; returns how many shifts were created.
int materialise_shifts(store::Connection& db, const WeekScope& scope, Instant now);
// One skipped shift in words: "T1 Sat 2024-06-08: skipped (National Day)".
Text skipped_text(const SkippedShift& s);

struct WeekProblem {
  roster::StationProblem problem;
  std::vector<vstation::Shift> shifts;  // the week's shifts, in problem order
};

// The engine's problem for the week: availability with exceptions, valid skills, limits,
// last week's usual slots, pinned and current assignments. With `only`, the problem holds that
// volunteer alone and their assignments, without the soft goals' history (new, experienced,
// last week's slots): enough to judge their hard rules (self-service sign-up) cheaply.
// `planned` shifts (templates_due's, not saved) join the week under provisional ids above any
// real one, in the order saving them would give.
WeekProblem build_problem(store::Connection& db, const WeekScope& scope,
                          std::optional<VolunteerId> only = std::nullopt,
                          std::span<const vstation::Shift> planned = {});

// Freezes the shifts that have begun by `now`: the engine keeps who is on them (they are the
// record of who served) and adds nobody.
void freeze_begun(WeekProblem& wp, Instant now);

// Replaces the week's automatic, unpinned assignments with the roster's; manual and pinned
// ones stay. Returns (added, removed).
std::pair<int, int> save_roster(store::Connection& db, const WeekProblem& wp,
                                const roster::StationRoster& roster);

}  // namespace vstation::planning
