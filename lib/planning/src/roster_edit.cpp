#include "vstation/planning/roster_edit.hpp"

#include <algorithm>
#include <map>

#include "vstation/domain/error.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::planning {
namespace {

constexpr Msg kNoShifts{"{} has no shifts: add shift templates or shifts first",
                        "{} 没有班次：请先添加班次模板或班次"};
constexpr Msg kChanged{
    "the roster of {} changed while it was being built; nothing was saved, run it again",
    "构建期间 {} 的排班被修改；未保存任何内容，请重新运行"};
constexpr Msg kNotRostered{"{} is on no shift in {}; nothing to repair",
                           "{} 在 {} 没有任何班次；无需补排"};
constexpr Msg kAlready{"{} is already on shift {}", "{} 已在班次 {} 上"};
constexpr Msg kNotOn{"{} is not on shift {}", "{} 不在班次 {} 上"};
constexpr Msg kNotOnPin{"{} is not on shift {}; assign first", "{} 不在班次 {} 上；请先安排"};
constexpr Msg kNoDropout{"{} has not dropped out of {}", "{} 没有退出 {}"};
constexpr Msg kShiftWord{"shift {}", "班次 {}"};

// A rebuild weighs each change to today's roster like this many points: more than any soft
// goal a single move could win, less than filling an empty place (1000 × priority).
constexpr int kRebuildChangeCost = 400;

std::vector<roster::Assignment> sorted(std::vector<roster::Assignment> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::string volunteer_number(store::Connection& db, VolunteerId v) {
  auto rec = store::volunteers::get(db, v);
  return rec ? rec->number : std::to_string(v.value);
}

void audit_edit(store::Connection& db, const std::optional<EditAudit>& audit, AssignmentId id,
                const char* action, VolunteerId v, const Shift& shift) {
  if (!audit) return;
  store::AuditEntry e;
  e.at = audit->at;
  e.actor = audit->actor;
  e.entity = "assignment";
  e.entity_id = id.value;
  e.action = action;
  e.new_value = volunteer_number(db, v) + " #" + std::to_string(shift.id.value);
  store::audit::append(db, e);
}

}  // namespace

StoredWeek stored_week(store::Connection& db, const WeekScope& scope) {
  StoredWeek w;
  w.problem = build_problem(db, scope);
  w.roster = roster::evaluate_station(w.problem.problem, w.problem.problem.existing);
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
                        const roster::SolveOptions& options, bool fresh) {
  BuildOutcome out;
  out.fresh = fresh;
  {
    store::Transaction tx(db);
    auto made = materialise_week(db, scope);
    out.created = made.created;
    out.skipped = std::move(made.skipped);
    tx.commit();
  }
  // The search runs without holding the write lock, so kiosks keep checking people in; the
  // save then checks that nobody changed the week's roster meanwhile.
  auto wp = build_problem(db, scope);
  if (wp.shifts.empty()) throw DataError(kNoShifts, scope.week.str());
  out.shifts = int(wp.shifts.size());
  auto result = solve_week(wp, options, fresh);
  store::Transaction tx(db);
  if (sorted(current_assignments(db, wp)) != sorted(wp.problem.existing))
    throw DataError(kChanged, scope.week.str());
  std::tie(out.added, out.removed) = save_roster(db, wp, result);
  tx.commit();
  out.score = result.score;
  out.seconds = result.seconds;
  return out;
}

RepairOutcome repair_week(store::Connection& db, const WeekScope& scope, VolunteerId v,
                          const roster::SolveOptions& options) {
  store::Transaction tx(db);
  auto wp = build_problem(db, scope);
  const auto on = [&](const roster::Assignment& x) { return x.volunteer == v.value; };
  if (std::none_of(wp.problem.existing.begin(), wp.problem.existing.end(), on))
    throw DataError(kNotRostered, volunteer_number(db, v), scope.week.str());
  auto result = roster::repair_station(wp.problem, {v.value}, options);
  RepairOutcome out;
  for (const auto& c : result.changes) {
    ShiftId sid{c.assignment.shift};
    VolunteerId vid{c.assignment.volunteer};
    auto existing = store::assignments::find(db, sid, vid);
    if (c.kind == roster::ChangeKind::removed) {
      if (!existing) continue;
      if (vid == v) {
        existing->status = AssignmentStatus::cancelled;  // the drop-out, kept on record
        existing->pinned = false;
        store::assignments::update(db, *existing);
        ++out.dropped_shifts;
        continue;
      }
      store::assignments::remove(db, existing->id);
    } else if (existing) {
      existing->status = AssignmentStatus::planned;
      store::assignments::update(db, *existing);
    } else {
      Assignment as;
      as.shift = sid;
      as.volunteer = vid;
      store::assignments::insert(db, as);
    }
    out.changes.push_back(c);
  }
  tx.commit();
  return out;
}

AssignOutcome assign(store::Connection& db, store::Lookup& lookup, VolunteerId v,
                     const Shift& shift, bool pin, const std::optional<store::Override>& forced,
                     const std::optional<EditAudit>& audit) {
  AssignOutcome out;
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
    audit_edit(db, audit, a.id, pin ? "assigned_pinned" : "assigned", v, shift);
    if (forced) out.forced = breaks;
    tx.commit();
  }
  // Softer rules, judged by the engine on the whole week as it now stands.
  const Station& st = lookup.station_record(shift.station);
  auto week = stored_week(db, {IsoWeek::of(local_date(shift.time.begin, st.zone)), std::nullopt});
  for (const auto& x : week.roster.violations) {
    if (x.volunteer != v.value) continue;
    // Already refused or forced above.
    if (x.rule == roster::RuleId::overlap || x.rule == roster::RuleId::ineligible) continue;
    out.warnings.push_back({x.rule, ShiftId{x.shift}});
  }
  return out;
}

void unassign(store::Connection& db, VolunteerId v, const Shift& shift,
              const std::optional<EditAudit>& audit, bool as_dropout) {
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
  audit_edit(db, audit, existing->id, as_dropout ? "dropped_out" : "unassigned", v, shift);
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
  audit_edit(db, audit, existing->id, pinned ? "pinned" : "unpinned", v, shift);
  tx.commit();
}

int clear_dropouts(store::Connection& db, const WeekScope& scope, VolunteerId v,
                   std::optional<ShiftId> only) {
  store::Transaction tx(db);
  auto wp = build_problem(db, scope);
  int cleared = 0;
  for (const auto& s : wp.shifts) {
    if (only && s.id != *only) continue;
    auto a = store::assignments::find(db, s.id, v);
    if (!a || a->status != AssignmentStatus::cancelled) continue;
    store::assignments::remove(db, a->id);
    ++cleared;
  }
  if (cleared == 0 && only)
    throw DataError(kNoDropout, volunteer_number(db, v), Text::of(kShiftWord, only->value));
  if (cleared == 0) throw DataError(kNoDropout, volunteer_number(db, v), scope.week.str());
  tx.commit();
  return cleared;
}

}  // namespace vstation::planning
