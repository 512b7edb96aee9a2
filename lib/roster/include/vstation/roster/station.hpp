#pragma once
// The station week: the problem the store layer fills from the database (volunteers, the
// week's materialised shifts, settings, pins and the current roster) and the solver's result.
// Plain data in, plain data out; times are UTC seconds, ids are the database ids.

#include <cstdint>
#include <optional>
#include <vector>

#include "vstation/roster/rules.hpp"
#include "vstation/roster/search.hpp"

namespace vstation::roster {

using Instant = std::int64_t;  // UTC seconds since the epoch

// [start, end)
struct TimeWindow {
  Instant start = 0;
  Instant end = 0;
};

struct SkillGrant {
  std::int64_t skill = 0;
  // First instant at which the grant no longer counts (the store passes the local midnight
  // after the expiry date); nullopt: never expires. Counts on a shift starting before it.
  std::optional<Instant> expires_at;
};

// A slot the volunteer usually worked last week, for continuity.
struct UsualSlot {
  int weekday = 0;       // 0 = Monday, as Shift::day
  int start_minute = 0;  // local minutes after midnight, as Shift::local_start_minute
  std::int64_t station = 0;
};

struct Volunteer {
  std::int64_t id = 0;
  std::vector<TimeWindow> availability;  // the week's offered windows, exceptions applied
  std::vector<SkillGrant> skills;
  int max_shifts_per_week = 0;
  int max_minutes_per_week = 0;
  bool eligible = true;  // false: retired, or under 14 without guardian consent
  bool is_new = false;
  bool is_experienced = false;
  std::vector<std::int64_t> preferred_shifts;
  std::vector<std::int64_t> avoided_shifts;
  std::vector<UsualSlot> usual_slots;
  // Shifts the volunteer dropped out of: never given to them again, whatever the goals.
  std::vector<std::int64_t> barred_shifts;
};

struct SkillMinimum {
  std::int64_t skill = 0;
  int count = 0;
};

struct Shift {
  std::int64_t id = 0;
  std::int64_t station = 0;
  Instant start = 0;
  Instant end = 0;
  int day = 0;                 // 0-6 within the ISO week, Monday first, station local time
  int local_start_minute = 0;  // station local time, for matching UsualSlot
  int priority = 1;            // multiplies the cost of each unfilled slot
  int slots = 1;
  std::vector<SkillMinimum> skill_minimums;
  // It has begun: who is on it is the record of who served, so nobody is added or taken off
  // (its assignments belong in `pinned`).
  bool frozen = false;
};

struct Assignment {
  std::int64_t volunteer = 0;
  std::int64_t shift = 0;
  friend auto operator<=>(const Assignment&, const Assignment&) = default;
};

// Soft-goal weights (penalty per unit). Defaults rank the goals: fill first, then skills, then
// pairing and stability, then individual wishes.
struct Weights {
  int unfilled_slot = 1000;          // per empty slot, times the shift's priority
  int skill_minimum = 400;           // per missing holder of a required skill
  int new_without_experienced = 60;  // per new volunteer on a shift with no experienced one
  int fairness = 4;                  // scales sum of assigned^2 * 100 / offered
  int preferred_shift_missed = 5;    // per preferred shift not given
  int avoided_shift = 30;            // per avoided shift given
  int continuity = 8;                // per usual slot of last week not kept
  int long_run = 20;                 // per day beyond long_run_days in a run of worked days
  int long_run_days = 4;
  int change_from_existing = 150;  // repair only: per assignment added or removed
};

struct StationProblem {
  std::vector<Volunteer> volunteers;
  std::vector<Shift> shifts;
  int min_rest_minutes = 0;          // between two shifts of one volunteer, any stations
  std::vector<Assignment> pinned;    // kept as they are
  std::vector<Assignment> existing;  // the current roster, for repair
  Weights weights;
};

// Why a volunteer could not take (or was not given) a place on a shift.
enum class CandidateReason {
  ineligible,
  dropped_out,        // they dropped out of this very shift
  not_available,      // availability does not cover the whole shift
  lacks_valid_skill,  // only for skill-minimum gaps: no grant of that skill valid on the date
  at_max_shifts,
  at_max_minutes,
  overlap_or_rest,  // another of their shifts overlaps or leaves too little rest
  could_take,       // nothing prevents it; a soft goal elsewhere kept them away
};

// One person who was not placed on a gap's shift, and the first reason that kept them off.
struct GapCandidate {
  std::int64_t volunteer = 0;
  CandidateReason reason{};
  bool avoided = false;  // the shift touches a window they asked to avoid
};

struct ReasonCount {
  CandidateReason reason{};
  int volunteers = 0;
};

enum class GapKind { unfilled_slots, skill_minimum };

// One unfilled shift or unmet skill minimum, with every volunteer not on the shift counted
// under the first reason (in CandidateReason order) that keeps them off it.
struct GapExplanation {
  GapKind kind{};
  std::int64_t shift = 0;
  std::int64_t skill = 0;            // for skill_minimum
  int needed = 0;                    // slots, or the skill minimum
  int missing = 0;                   // empty slots, or holders still missing
  int available_in_window = 0;       // eligible volunteers whose availability covers the shift
  std::vector<ReasonCount> reasons;  // only reasons with volunteers > 0
  // Everyone off the shift whose availability covers it (eligible or not), by reason order:
  // the people a coordinator would call.
  std::vector<GapCandidate> people;
};

// A hard rule broken by the roster. The solver never breaks one itself: only pins the
// coordinator forced, or manual edits passed to evaluate_station, can cause these.
struct StationViolation {
  RuleId rule{};
  std::int64_t volunteer = 0;
  std::int64_t shift = 0;
};

struct StationRoster {
  std::vector<Assignment> assignments;  // sorted by (volunteer, shift)
  std::int64_t score = 0;               // sum of the breakdown's penalties
  ScoreBreakdown breakdown;             // soft goals
  std::vector<GapExplanation> gaps;
  std::vector<StationViolation> violations;
  std::uint64_t iterations = 0;
  double seconds = 0.0;
  double seconds_to_first_roster = -1.0;  // when construction had produced a full roster
};

// Builds the week's roster. Pins are kept as they are; every other assignment respects the
// hard rules. Throws std::invalid_argument if a pin names an unknown volunteer or shift.
[[nodiscard]] StationRoster solve_station(const StationProblem& problem,
                                          const SolveOptions& options);

// Scores and explains a given roster (for `roster show` after manual edits), listing any hard
// rule it breaks. Throws std::invalid_argument on an unknown volunteer or shift id.
[[nodiscard]] StationRoster evaluate_station(const StationProblem& problem,
                                             const std::vector<Assignment>& assignments);

// A simple greedy roster (shifts by start time, first feasible volunteer with the fewest
// shifts so far), the baseline the benchmark compares against.
[[nodiscard]] StationRoster greedy_station(const StationProblem& problem);

enum class ChangeKind { added, removed };

struct RosterChange {
  ChangeKind kind{};
  Assignment assignment;
};

struct RepairResult {
  StationRoster roster;
  std::vector<RosterChange> changes;  // against problem.existing
};

// Refills the holes left in problem.existing by the dropped volunteers (made ineligible) and
// by any existing assignment that now breaks a hard rule, changing as few other assignments as
// possible (each change costs weights.change_from_existing). Pins of dropped volunteers are
// released; other pins are kept.
[[nodiscard]] RepairResult repair_station(const StationProblem& problem,
                                          const std::vector<std::int64_t>& dropped_volunteers,
                                          const SolveOptions& options);

}  // namespace vstation::roster
