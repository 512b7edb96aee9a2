#include "vstation/planning/roster_edit.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "assignment_audit.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/planning/roster_plan.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::planning {
namespace {

using detail::audit_assignment;
using detail::volunteer_number;

constexpr Msg kChanged{
    "the roster of {} changed, or one of its shifts began, while it was being worked out; nothing "
    "was saved, run it again",
    "计算期间 {} 的排班被修改或有班次已开始；未保存任何内容，请重新运行"};
constexpr Msg kBegun{"shift {} began at {}: who is on it is the record of who served",
                     "班次 {} 已于 {} 开始：其人员即服务记录，不能再改"};
constexpr Msg kAlready{"{} is already on shift {}", "{} 已在班次 {} 上"};
constexpr Msg kNotOn{"{} is not on shift {}", "{} 不在班次 {} 上"};
constexpr Msg kNotOnPin{"{} is not on shift {}; assign first", "{} 不在班次 {} 上；请先安排"};
constexpr Msg kNoDropout{"{} has not dropped out of {}", "{} 没有退出 {}"};
constexpr Msg kDropoutsBegun{
    "{}'s drop-outs in {} are on shifts that have begun: they stay on record",
    "{} 在 {} 的退出记录都在已开始的班次上：保留不变"};
constexpr Msg kShiftWord{"shift {}", "班次 {}"};

// A rebuild weighs each change to today's roster like this many points: more than any soft
// goal a single move could win, less than filling an empty place (1000 × priority).
constexpr int kRebuildChangeCost = 400;

// Who is on a shift that has begun is the record of who served (self-service has the same rule).
void refuse_begun(store::Connection& db, const Shift& shift, Instant now) {
  if (!shift.begun_by(now)) return;
  auto st = store::stations::get(db, shift.station);
  throw DataError(kBegun, shift.id.value, format_local(shift.time.begin, st->zone));
}

}  // namespace

StoredWeek stored_week(store::Connection& db, const WeekScope& scope, Instant now) {
  StoredWeek w;
  w.problem = build_problem(db, scope);
  w.roster = roster::evaluate_station(w.problem.problem, w.problem.problem.existing);
  std::set<std::int64_t> begun;
  for (const auto& s : w.problem.shifts)
    if (s.begun_by(now)) begun.insert(s.id.value);
  w.begun = int(begun.size());
  std::erase_if(w.roster.gaps,
                [&](const roster::GapExplanation& g) { return begun.count(g.shift); });
  for (const auto& v : w.problem.problem.volunteers)
    for (auto s : v.barred_shifts) w.dropped.push_back({v.id, s});
  return w;
}

roster::StationRoster solve_week(const WeekProblem& wp, const roster::SolveOptions& options,
                                 bool fresh) {
  if (fresh || wp.problem.existing.empty()) return roster::solve_station(wp.problem, options);
  auto problem = wp.problem;
  problem.weights.change_from_existing = kRebuildChangeCost;
  return roster::repair_station(problem, {}, options).roster;
}

BuildOutcome build_week(store::Connection& db, const WeekScope& scope,
                        const roster::SolveOptions& options, bool fresh,
                        const std::function<Instant()>& clock) {
  auto plan = plan_build(db, scope, options, fresh, clock());
  BuildOutcome out;
  out.fresh = fresh;
  out.shifts = plan.shifts;
  out.skipped = std::move(plan.skipped);
  out.score = plan.score;
  out.seconds = plan.seconds;
  try {
    auto done = apply_plan(db, plan, clock());
    out.created = done.created;
    out.added = done.added;
    out.removed = done.removed;
  } catch (const PlanStale&) {
    throw DataError(kChanged, scope.week.str());
  }
  return out;
}

RepairOutcome repair_week(store::Connection& db, const WeekScope& scope, VolunteerId v,
                          const roster::SolveOptions& options,
                          const std::function<Instant()>& clock) {
  auto plan = plan_repair(db, scope, v, options, clock());
  RepairOutcome out;
  try {
    auto done = apply_plan(db, plan, clock());
    out.dropped_shifts = done.dropped_shifts;
    for (const auto& c : done.applied)
      if (!(c.kind == roster::ChangeKind::removed && c.assignment.volunteer == v.value))
        out.changes.push_back(c);
  } catch (const PlanStale&) {
    throw DataError(kChanged, scope.week.str());
  }
  // As the engine lists them: who comes off, then who goes on.
  std::stable_sort(out.changes.begin(), out.changes.end(), [](const auto& a, const auto& b) {
    return std::pair(a.kind == roster::ChangeKind::added, a.assignment) <
           std::pair(b.kind == roster::ChangeKind::added, b.assignment);
  });
  return out;
}

