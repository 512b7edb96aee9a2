#include "vstation/planning/roster_plan.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "assignment_audit.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::planning {
namespace {

using detail::audit_assignment;
using detail::volunteer_number;

constexpr Msg kNoShifts{"{} has no shifts: add shift templates or shifts first",
                        "{} 没有班次：请先添加班次模板或班次"};
constexpr Msg kNotRostered{"{} is on no shift in {}; nothing to repair",
                           "{} 在 {} 没有任何班次；无需补排"};
constexpr Msg kOnlyBegun{"{} is on no shift in {} that has yet to begin; nothing to repair",
                         "{} 在 {} 没有尚未开始的班次；无需补排"};
constexpr Msg kNoneMade{
    "{} has no shifts: its templates made none ({} left out: dates skipped, projects withdrawn "
    "or ended, shifts in the way, or begun)",
    "{} 没有班次：模板没有生成任何班次（{} 个未生成：停开日期、项目撤销或结束、时间冲突或已开始）"};
constexpr Msg kAllBegun{"every shift of {} has begun: a roster is for shifts to come",
                        "{} 的班次都已开始：排班只针对尚未开始的班次"};
constexpr Msg kBegunSince{
    "a shift in these changes has begun since they were worked out; nothing was saved: look at "
    "the new proposal",
    "计算这些改动之后其中的班次已经开始；未保存任何内容：请查看新的方案"};
constexpr Msg kStale{
    "the roster of {} changed since these changes were worked out; nothing was "
    "saved: look at the new proposal",
    "计算这些改动之后 {} 的排班已被修改；未保存任何内容：请查看新的方案"};
constexpr Msg kBadPlan{"these changes do not fit the roster of {}; nothing was saved",
                       "这些改动与 {} 的排班不符；未保存任何内容"};
constexpr Msg kBreaks{"{} cannot be put on that shift: it breaks a rule; nothing was saved",
                      "无法将 {} 安排到该班次：违反规则；未保存任何内容"};

constexpr Msg kPublishStation{"publishing a week needs its station (--station)",
                              "发布一周排班需要指定站点（--station）"};

using Key = std::pair<std::int64_t, std::int64_t>;  // (project, start seconds)

std::map<std::int64_t, Key> keys_of(const WeekProblem& wp) {
  std::map<std::int64_t, Key> out;
  for (const auto& s : wp.shifts) out[s.id.value] = {s.project.value, s.time.begin.seconds};
  return out;
}

std::vector<PlannedChange> changes_of(const WeekProblem& wp,
                                      const std::vector<roster::RosterChange>& raw) {
  auto keys = keys_of(wp);
  std::vector<PlannedChange> out;
  for (const auto& c : raw) {
    const Key& k = keys.at(c.assignment.shift);
    out.push_back(
        {c.kind, VolunteerId{c.assignment.volunteer}, ProjectId{k.first}, Instant{k.second}});
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The roster `after` against the week's assignments.
std::vector<roster::RosterChange> diff(const std::vector<roster::Assignment>& before,
                                       const std::vector<roster::Assignment>& after) {
  std::set<roster::Assignment> b(before.begin(), before.end()), a(after.begin(), after.end());
  std::vector<roster::RosterChange> out;
  for (const auto& x : a)
    if (!b.count(x)) out.push_back({roster::ChangeKind::added, x});
  for (const auto& x : b)
    if (!a.count(x)) out.push_back({roster::ChangeKind::removed, x});
  return out;
}

}  // namespace

roster::SolveOptions standard_solve_options() {
  roster::SolveOptions options;
  options.time_limit_seconds = std::nullopt;
  options.max_iterations = 2'000'000;  // per search thread
  return options;
}

std::string basis_of(const WeekProblem& wp) {
  auto keys = keys_of(wp);
  std::vector<std::string> parts;
  const auto key = [&](std::int64_t shift) {
    const Key& k = keys.at(shift);
    return std::to_string(k.first) + "@" + std::to_string(k.second);
  };
  for (const auto& s : wp.shifts)
    parts.push_back("s" + key(s.id.value) + "/" + std::to_string(s.slots));
  for (const auto& a : wp.problem.existing)
    parts.push_back("a" + std::to_string(a.volunteer) + ":" + key(a.shift));
  for (const auto& a : wp.problem.pinned)
    parts.push_back("p" + std::to_string(a.volunteer) + ":" + key(a.shift));
  for (const auto& v : wp.problem.volunteers)
    for (auto s : v.barred_shifts) parts.push_back("d" + std::to_string(v.id) + ":" + key(s));
  std::sort(parts.begin(), parts.end());
  // FNV-1a, 64 bits: a digest to compare, not a secret.
  std::uint64_t h = 1469598103934665603ULL;
  for (const auto& p : parts) {
    for (unsigned char ch : p + ";") {
      h ^= ch;
      h *= 1099511628211ULL;
    }
  }
  char buf[17];
  auto res = std::to_chars(buf, buf + 16, h, 16);
  return std::string(16 - std::size_t(res.ptr - buf), '0') + std::string(buf, res.ptr);
}

RosterPlan plan_build(store::Connection& db, const WeekScope& scope,
                      const roster::SolveOptions& options, bool fresh, Instant now) {
  RosterPlan p;
  p.kind = RosterPlan::Kind::build;
  p.scope = scope;
  p.fresh = fresh;
  // Read without a transaction: the search holds no lock, so kiosks keep checking people in;
  // apply_plan then checks that the week is as found.
  auto due = templates_due(db, scope, now);
  p.new_shifts = int(due.shifts.size());
  p.skipped = std::move(due.skipped);
  auto wp = build_problem(db, scope, std::nullopt, due.shifts);
  if (wp.shifts.empty()) {
    const auto begun = [](const SkippedShift& s) { return s.reason == SkipReason::begun; };
    if (p.skipped.empty()) throw DataError(kNoShifts, scope.week.str());
    if (std::all_of(p.skipped.begin(), p.skipped.end(), begun))
      throw DataError(kAllBegun, scope.week.str());
    throw DataError(kNoneMade, scope.week.str(), p.skipped.size());
  }
  p.shifts = int(wp.shifts.size());
  p.basis = basis_of(wp);
  freeze_begun(wp, now);
  const auto frozen = [](const roster::Shift& s) { return s.frozen; };
  if (std::all_of(wp.problem.shifts.begin(), wp.problem.shifts.end(), frozen))
    throw DataError(kAllBegun, scope.week.str());
  auto result = solve_week(wp, options, fresh);
  p.changes = changes_of(wp, diff(wp.problem.existing, result.assignments));
  p.score = result.score;
  p.seconds = result.seconds;
  return p;
}

RosterPlan plan_repair(store::Connection& db, const WeekScope& scope, VolunteerId v,
                       const roster::SolveOptions& options, Instant now) {
  RosterPlan p;
  p.kind = RosterPlan::Kind::repair;
  p.scope = scope;
  p.dropping = v;
  auto wp = build_problem(db, scope);
  p.shifts = int(wp.shifts.size());
  p.basis = basis_of(wp);
  freeze_begun(wp, now);
  std::set<std::int64_t> begun;
  for (const auto& s : wp.problem.shifts)
    if (s.frozen) begun.insert(s.id);
  const auto on = [&](const roster::Assignment& x) {
    return x.volunteer == v.value && !begun.count(x.shift);
  };
  const auto theirs = [&](const roster::Assignment& x) { return x.volunteer == v.value; };
  if (std::none_of(wp.problem.existing.begin(), wp.problem.existing.end(), on))
    throw DataError(std::any_of(wp.problem.existing.begin(), wp.problem.existing.end(), theirs)
                        ? kOnlyBegun
                        : kNotRostered,
                    volunteer_number(db, v), scope.week.str());
  auto result = roster::repair_station(wp.problem, {v.value}, options);
  p.changes = changes_of(wp, result.changes);
  p.score = result.roster.score;
  p.seconds = result.roster.seconds;
  return p;
}

PlanOutcome apply_plan(store::Connection& db, const RosterPlan& plan, Instant now,
                       const std::optional<EditAudit>& audit) {
  const std::string week = plan.scope.week.str();
  PlanOutcome out;
  store::Transaction tx(db);
  if (plan.kind == RosterPlan::Kind::build)
    out.created = materialise_week(db, plan.scope, now).created;
  auto wp = build_problem(db, plan.scope);
  if (basis_of(wp) != plan.basis) throw PlanStale(PlanStale::Why::changed, Text::of(kStale, week));
  std::map<Key, std::int64_t> shift_of;
  for (const auto& s : wp.shifts) shift_of[{s.project.value, s.time.begin.seconds}] = s.id.value;
  // Who is on a shift that has begun is the record of who served (also against a forged plan).
  for (const auto& c : plan.changes)
    if (c.start <= now) throw PlanStale(PlanStale::Why::begun, Text(kBegunSince));
  // A repair takes its volunteer off (their drop-out is remembered); it adds nobody to them.
  if (plan.kind == RosterPlan::Kind::repair) {
    const auto theirs = [&](roster::ChangeKind k) {
      return std::any_of(plan.changes.begin(), plan.changes.end(), [&](const PlannedChange& c) {
        return c.kind == k && plan.dropping && c.volunteer == *plan.dropping;
      });
    };
    if (!plan.dropping || !theirs(roster::ChangeKind::removed) || theirs(roster::ChangeKind::added))
      throw DataError(kBadPlan, week);
  }
  std::set<std::int64_t> volunteers;  // the week's candidates: a plan is also what a browser posted
  for (const auto& v : wp.problem.volunteers) volunteers.insert(v.id);
  std::set<roster::Assignment> target(wp.problem.existing.begin(), wp.problem.existing.end());
  std::set<roster::Assignment> added;
  std::vector<std::pair<roster::ChangeKind, roster::Assignment>> writes;
  for (const auto& c : plan.changes) {
    auto it = shift_of.find({c.project.value, c.start.seconds});
    if (it == shift_of.end() ||
        (c.kind == roster::ChangeKind::added && !volunteers.count(c.volunteer.value)))
      throw DataError(kBadPlan, week);
    roster::Assignment a{c.volunteer.value, it->second};
    bool ok = c.kind == roster::ChangeKind::added
                  ? target.insert(a).second && added.insert(a).second
                  : target.erase(a) == 1;
    if (!ok) throw DataError(kBadPlan, week);
    writes.emplace_back(c.kind, a);
    out.applied.push_back({c.kind, a});
  }
  // What the plan adds must keep every hard rule (the search's rosters do; a plan is also what
  // a browser posted back).
  auto checked = roster::evaluate_station(wp.problem, {target.begin(), target.end()});
  for (const auto& x : checked.violations)
    if (added.count({x.volunteer, x.shift}))
      throw DataError(kBreaks, volunteer_number(db, VolunteerId{x.volunteer}));
  for (const auto& [kind, a] : writes) {
    ShiftId sid{a.shift};
    VolunteerId vid{a.volunteer};
    auto existing = store::assignments::find(db, sid, vid);
    if (kind == roster::ChangeKind::removed) {
      if (!existing) throw DataError(kBadPlan, week);
      if (plan.dropping && vid == *plan.dropping) {
        existing->status = AssignmentStatus::cancelled;  // the drop-out, kept on record
        existing->pinned = false;
        store::assignments::update(db, *existing);
        ++out.dropped_shifts;
        audit_assignment(db, audit, existing->id, "dropped_out", vid, sid);
        continue;
      }
      if (plan.kind == RosterPlan::Kind::build &&
          (existing->pinned || existing->source == AssignmentSource::manual))
        throw DataError(kBadPlan, week);  // a build keeps pinned and manual assignments
      store::assignments::remove(db, existing->id);
      ++out.removed;
      audit_assignment(db, audit, existing->id, "roster_removed", vid, sid);
      continue;
    }
    Assignment as = existing.value_or(Assignment{});
    as.shift = sid;
    as.volunteer = vid;
    as.status = AssignmentStatus::planned;
    if (existing)
      store::assignments::update(db, as);
    else
      as.id = store::assignments::insert(db, as);
    ++out.added;
    audit_assignment(db, audit, as.id, "roster_added", vid, sid);
  }
  tx.commit();
  return out;
}

store::Publication publish_week(store::Connection& db, const WeekScope& scope, Instant at,
                                const std::string& actor) {
  if (!scope.station) throw DataError(kPublishStation);
  store::Transaction tx(db);
  auto wp = build_problem(db, scope);
  if (wp.shifts.empty()) throw DataError(kNoShifts, scope.week.str());
  store::Publication p{*scope.station, scope.week.str(), at, actor, basis_of(wp)};
  store::publications::set(db, p);
  store::AuditEntry e;
  e.at = at;
  e.actor = actor;
  e.entity = "roster_week";
  e.entity_id = scope.station->value;
  e.action = "published";
  e.new_value = p.week;
  store::audit::append(db, e);
  tx.commit();
  return p;
}

PublishState publish_state(store::Connection& db, const WeekScope& scope) {
  PublishState out;
  if (!scope.station) return out;
  out.published = store::publications::get(db, *scope.station, scope.week.str());
  if (out.published) out.changed_since = basis_of(build_problem(db, scope)) != out.published->basis;
  return out;
}

std::string encode_changes(const std::vector<PlannedChange>& changes) {
  std::string out;
  for (const auto& c : changes) {
    if (!out.empty()) out += ' ';
    out += c.kind == roster::ChangeKind::added ? 'a' : 'r';
    out += "." + std::to_string(c.volunteer.value) + "." + std::to_string(c.project.value) + "." +
           std::to_string(c.start.seconds);
  }
  return out;
}

std::optional<std::vector<PlannedChange>> decode_changes(std::string_view text) {
  std::vector<PlannedChange> out;
  while (!text.empty()) {
    auto end = text.find(' ');
    std::string_view item = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (end != std::string_view::npos && text.empty()) return std::nullopt;  // a trailing space
    if (item.size() < 7 || (item[0] != 'a' && item[0] != 'r') || item[1] != '.')
      return std::nullopt;
    std::int64_t n[3]{};
    const char* p = item.data() + 2;
    const char* last = item.data() + item.size();
    for (int i = 0; i < 3; ++i) {
      auto r = std::from_chars(p, last, n[i]);
      if (r.ec != std::errc{} || (i < 2 ? (r.ptr == last || *r.ptr != '.') : r.ptr != last))
        return std::nullopt;
      p = r.ptr + 1;
    }
    if (n[0] <= 0 || n[1] <= 0) return std::nullopt;
    out.push_back({item[0] == 'a' ? roster::ChangeKind::added : roster::ChangeKind::removed,
                   VolunteerId{n[0]}, ProjectId{n[1]}, Instant{n[2]}});
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace vstation::planning
