#pragma once
// A build or repair of a week as a plan: computed without saving anything, shown to the
// coordinator, then applied exactly as shown (the web's preview and confirm; the CLI's build and
// repair go through the same functions). A plan names each shift by its project and start, so it
// also names the shifts the templates have yet to make; it carries the basis it was computed
// on, and applying it to a week that has changed since is refused (PlanStale) with nothing saved.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/planning/roster_edit.hpp"
#include "vstation/store/publications.hpp"

namespace vstation::planning {

// One assignment a plan adds or removes: the volunteer, and the shift by project and start.
struct PlannedChange {
  roster::ChangeKind kind{};
  VolunteerId volunteer;
  ProjectId project;
  Instant start;
  auto operator<=>(const PlannedChange&) const = default;
};

struct RosterPlan {
  enum class Kind { build, repair };
  Kind kind = Kind::build;
  WeekScope scope;
  bool fresh = false;                   // build: start over
  std::optional<VolunteerId> dropping;  // repair: who drops out (their places become drop-outs)
  int shifts = 0;                       // the week's, new ones included
  int new_shifts = 0;                   // shifts the templates would make
  std::vector<SkippedShift> skipped;    // template shifts not made, and why
  std::vector<PlannedChange> changes;   // sorted
  std::string basis;                    // the week as it stood (basis_of)
  std::int64_t score = 0;               // of the roster the plan leads to
  double seconds = 0;
};

// A week changed since its plan was made, or one of the plan's shifts began since: nothing was
// saved; plan again.
class PlanStale : public DataError {
 public:
  enum class Why { changed, begun };
  PlanStale(Why why, Text text) : DataError(std::move(text)), why_(why) {}
  [[nodiscard]] Why why() const { return why_; }

 private:
  Why why_;
};

// The step budget of a build or repair when no time limit is given: progress measured in steps,
// not seconds, so the search does not depend on the machine's speed (a station week takes a
// few seconds).
roster::SolveOptions standard_solve_options();

// What a build would change; saves nothing (the shifts the templates would make join the week
// unsaved). Shifts that have begun by `now` keep their people, and none is made after the fact.
RosterPlan plan_build(store::Connection& db, const WeekScope& scope,
                      const roster::SolveOptions& options, bool fresh, Instant now);
// What a repair after `v` drops out of their shifts in the week that have not begun by `now`
// would change. Saves nothing.
RosterPlan plan_repair(store::Connection& db, const WeekScope& scope, VolunteerId v,
                       const roster::SolveOptions& options, Instant now);

struct PlanOutcome {
  int created = 0;         // shifts made from templates
  int added = 0;           // assignments
  int removed = 0;         // assignments (a repair's drop-outs included)
  int dropped_shifts = 0;  // repair: the places of the one who dropped out
  std::vector<roster::RosterChange> applied;  // by saved shift id, in the plan's order
};
// Applies exactly the plan's changes in one transaction: makes the week's template shifts, checks
// that the week is as the plan found it (else PlanStale), and that no added assignment breaks a
// hard rule (else DataError), and that none of its shifts has begun by `now` (else PlanStale),
// then writes the changes (one audit row per change when `audit`).
PlanOutcome apply_plan(store::Connection& db, const RosterPlan& plan, Instant now,
                       const std::optional<EditAudit>& audit = std::nullopt);

// The week as a plan sees it: its shifts (project, start, slots), assignments, pins and
// drop-outs, as one short digest.
std::string basis_of(const WeekProblem& wp);

// Publishing a station's week: the coordinator announces its roster. Stamps the week (when, by
// whom, its digest; store::publications) with an audit row `roster_week published`; publishing
// again replaces the stamp. Refused for a week without shifts, or without a station.
store::Publication publish_week(store::Connection& db, const WeekScope& scope, Instant at,
                                const std::string& actor);
struct PublishState {
  std::optional<store::Publication> published;
  bool changed_since = false;  // the week's assignments or shifts differ from what was published
};
PublishState publish_state(store::Connection& db, const WeekScope& scope);

// A plan's changes as one line for a form field ("a.12.3.1688349600 r.…"), and back (nullopt:
// not a list of changes).
std::string encode_changes(const std::vector<PlannedChange>& changes);
std::optional<std::vector<PlannedChange>> decode_changes(std::string_view text);

}  // namespace vstation::planning
