#include "vstation/planning/week.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "vstation/domain/entities.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::planning {
namespace {

constexpr Msg kDay{"{} {} {}", "{} {} {}"};
constexpr Msg kSkippedDate{"{}: the date is skipped", "{}：该日停开"};
constexpr Msg kSkippedDateWhy{"{}: the date is skipped ({})", "{}：该日停开（{}）"};
constexpr Msg kOverlapping{"{}: shift {} of the same project is there then",
                           "{}：同一项目的班次 {} 与之时间重叠"};
constexpr Msg kProjectRetired{"{}: the project is withdrawn", "{}：项目已撤销"};
constexpr Msg kProjectEnded{"{}: the project ended on {}", "{}：项目已于 {} 结束"};
constexpr Msg kBegun{"{}: its start has passed", "{}：开始时间已过"};

// Provisional ids of planned shifts: above any id a database hands out, so the week's order by
// (start, id) is the order the saved shifts will have.
constexpr std::int64_t kProvisionalShiftId = std::int64_t{1} << 62;

TimeRange week_range(const WeekScope& scope, const TimeZone& off) {
  return scope.week.days().at(off);
}

std::vector<Station> stations_in(store::Connection& db, const WeekScope& scope) {
  std::vector<Station> out;
  for (auto& s : store::stations::all(db))
    if (!s.retired && (!scope.station || s.id == *scope.station)) out.push_back(s);
  return out;
}

std::vector<Shift> week_shifts(store::Connection& db, const WeekScope& scope,
                               std::span<const Shift> planned) {
  std::vector<Shift> out;
  for (const auto& st : stations_in(db, scope)) {
    const auto first = out.size();
    for (auto& s : store::shifts::in_range(db, week_range(scope, st.zone), st.id))
      if (!s.cancelled) out.push_back(std::move(s));
    for (std::size_t i = 0; i < planned.size(); ++i) {
      if (planned[i].station != st.id) continue;
      out.push_back(planned[i]);
      out.back().id = ShiftId{kProvisionalShiftId + std::int64_t(i)};
    }
    std::sort(out.begin() + std::ptrdiff_t(first), out.end(), [](const Shift& a, const Shift& b) {
      return std::pair(a.time.begin, a.id) < std::pair(b.time.begin, b.id);
    });
  }
  return out;
}

}  // namespace

Materialised templates_due(store::Connection& db, const WeekScope& scope, Instant now) {
  Materialised out;
  auto templates = store::shifts::templates(db);
  std::map<ProjectId, Project> projects;
  for (auto& p : store::projects::all(db)) projects[p.id] = std::move(p);
  for (const auto& st : stations_in(db, scope)) {
    auto skips = store::template_skips::in_range(db, st.id, scope.week.days());
    for (const auto& t : templates) {
      if (t.retired || t.station != st.id) continue;
      const Project& project = projects.at(t.project);
      for (Date d = scope.week.monday(); d <= scope.week.days().last; d = d.plus_days(1)) {
        if (!t.runs_on(d)) continue;
        Instant start = at_local(d, t.start, st.zone);
        Instant end = at_local(d, t.end, st.zone);
        // Wholly inside the hour a daylight-saving change skips: no such shift that day.
        if (end <= start) continue;
        auto around = store::shifts::overlapping(db, st.id, t.project, {start, end});
        // Made before (a cancelled one stays cancelled; an edited template keeps its old shift).
        if (std::any_of(around.begin(), around.end(),
                        [&](const Shift& s) { return s.from_template == t.id; }))
          continue;
        SkippedShift skipped;
        skipped.template_id = t.id;
        skipped.template_code = t.code;
        skipped.date = d;
        if (project.retired) {
          skipped.reason = SkipReason::project_retired;
        } else if (project.ends && *project.ends < d) {
          skipped.reason = SkipReason::project_ended;
          skipped.project_ended = project.ends;
        } else if (auto skip = std::find_if(skips.begin(), skips.end(),
                                            [&](const TemplateSkip& k) {
                                              return k.date == d &&
                                                     (!k.template_id || *k.template_id == t.id);
                                            });
                   skip != skips.end()) {
          skipped.reason = SkipReason::skipped_date;
          skipped.note = skip->reason;
        } else if (auto in_way = std::find_if(around.begin(), around.end(),
                                              [&](const Shift& s) {
                                                // A cancelled one is in the way only where
                                                // the new one would start (one per start).
                                                return !s.cancelled || s.time.begin == start;
                                              });
                   in_way != around.end()) {
          skipped.reason = SkipReason::overlap;
          skipped.shift = in_way->id;
        } else if (start <= now) {
          skipped.reason = SkipReason::begun;
        } else {
          Shift s;
          s.station = st.id;
          s.project = t.project;
          s.from_template = t.id;
          s.time = {start, end};
          s.slots = t.slots;
          s.priority = t.priority;
          s.minimums = t.minimums;
          out.shifts.push_back(std::move(s));
          continue;
        }
        out.skipped.push_back(std::move(skipped));
      }
    }
  }
  return out;
}

