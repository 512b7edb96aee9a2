#include "vstation/planning/self_service.hpp"

#include <algorithm>
#include <map>

#include "vstation/planning/week.hpp"
#include "vstation/roster/station.hpp"
#include "vstation/store/assignment_policy.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/retry.hpp"
#include "vstation/store/upcoming.hpp"

namespace vstation::planning {
namespace {

constexpr Msg kNoShift{"there is no such shift to sign up for", "没有这个可报名的班次"};
constexpr Msg kStarted{"it has already started", "该班次已经开始"};
constexpr Msg kAlreadyOn{"you are already signed up for it", "您已经报名了这个班次"};
constexpr Msg kMaxShifts{"you would have {} shifts in week {}, over your maximum of {}",
                         "您在 {1} 周将有 {0} 个班次，超过您每周最多 {2} 个的上限"};
constexpr Msg kMaxHours{"you would have {} h in week {}, over your maximum of {} h",
                        "您在 {1} 周将有 {0} 小时，超过您每周最多 {2} 小时的上限"};
constexpr Msg kRest{"less than {} minutes of rest between it and another of your shifts",
                    "与您的另一个班次之间休息不足 {} 分钟"};
constexpr Msg kSkill{
    "the places left on shift {} are kept for someone with a valid {} certificate on {}",
    "班次 {} 余下的名额留给 {2} 持有有效 {1} 证书的人"};
constexpr Msg kJoin{"{}; {}", "{}；{}"};
constexpr Msg kRefused{"You cannot sign up for {}: {}", "您不能报名{}：{}"};
constexpr Msg kNotYours{"you are not signed up for this shift", "您没有报名这个班次"};
constexpr Msg kTooLate{
    "It is too late to cancel shift {} ({}): the deadline was {}. Please contact the "
    "coordinator{}.",
    "班次 {}（{}）已过取消截止时间 {}。请联系站长{}。"};
constexpr Msg kContact{" ({})", "（{}）"};
constexpr Msg kFits{"fits your usual times", "在您平常的时间内"};
constexpr Msg kPreferred{"in the times you prefer", "在您偏好的时间内"};
constexpr Msg kOutside{"outside your usual times", "不在您平常的时间内"};
constexpr Msg kAvoided{"at a time you would rather not serve", "在您不太方便的时间"};
constexpr Msg kReturning{"you cancelled this one before", "您之前取消过这个班次"};
// The walls as said of every shift they keep back (NotOffered).
constexpr Msg kMaxShiftsWeek{"week of {} ({}): you have {} shifts, and your weekly maximum is {}",
                             "{} 起的一周（{}）：您已有 {} 个班次，每周上限为 {} 个"};
constexpr Msg kMaxHoursWeek{
    "week of {} ({}): you have {} h of your weekly maximum of {} h, too little left for the "
    "open shifts",
    "{} 起的一周（{}）：您已有 {} 小时，每周上限 {} 小时，余下的时间不够报名空缺班次"};
constexpr Msg kOverlapAll{"they overlap shifts you are on", "与您已报名的班次时间重叠"};
constexpr Msg kSkillAll{"their last places are kept for holders of a certificate you do not have",
                        "余下的名额留给持有您所缺证书的人"};
constexpr Msg kAlreadyOnAll{"you are on them already: see your shifts", "您已报名：见“您的班次”"};

// One volunteer's view for a request: records looked up once, each week's problem built once.
struct Judge {
  store::Connection& db;
  VolunteerId v;
  store::Lookup lookup;
  std::map<std::pair<IsoWeek, StationId>, WeekProblem> weeks;

  Judge(store::Connection& d, VolunteerId who) : db(d), v(who), lookup(d) {}

