#pragma once
// Every change to a week's roster, for the CLI and the web pages alike (docs/design.md §5):
// building (stable by default, or afresh), repairing after a drop-out, and the coordinator's
// manual edits under one policy. Each runs in its own transaction and leaves the database as
// it was when it refuses.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vstation/planning/week.hpp"
#include "vstation/store/assignment_policy.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::planning {

// The week as stored, scored and explained by the engine; its gaps are those of the shifts that
// have not begun by `now` (the others cannot be filled any more).
struct StoredWeek {
  WeekProblem problem;
  roster::StationRoster roster;
  // Drop-outs: (volunteer, shift) pairs the coordinator took off, kept off by later builds.
  std::vector<roster::Assignment> dropped;
  int begun = 0;  // shifts that have begun (their gaps are not listed)
};
StoredWeek stored_week(store::Connection& db, const WeekScope& scope, Instant now);

// Who made an edit, for its audit row (written in the edit's transaction).
struct EditAudit {
  std::string actor;  // "web coordinator alice"
  Instant at;
};

// The search of a build: afresh, or (a week with assignments, not `fresh`) changing as little as
// possible (each change weighs like a near-empty slot).
roster::StationRoster solve_week(const WeekProblem& wp, const roster::SolveOptions& options,
                                 bool fresh);

struct BuildOutcome {
  int shifts = 0;
  int created = 0;                    // from templates
  std::vector<SkippedShift> skipped;  // template shifts not made, and why
  bool fresh = false;
  int added = 0;
  int removed = 0;
  std::int64_t score = 0;
  double seconds = 0;
};
// Makes the week's shifts from the templates and rosters it. A week that already has
// assignments changes as little as possible (each change weighs like a near-empty slot);
// `fresh` starts over (keeping manual and pinned assignments). Drop-outs stay out; shifts
// that have begun stay as they are. All or nothing: plan_build, then apply_plan. `clock` is read
// when the plan is worked out and again when it is saved: a shift that begins during a long
// search is not changed by its save.
BuildOutcome build_week(store::Connection& db, const WeekScope& scope,
                        const roster::SolveOptions& options, bool fresh,
                        const std::function<Instant()>& clock);

struct RepairOutcome {
  int dropped_shifts = 0;
  std::vector<roster::RosterChange> changes;  // to other people's assignments
};
// `v` drops out of their shifts in the week that have not begun: recorded as drop-outs, and the
// holes refilled changing as few other assignments as possible. `clock` as build_week's.
RepairOutcome repair_week(store::Connection& db, const WeekScope& scope, VolunteerId v,
                          const roster::SolveOptions& options,
                          const std::function<Instant()>& clock);

// A softer rule the edit breaks (it stands; the coordinator is told).
struct EditWarning {
  roster::RuleId rule{};
  ShiftId shift;
};

struct AssignOutcome {
  std::vector<store::RuleBreak> forced;  // hard rules broken on the coordinator's word
  std::vector<EditWarning> warnings;
};
// Hand edits refuse a shift that has begun by `now`: who is on it is the record of who served.
//
// Puts `v` on `shift` by hand (pinned if asked). Hard rules about the person are refused unless
// `forced` carries a reason; a drop-out of that shift is cleared.
AssignOutcome assign(store::Connection& db, store::Lookup& lookup, VolunteerId v,
                     const Shift& shift, bool pin, const std::optional<store::Override>& forced,
                     Instant now, const std::optional<EditAudit>& audit = std::nullopt);
// Takes `v` off `shift` and records the drop-out, so builds and repairs leave them off; with
// `as_dropout` false the place is simply removed (later builds may put them back).
void unassign(store::Connection& db, VolunteerId v, const Shift& shift, Instant now,
              const std::optional<EditAudit>& audit = std::nullopt, bool as_dropout = true);
void set_pinned(store::Connection& db, VolunteerId v, const Shift& shift, bool pinned,
                const std::optional<EditAudit>& audit = std::nullopt);
// Clears v's drop-outs in the week (or of one shift) on shifts that have not begun by `now`;
// returns how many.
int clear_dropouts(store::Connection& db, const WeekScope& scope, VolunteerId v,
                   std::optional<ShiftId> only, Instant now);

}  // namespace vstation::planning