Materialised materialise_week(store::Connection& db, const WeekScope& scope, Instant now) {
  auto out = templates_due(db, scope, now);
  for (auto& s : out.shifts) s.id = store::shifts::insert(db, s);
  out.created = int(out.shifts.size());
  return out;
}

int materialise_shifts(store::Connection& db, const WeekScope& scope, Instant now) {
  return materialise_week(db, scope, now).created;
}

Text skipped_text(const SkippedShift& s) {
  Text day = Text::of(kDay, s.template_code, Text(weekday_label(s.date.weekday())), s.date.iso());
  switch (s.reason) {
    case SkipReason::skipped_date:
      return s.note.empty() ? Text::of(kSkippedDate, day) : Text::of(kSkippedDateWhy, day, s.note);
    case SkipReason::overlap:
      return Text::of(kOverlapping, day, s.shift ? s.shift->value : 0);
    case SkipReason::project_retired:
      return Text::of(kProjectRetired, day);
    case SkipReason::project_ended:
      return Text::of(kProjectEnded, day, s.project_ended ? s.project_ended->iso() : "");
    case SkipReason::begun:
      return Text::of(kBegun, day);
  }
  return Text::of(kSkippedDate, day);
}

WeekProblem build_problem(store::Connection& db, const WeekScope& scope,
                          std::optional<VolunteerId> only, std::span<const Shift> planned) {
  WeekProblem wp;
  wp.shifts = week_shifts(db, scope, planned);
  auto& p = wp.problem;
  std::map<StationId, Station> stations;
  for (auto& s : store::stations::all(db)) stations[s.id] = s;
  int min_rest = 0;
  for (const auto& [id, st] : stations)
    if (!scope.station || id == *scope.station)
      min_rest = std::max(min_rest, st.settings.min_rest_minutes);
  p.min_rest_minutes = min_rest;

  for (const auto& s : wp.shifts) {
    const Station& st = stations.at(s.station);
    roster::Shift rs;
    rs.id = s.id.value;
    rs.station = s.station.value;
    rs.start = s.time.begin.seconds;
    rs.end = s.time.end.seconds;
    Date day = local_date(s.time.begin, st.zone);
    rs.day = int(day.weekday());
    rs.local_start_minute = local_time(s.time.begin, st.zone).minutes;
    rs.priority = s.priority;
    rs.slots = s.slots;
    for (const auto& [skill, n] : s.minimums) rs.skill_minimums.push_back({skill.value, n});
    p.shifts.push_back(std::move(rs));
  }

  // Volunteers: availability per local day of the week, in their home station's zone.
  TimeZone default_off = scope.station ? stations.at(*scope.station).zone : TimeZone{};
  auto windows = store::availability::windows(db);
  auto exceptions = store::availability::exceptions(db);
  auto certs = store::skills::certifications(db);
  Date monday = scope.week.monday();
  Date sunday = scope.week.days().last;
  // Served hours before this week decide who is new and who is experienced.
  std::map<VolunteerId, std::int64_t> served;
  if (!only)
    for (const auto& s :
         store::sessions::in_range(db, {Instant{0}, monday.start_at(default_off)}))
      served[s.volunteer] += s.credited_minutes;
  // Last week's slots, for continuity.
  std::map<VolunteerId, std::vector<roster::UsualSlot>> usual;
  IsoWeek prev = scope.week.previous();
  for (const auto& a : only ? std::vector<Assignment>{}
                            : store::assignments::in_range(db, prev.days().at(default_off),
                                                           scope.station)) {
    if (a.status == AssignmentStatus::cancelled) continue;
    auto s = store::shifts::get(db, a.shift);
    const Station& st = stations.at(s->station);
    usual[a.volunteer].push_back({int(local_date(s->time.begin, st.zone).weekday()),
                                  local_time(s->time.begin, st.zone).minutes, s->station.value});
  }
  for (const auto& v : store::volunteers::all(db)) {
    if (only && v.id != *only) continue;
    roster::Volunteer rv;
    rv.id = v.id.value;
    TimeZone off = v.home_station && stations.count(*v.home_station)
                       ? stations.at(*v.home_station).zone
                       : default_off;
    rv.eligible = !serve_bar(v, monday, sunday);
    rv.max_shifts_per_week = v.max_shifts_per_week;
    rv.max_minutes_per_week = v.max_minutes_per_week;
    for (Date d = monday; d <= sunday; d = d.plus_days(1)) {
      // Dated exceptions replace the weekly windows of that day.
      std::vector<const AvailabilityException*> exc;
      for (const auto& e : exceptions)
        if (e.volunteer == v.id && e.date == d) exc.push_back(&e);
      bool day_off = false;
      for (const auto* e : exc)
        if (!e->available && !e->start) day_off = true;
      if (day_off) continue;
      std::vector<TimeRange> offered;
      for (const auto& w : windows)
        if (w.volunteer == v.id && w.day == d.weekday())
          offered.push_back({at_local(d, w.start, off), at_local(d, w.end, off)});
      for (const auto* e : exc)
        if (e->available)
          offered.push_back({at_local(d, e->start.value_or(TimeOfDay{0}), off),
                             at_local(d, e->end.value_or(TimeOfDay{24 * 60}), off)});
      for (const auto& r : offered) {
        // Cut out partial-day absences.
        std::vector<TimeRange> pieces{r};
        for (const auto* e : exc) {
          if (e->available || !e->start) continue;
          TimeRange away{at_local(d, *e->start, off), at_local(d, *e->end, off)};
          std::vector<TimeRange> next;
          for (const auto& piece : pieces) {
            if (!piece.overlaps(away)) {
              next.push_back(piece);
              continue;
            }
            if (piece.begin < away.begin) next.push_back({piece.begin, away.begin});
            if (away.end < piece.end) next.push_back({away.end, piece.end});
          }
          pieces = next;
        }
        for (const auto& piece : pieces)
          rv.availability.push_back({piece.begin.seconds, piece.end.seconds});
      }
    }
    // Wishes: a shift wholly inside a preferred window is preferred; one touching an avoided
    // window is avoided (still available, but used only when it must be).
    for (const auto& w : windows) {
      if (w.volunteer != v.id || w.preference == Preference::ok) continue;
      for (const auto& s : wp.shifts) {
        Date d = local_date(s.time.begin, off);
        if (d.weekday() != w.day) continue;
        TimeRange window{at_local(d, w.start, off), at_local(d, w.end, off)};
        if (w.preference == Preference::prefer && window.covers(s.time))
          rv.preferred_shifts.push_back(s.id.value);
        if (w.preference == Preference::avoid && window.overlaps(s.time))
          rv.avoided_shifts.push_back(s.id.value);
      }
    }
    for (const auto& c : certs) {
      if (c.volunteer != v.id) continue;
      // The store passes the local midnight after the expiry date.
      std::optional<std::int64_t> until;
      if (c.expires) until = c.expires->plus_days(1).start_at(off).seconds;
      if (c.granted > sunday) continue;
      rv.skills.push_back({c.skill.value, until});
    }
    std::int64_t minutes = served[v.id];
    rv.is_new = minutes < 10 * 60;
    rv.is_experienced = minutes >= 50 * 60;
    rv.usual_slots = usual[v.id];
    p.volunteers.push_back(std::move(rv));
  }
  std::map<std::int64_t, std::size_t> volunteer_at;
  for (std::size_t i = 0; i < p.volunteers.size(); ++i) volunteer_at[p.volunteers[i].id] = i;
  for (std::size_t i = 0; i < wp.shifts.size(); ++i) {
    const auto& s = wp.shifts[i];
    int on = 0;
    if (s.id.value >= kProvisionalShiftId) continue;  // not saved: nobody on it yet
    for (const auto& a : store::assignments::of_shift(db, s.id)) {
      if (only && a.volunteer != *only) continue;
      // A cancelled assignment is a drop-out: that person stays off that shift.
      if (a.status == AssignmentStatus::cancelled) {
        p.volunteers[volunteer_at.at(a.volunteer.value)].barred_shifts.push_back(s.id.value);
        continue;
      }
      roster::Assignment ra{a.volunteer.value, s.id.value};
      if (a.pinned || a.source == AssignmentSource::manual) p.pinned.push_back(ra);
      p.existing.push_back(ra);
      ++on;
    }
    // More people than places only comes of a coordinator forcing someone onto a full shift
    // (shift edit refuses fewer places than people): that added a place, and nobody already
    // on the shift is pushed off for it.
    auto& rs = p.shifts[i];
    rs.slots = std::max(rs.slots, on);
  }
  return wp;
}