  // The week's problem holding this volunteer alone, at the shift's station (the rules a
  // coordinator's `roster build --station` judges them by).
  WeekProblem& week_of(const Shift& s, IsoWeek& wk) {
    wk = IsoWeek::of(local_date(s.time.begin, lookup.station_record(s.station).zone));
    auto key = std::make_pair(wk, s.station);
    auto it = weeks.find(key);
    if (it == weeks.end()) it = weeks.emplace(key, build_problem(db, {wk, s.station}, v)).first;
    return it->second;
  }
};

Wall wall_of(store::PersonRule r) {
  switch (r) {
    case store::PersonRule::retired:
      return Wall::retired;
    case store::PersonRule::suspended:
      return Wall::suspended;
    case store::PersonRule::no_consent:
      return Wall::no_consent;
    case store::PersonRule::not_joined:
      return Wall::not_joined;
    case store::PersonRule::overlap:
      return Wall::overlap;
    case store::PersonRule::full:
      return Wall::full;
  }
  return Wall::full;
}

struct EngineView {
  std::vector<WallHit> walls;
  std::vector<Bend> bends;
  bool preferred = false;
};

std::string hours_text(std::int64_t minutes) {
  return minutes % 60 == 0
             ? std::to_string(minutes / 60)
             : std::to_string(minutes / 60) + "." + std::to_string(minutes % 60 * 10 / 60);
}

// The roster engine's hard rules for the week with `s` added to the volunteer's shifts: the
// weekly limits and rest are walls; availability (and avoided windows) are bent wishes.
EngineView engine_view(Judge& j, const Shift& s) {
  EngineView out;
  IsoWeek wk;
  const WeekProblem& wp = j.week_of(s, wk);
  const auto& p = wp.problem;
  if (p.volunteers.empty()) return out;
  const roster::Volunteer& me = p.volunteers.front();
  std::vector<roster::Assignment> before;
  for (const auto& a : p.existing)
    if (a.shift != s.id.value) before.push_back(a);
  auto with = before;
  with.push_back({j.v.value, s.id.value});
  const auto count = [&](const roster::StationRoster& r, roster::RuleId rule) {
    return std::count_if(r.violations.begin(), r.violations.end(),
                         [&](const auto& x) { return x.rule == rule; });
  };
  auto now_roster = roster::evaluate_station(p, before);
  auto then = roster::evaluate_station(p, with);
  const auto minutes_of = [&](const std::vector<roster::Assignment>& as) {
    std::int64_t minutes = 0;
    for (const auto& a : as)
      for (const auto& rs : p.shifts)
        if (rs.id == a.shift) minutes += (rs.end - rs.start) / 60;
    return minutes;
  };
  const std::string monday = wk.monday().iso();
  if (count(then, roster::RuleId::max_shifts_per_week) > 0)
    out.walls.push_back(
        {Wall::max_shifts, Text::of(kMaxShifts, int(with.size()), wk.str(), me.max_shifts_per_week),
         Text::of(kMaxShiftsWeek, monday, wk.str(), int(before.size()), me.max_shifts_per_week)});
  if (count(then, roster::RuleId::max_minutes_per_week) > 0)
    out.walls.push_back({Wall::max_minutes,
                         Text::of(kMaxHours, hours_text(minutes_of(with)), wk.str(),
                                  hours_text(me.max_minutes_per_week)),
                         Text::of(kMaxHoursWeek, monday, wk.str(), hours_text(minutes_of(before)),
                                  hours_text(me.max_minutes_per_week))});
  if (count(then, roster::RuleId::min_rest) > count(now_roster, roster::RuleId::min_rest))
    out.walls.push_back({Wall::min_rest, Text::of(kRest, p.min_rest_minutes), {}});
  for (const auto& x : then.violations)
    if (x.rule == roster::RuleId::availability && x.shift == s.id.value)
      out.bends.push_back(Bend::outside_availability);
  const auto has = [&](const std::vector<std::int64_t>& ids) {
    return std::find(ids.begin(), ids.end(), s.id.value) != ids.end();
  };
  if (has(me.avoided_shifts)) out.bends.push_back(Bend::avoided);
  out.preferred = has(me.preferred_shifts);
  return out;
}

// A shift's skill minimums keep its last places for holders of a skill valid on its day: the
// volunteer may take a place unless they lack a missing skill and too few places would be left
// for the holders still needed.
std::optional<WallHit> skill_wall(Judge& j, const Shift& s, const std::vector<Assignment>& others) {
  if (s.minimums.empty()) return std::nullopt;
  const Date day = local_date(s.time.begin, j.lookup.station_record(s.station).zone);
  const int free = s.slots - int(others.size());
  const auto holds = [&](const std::vector<Certification>& certs, SkillId k) {
    return std::any_of(certs.begin(), certs.end(),
                       [&](const Certification& c) { return c.skill == k && c.valid_on(day); });
  };
  std::vector<std::vector<Certification>> theirs;
  for (const auto& a : others)
    theirs.push_back(store::skills::certifications_of(j.db, a.volunteer));
  const auto mine = store::skills::certifications_of(j.db, j.v);
  int needed_after = 0;
  std::string lacking;
  for (const auto& required : s.minimums) {
    // Named copies, not structured bindings: a lambda may not capture those before C++20's
    // P1091, which clang 14 (the fuzz build) lacks.
    const auto skill = required.first;
    const int minimum = required.second;
    int holders = int(std::count_if(theirs.begin(), theirs.end(),
                                    [&](const auto& c) { return holds(c, skill); }));
    int missing = std::max(0, minimum - holders);
    if (holds(mine, skill)) {
      needed_after += std::max(0, missing - 1);
    } else if (missing > 0) {
      needed_after += missing;
      lacking += (lacking.empty() ? "" : "/") + j.lookup.skill_code(skill);
    }
  }
  if (lacking.empty() || free - 1 >= needed_after) return std::nullopt;
  return WallHit{Wall::skill, Text::of(kSkill, s.id.value, lacking, day.iso()), Text(kSkillAll)};
}

// Every wall, cheapest first; `returning` is set when they dropped out of this shift before,
// `view` receives the engine's judgement (its bent wishes).
std::vector<WallHit> walls_of(Judge& j, const Shift& s, Instant now, bool* returning = nullptr,
                              EngineView* view = nullptr) {
  std::vector<WallHit> out;
  if (s.cancelled) return {{Wall::no_shift, Text(kNoShift), {}}};
  if (s.begun_by(now)) return {{Wall::started, Text(kStarted), {}}};
  std::vector<Assignment> others;
  for (auto& a : store::assignments::of_shift(j.db, s.id)) {
    if (a.status == AssignmentStatus::cancelled) {
      if (a.volunteer == j.v && returning) *returning = true;
      continue;
    }
    if (a.volunteer == j.v) return {{Wall::already_on, Text(kAlreadyOn), Text(kAlreadyOnAll)}};
    others.push_back(a);
  }
  for (auto& b : store::assignment_breaks(j.db, j.lookup, j.v, s)) {
    const Wall w = wall_of(b.rule);
    out.push_back({w, std::move(b.detail), w == Wall::overlap ? Text(kOverlapAll) : Text()});
  }
  auto engine = engine_view(j, s);
  for (auto& w : engine.walls) out.push_back(std::move(w));
  if (view) *view = std::move(engine);
  if (auto w = skill_wall(j, s, others)) out.push_back(std::move(*w));
  return out;
}

std::string when(Judge& j, const Shift& s) {
  return format_local(s.time.begin, j.lookup.station_record(s.station).zone);
}

Refusal refusal(Judge& j, const Shift& s, const std::vector<WallHit>& hits) {
  Text all = hits.front().detail;
  for (std::size_t i = 1; i < hits.size(); ++i) all = Text::of(kJoin, all, hits[i].detail);
  const auto is = [&](Wall w) {
    return std::all_of(hits.begin(), hits.end(), [&](const WallHit& h) { return h.wall == w; });
  };
  auto kind = Refusal::Kind::not_allowed;
  if (is(Wall::no_shift)) kind = Refusal::Kind::not_found;
  if (is(Wall::full) || is(Wall::already_on)) kind = Refusal::Kind::conflict;
  return Refusal(kind, std::string(wall_code(hits.front().wall)),
                 Text::of(kRefused, when(j, s), all));
}

}  // namespace

std::string_view wall_code(Wall w) {
  switch (w) {
    case Wall::no_shift:
      return "no_shift";
    case Wall::started:
      return "started";
    case Wall::already_on:
      return "already_on";
    case Wall::retired:
      return "retired";
    case Wall::suspended:
      return "suspended";
    case Wall::no_consent:
      return "no_consent";
    case Wall::not_joined:
      return "not_joined";
    case Wall::overlap:
      return "overlap";
    case Wall::full:
      return "full";
    case Wall::max_shifts:
      return "max_shifts";
    case Wall::max_minutes:
      return "max_hours";
    case Wall::min_rest:
      return "min_rest";
    case Wall::skill:
      return "skill";
  }
  return "rule";
}

std::string_view bend_code(Bend b) {
  return b == Bend::avoided ? "avoided" : "outside_availability";
}

std::vector<WallHit> walls(store::Connection& db, VolunteerId v, const Shift& shift, Instant now) {
  store::ReadTransaction read(db);
  Judge j(db, v);
  return walls_of(j, shift, now);
}

Offer offer(store::Connection& db, VolunteerId v, StationId station, Instant now,
            int horizon_days) {
  store::ReadTransaction read(db);
  Judge j(db, v);
  Offer out;
  const Station& st = j.lookup.station_record(station);
  if (st.retired) return out;
  // One reason per wall; a wall with its own summary (a weekly limit) once per summary.
  std::vector<std::string> keys;
  const auto withheld = [&](const WallHit& hit) {
    const bool summarised = !hit.summary.empty();
    std::string key(wall_code(hit.wall));
    if (summarised) key += "\n" + hit.summary.render(Lang::en);
    auto at = std::find(keys.begin(), keys.end(), key);
    if (at == keys.end()) {
      keys.push_back(key);
      out.not_offered.push_back({hit.wall, 0, summarised ? hit.summary : hit.detail});
      at = keys.end() - 1;
    }
    ++out.not_offered[std::size_t(at - keys.begin())].shifts;
  };
  for (auto& s : store::shifts::in_range(
           db, {now, now.plus_minutes(std::int64_t(horizon_days) * 24 * 60)}, station)) {
    if (s.cancelled || s.begun_by(now)) continue;
    ++out.shifts;
    int taken = 0;
    for (const auto& a : store::assignments::of_shift(db, s.id))
      if (a.status != AssignmentStatus::cancelled) ++taken;
    if (taken >= s.slots) {  // full: not offered, nothing more to judge
      ++out.full;
      continue;
    }
    OpenSlot slot;
    EngineView view;
    auto hits = walls_of(j, s, now, &slot.returning, &view);
    if (!hits.empty()) {
      withheld(hits.front());
      continue;
    }
    slot.taken = taken;
    slot.free = s.slots - taken;
    slot.binding = cancellable_until(st, s) < now;
    slot.bends = view.bends;
    slot.preferred = view.preferred && view.bends.empty();
    Text why(slot.preferred ? kPreferred : kFits);
    if (!slot.bends.empty()) {
      why = Text(slot.bends.front() == Bend::avoided ? kAvoided : kOutside);
      for (std::size_t i = 1; i < slot.bends.size(); ++i)
        why = Text::of(kJoin, why, Text(slot.bends[i] == Bend::avoided ? kAvoided : kOutside));
    }
    if (slot.returning) why = Text::of(kJoin, why, Text(kReturning));
    slot.why = why;
    slot.shift = std::move(s);
    out.slots.push_back(std::move(slot));
  }
  return out;
}

std::vector<OpenSlot> open_slots(store::Connection& db, VolunteerId v, StationId station,
                                 Instant now, int horizon_days) {
  return offer(db, v, station, now, horizon_days).slots;
}

Assignment sign_up(store::Connection& db, VolunteerId v, ShiftId shift, Instant now,
                   const std::string& actor) {
  return store::retry_transaction(db, [&] {
    auto s = store::shifts::get(db, shift);
    if (!s) throw Refusal(Refusal::Kind::not_found, "no_shift", Text(kNoShift));
    Judge j(db, v);
    auto hits = walls_of(j, *s, now);
    if (!hits.empty()) throw refusal(j, *s, hits);
    auto existing = store::assignments::find(db, s->id, v);
    Assignment a = existing.value_or(Assignment{});
    a.shift = s->id;
    a.volunteer = v;
    a.status = AssignmentStatus::planned;
    a.source = AssignmentSource::manual;  // kept by later builds, as a coordinator's would be
    a.pinned = false;
    if (existing)
      store::assignments::update(db, a);
    else
      a.id = store::assignments::insert(db, a);
    store::AuditEntry e;
    e.at = now;
    e.actor = actor;
    e.entity = "assignment";
    e.entity_id = a.id.value;
    e.action = "signed_up";
    e.old_value = existing ? "cancelled" : "";
    e.new_value = "shift " + std::to_string(s->id.value) + " " + j.lookup.volunteer_number(v);
    store::audit::append(db, e);
    return a;
  });
}

Instant cancellable_until(const Station& station, const Shift& shift) {
  return shift.time.begin.plus_minutes(-std::int64_t(station.settings.cancel_deadline_hours) * 60);
}

void cancel(store::Connection& db, VolunteerId v, ShiftId shift, Instant now,
            const std::string& actor) {
  store::retry_transaction(db, [&] {
    auto s = store::shifts::get(db, shift);
    auto a = s ? store::assignments::find(db, s->id, v) : std::nullopt;
    if (!a || a->status == AssignmentStatus::cancelled)
      throw Refusal(Refusal::Kind::not_found, "not_yours", Text(kNotYours));
    Judge j(db, v);
    const Station& st = j.lookup.station_record(s->station);
    const Instant until = cancellable_until(st, *s);
    if (now > until) {
      Text contact = st.contact.empty() ? Text() : Text::of(kContact, st.contact);
      throw Refusal(
          Refusal::Kind::too_late, "too_late",
          Text::of(kTooLate, s->id.value, when(j, *s), format_local(until, st.zone), contact));
    }
    a->status = AssignmentStatus::cancelled;  // the drop-out, kept for the coordinator
    a->pinned = false;
    store::assignments::update(db, *a);
    store::AuditEntry e;
    e.at = now;
    e.actor = actor;
    e.entity = "assignment";
    e.entity_id = a->id.value;
    e.action = "cancelled";
    e.old_value = "planned";
    e.new_value = "shift " + std::to_string(s->id.value) + " " + j.lookup.volunteer_number(v);
    store::audit::append(db, e);
    return 0;
  });
}

std::vector<MyShift> my_shifts(store::Connection& db, VolunteerId v, Instant now) {
  store::ReadTransaction read(db);
  store::Lookup lookup(db);
  std::vector<MyShift> out;
  for (auto& u : store::upcoming::of_volunteer(db, v, now)) {
    MyShift m;
    m.cancellable_until = cancellable_until(lookup.station_record(u.shift.station), u.shift);
    m.cancellable = now <= m.cancellable_until;
    m.assignment = std::move(u.assignment);
    m.shift = std::move(u.shift);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace vstation::planning