AssignOutcome assign(store::Connection& db, store::Lookup& lookup, VolunteerId v,
                     const Shift& shift, bool pin, const std::optional<store::Override>& forced,
                     Instant now, const std::optional<EditAudit>& audit) {
  AssignOutcome out;
  store::refuse_cancelled_shift(shift);
  refuse_begun(db, shift, now);
  {
    store::Transaction tx(db);
    auto existing = store::assignments::find(db, shift.id, v);
    if (existing && existing->status != AssignmentStatus::cancelled)
      throw DataError(kAlready, lookup.volunteer_number(v), shift.id.value);
    auto breaks = store::assignment_breaks(db, lookup, v, shift);
    if (!forced) store::apply_assignment_policy(db, lookup, Assignment{}, shift, breaks, forced);
    Assignment a = existing.value_or(Assignment{});
    a.shift = shift.id;
    a.volunteer = v;
    a.status = AssignmentStatus::planned;
    a.source = AssignmentSource::manual;
    a.pinned = pin;
    if (existing)
      store::assignments::update(db, a);
    else
      a.id = store::assignments::insert(db, a);
    store::apply_assignment_policy(db, lookup, a, shift, breaks, forced);
    audit_assignment(db, audit, a.id, pin ? "assigned_pinned" : "assigned", v, shift.id);
    if (forced) out.forced = breaks;
    tx.commit();
  }
  // Softer rules, judged by the engine on the whole week as it now stands.
  const Station& st = lookup.station_record(shift.station);
  auto week =
      stored_week(db, {IsoWeek::of(local_date(shift.time.begin, st.zone)), std::nullopt}, now);
  for (const auto& x : week.roster.violations) {
    if (x.volunteer != v.value) continue;
    // Already refused or forced above.
    if (x.rule == roster::RuleId::overlap || x.rule == roster::RuleId::ineligible) continue;
    out.warnings.push_back({x.rule, ShiftId{x.shift}});
  }
  return out;
}

void unassign(store::Connection& db, VolunteerId v, const Shift& shift, Instant now,
              const std::optional<EditAudit>& audit, bool as_dropout) {
  refuse_begun(db, shift, now);
  store::Transaction tx(db);
  auto existing = store::assignments::find(db, shift.id, v);
  if (!existing || existing->status == AssignmentStatus::cancelled)
    throw DataError(kNotOn, volunteer_number(db, v), shift.id.value);
  if (as_dropout) {
    existing->status = AssignmentStatus::cancelled;
    existing->pinned = false;
    store::assignments::update(db, *existing);
  } else {
    store::assignments::remove(db, existing->id);
  }
  audit_assignment(db, audit, existing->id, as_dropout ? "dropped_out" : "unassigned", v, shift.id);
  tx.commit();
}

void set_pinned(store::Connection& db, VolunteerId v, const Shift& shift, bool pinned,
                const std::optional<EditAudit>& audit) {
  store::Transaction tx(db);
  auto existing = store::assignments::find(db, shift.id, v);
  if (!existing || existing->status == AssignmentStatus::cancelled)
    throw DataError(kNotOnPin, volunteer_number(db, v), shift.id.value);
  existing->pinned = pinned;
  store::assignments::update(db, *existing);
  audit_assignment(db, audit, existing->id, pinned ? "pinned" : "unpinned", v, shift.id);
  tx.commit();
}

int clear_dropouts(store::Connection& db, const WeekScope& scope, VolunteerId v,
                   std::optional<ShiftId> only, Instant now) {
  store::Transaction tx(db);
  auto wp = build_problem(db, scope);
  int cleared = 0, kept = 0;
  for (const auto& s : wp.shifts) {
    if (only && s.id != *only) continue;
    if (only) refuse_begun(db, s, now);
    auto a = store::assignments::find(db, s.id, v);
    if (!a || a->status != AssignmentStatus::cancelled) continue;
    if (s.begun_by(now)) {  // stays off a shift that has begun
      ++kept;
      continue;
    }
    store::assignments::remove(db, a->id);
    ++cleared;
  }
  if (cleared == 0 && only)
    throw DataError(kNoDropout, volunteer_number(db, v), Text::of(kShiftWord, only->value));
  if (cleared == 0 && kept > 0)
    throw DataError(kDropoutsBegun, volunteer_number(db, v), scope.week.str());
  if (cleared == 0) throw DataError(kNoDropout, volunteer_number(db, v), scope.week.str());
  tx.commit();
  return cleared;
}

}  // namespace vstation::planning