void freeze_begun(WeekProblem& wp, Instant now) {
  std::set<std::int64_t> begun;
  for (std::size_t i = 0; i < wp.shifts.size(); ++i)  // in problem order
    if (wp.shifts[i].begun_by(now)) {
      wp.problem.shifts[i].frozen = true;
      begun.insert(wp.shifts[i].id.value);
    }
  std::set<roster::Assignment> pinned(wp.problem.pinned.begin(), wp.problem.pinned.end());
  for (const auto& a : wp.problem.existing)
    if (begun.count(a.shift) && pinned.insert(a).second) wp.problem.pinned.push_back(a);
}

std::pair<int, int> save_roster(store::Connection& db, const WeekProblem& wp,
                                const roster::StationRoster& r) {
  std::set<std::pair<std::int64_t, std::int64_t>> wanted;
  for (const auto& a : r.assignments) wanted.insert({a.shift, a.volunteer});
  int added = 0, removed = 0;
  std::set<std::pair<std::int64_t, std::int64_t>> kept;
  for (const auto& s : wp.shifts) {
    for (const auto& a : store::assignments::of_shift(db, s.id)) {
      std::pair<std::int64_t, std::int64_t> key{s.id.value, a.volunteer.value};
      if (a.pinned || a.source == AssignmentSource::manual ||
          a.status == AssignmentStatus::cancelled) {
        kept.insert(key);
        continue;
      }
      if (wanted.count(key)) {
        kept.insert(key);
      } else {
        store::assignments::remove(db, a.id);
        ++removed;
      }
    }
  }
  for (const auto& key : wanted) {
    if (kept.count(key)) continue;
    Assignment a;
    a.shift = ShiftId{key.first};
    a.volunteer = VolunteerId{key.second};
    a.source = AssignmentSource::automatic;
    store::assignments::insert(db, a);
    ++added;
  }
  return {added, removed};
}

}  // namespace vstation::planning
