// The shifts of one day: which project each of the three shifts serves, the roster that
// respects availability, skills, weekly limits and one shift a day, and the check-ins with
// their mess (late, early, forgotten check-outs, proxies), plus the day's walk-in.

#include <algorithm>
#include <cstdio>

#include "season.hpp"

namespace gen::detail {

std::vector<Plan> Season::plan_day(int day, int weekday) {
  std::vector<Plan> plans;
  for (int s = 0; s < 3; ++s) plans.push_back(base_plan(weekday, s));
  while (next_theme_ < projects_.size() && projects_[next_theme_].starts <= day)
    active_.push_back(static_cast<int>(next_theme_++));
  std::erase_if(active_, [&](int i) { return projects_[static_cast<std::size_t>(i)].ends < day; });
  // Themed projects take over a shift: those that would otherwise end without one first,
  // then the ones with the fewest shifts so far.
  std::vector<int> order = active_;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const auto& pa = projects_[static_cast<std::size_t>(a)];
    const auto& pb = projects_[static_cast<std::size_t>(b)];
    const bool fa = pa.shifts == 0 && pa.ends == day, fb = pb.shifts == 0 && pb.ends == day;
    return fa != fb ? fa : pa.shifts < pb.shifts;
  });
  bool taken[3] = {false, false, false};
  for (int i : order) {
    auto& p = projects_[static_cast<std::size_t>(i)];
    const bool forced = p.shifts == 0 && p.ends == day;
    if (!rng_.chance(p.p) && !forced) continue;
    // The morning belongs to emergency aid (or a traffic campaign); Wednesday's listening
    // corner and Saturday's lawyers keep their afternoon unless the theme is of their kind.
    const Cat base_cat = projects_[static_cast<std::size_t>(plans[1].project)].cat;
    auto free = [&](int s) {
      if (taken[s] || forced) return !taken[s];
      if (s == 0) return p.cat == Cat::emergency_aid || p.cat == Cat::traffic_persuasion;
      if (s == 1 && base_cat != Cat::convenience_service) return p.cat == base_cat;
      return true;
    };
    int slot = free(p.slot) ? p.slot : -1;
    for (int s : {1, 2, 0})
      if (slot < 0 && free(s)) slot = s;
    if (slot < 0) continue;
    taken[slot] = true;
    plans[static_cast<std::size_t>(slot)] = {i, weekday >= 6 ? 3 : 2, minimum_of(p.cat)};
  }
  return plans;
}

bool Season::eligible(const Volunteer& v, int day, int weekday, int slot, Skill skill) const {
  const std::uint8_t bit = static_cast<std::uint8_t>(1 << slot);
  if (v.join > day || v.booked_day == day || v.blocked_day == day) return false;
  const std::uint8_t away = v.exc_day == day ? v.away : 0, extra = v.exc_day == day ? v.extra : 0;
  if ((away & bit) != 0 || ((v.weekly[weekday] | extra) & bit) == 0) return false;
  if (v.week_shifts >= v.max_shifts || v.week_minutes + kShiftMinutes > v.max_hours * 60)
    return false;
  return v.has(skill, day);
}

int Season::pick(int day, int weekday, int slot, Skill skill) {
  cands_.clear();
  weights_.clear();
  double total = 0;
  for (std::size_t i = 0; i < vols_.size(); ++i) {
    if (!eligible(vols_[i], day, weekday, slot, skill)) continue;
    cands_.push_back(static_cast<int>(i));
    weights_.push_back(vols_[i].weight);
    total += vols_[i].weight;
  }
  if (cands_.empty()) return -1;
  double r = rng_.unit() * total;
  std::size_t k = 0;
  while (k + 1 < cands_.size() && (r -= weights_[k]) >= 0) ++k;
  return cands_[k];
}

void Season::session(const Volunteer& v, const Project& p, int day, int in, int out,
                     const char* status, std::string_view note, bool walk) {
  out_.sessions.str(v.number).str(spec_.code).str(p.code);
  if (walk)
    out_.sessions.str("walk-in");
  else
    out_.sessions.empty();
  out_.sessions.instant(day, in);
  if (out >= 0)
    out_.sessions.instant(day, out);
  else
    out_.sessions.empty();
  out_.sessions.str(status).str(note).end();
  ++t_.sessions;
}

void Season::run_shift(int day, int slot, const Plan& plan, std::vector<Incident>& log) {
  const int weekday = iso_weekday(day);
  auto& proj = projects_[static_cast<std::size_t>(plan.project)];
  ++proj.shifts;
  ++t_.shifts;
  const int S = kSlotStart[slot], E = S + kShiftMinutes;
  out_.shifts.str(spec_.code).str(proj.code).date(day).time(S).time(E).num(plan.slots).num(1);
  if (plan.minimum != Skill::none) {
    char m[32];
    std::snprintf(m, sizeof m, "%s:1", code_of(plan.minimum));
    out_.shifts.str(m);
  } else {
    out_.shifts.empty();
  }
  out_.shifts.end();

  // Roster: the skill minimum first, then the other slots (some stay open).
  std::vector<int> team;
  if (plan.minimum != Skill::none) {
    const int v = pick(day, weekday, slot, plan.minimum);
    if (v >= 0) team.push_back(v), vols_[static_cast<std::size_t>(v)].booked_day = day;
  }
  while (static_cast<int>(team.size()) < plan.slots && rng_.chance(kFill)) {
    const int v = pick(day, weekday, slot, Skill::none);
    if (v < 0) break;
    team.push_back(v);
    vols_[static_cast<std::size_t>(v)].booked_day = day;
  }

  std::vector<Presence> present;
  for (int vi : team) {
    auto& v = vols_[static_cast<std::size_t>(vi)];
    v.week_shifts += 1;
    v.week_minutes += kShiftMinutes;
    const double r = rng_.unit();
    const char* status = r < 0.035 ? "cancelled" : r < 0.064 ? "no_show" : "confirmed";
    out_.roster.str(v.number)
        .str(spec_.code)
        .str(proj.code)
        .date(day)
        .time(S)
        .str(status)
        .str(rng_.chance(0.06) ? "yes" : "no")
        .end();
    ++t_.roster;
    if (r < 0.061) continue;  // cancelled or simply absent
    if (r < 0.064) {          // someone checked in for them; the coordinator rejected it
      const int in = S + rng_.range(0, 30);
      session(v, proj, day, in, in + rng_.range(5, 25), "rejected",
              "代签到，经核实本人未到岗，不予认定");
      continue;
    }
    const double q = rng_.unit();
    const int on_time_in = S - rng_.range(0, 10);
    if (q < 0.015) {  // forgot to check out; still awaiting review
      session(v, proj, day, on_time_in, -1, "auto_closed", "忘记签退，待站长审核");
      continue;
    }
    if (q < 0.04) {  // forgot to check out; the coordinator confirmed to the shift's end
      const int in = rng_.chance(0.3) ? S + rng_.range(5, 40) : on_time_in;
      session(v, proj, day, in, -1, "confirmed", "忘记签退，站长核实后确认至班次结束");
      present.push_back({vi, std::max(in, S), E});
      continue;
    }
    if (q < 0.05) {  // left in the middle of the shift and came back
      const int out1 = S + rng_.range(60, 150), in2 = out1 + rng_.range(20, 60);
      const int out2 = E + rng_.range(0, 10);
      session(v, proj, day, on_time_in, out1, "closed",
              split_notes()[rng_.below(static_cast<std::uint32_t>(split_notes().size))]);
      session(v, proj, day, in2, out2, "closed", "");
      present.push_back({vi, std::max(on_time_in, S), out1});
      present.push_back({vi, in2, E});
      continue;
    }
    int in = on_time_in, out = E + rng_.range(-4, 15);
    std::string_view note;
    const double a = rng_.unit();
    if (a < 0.15) {
      in = S - rng_.range(11, 28);  // early: credited from the shift's start
    } else if (a < 0.35) {
      in = S + rng_.range(8, 90);
      note = late_notes()[rng_.below(static_cast<std::uint32_t>(late_notes().size))];
    }
    if (rng_.chance(0.25)) {
      out = E - rng_.range(15, 120);
      note = early_leave_notes()[rng_.below(static_cast<std::uint32_t>(early_leave_notes().size))];
    }
    session(v, proj, day, in, out, "closed", note);
    present.push_back({vi, std::max(in, S), std::min(out, E)});
  }
  // Person-times and credited minutes of this shift, for the generation report.
  std::vector<int> seen;
  for (const auto& p : present) {
    t_.credited_minutes += p.out - p.in;
    if (std::find(seen.begin(), seen.end(), p.vol) == seen.end()) seen.push_back(p.vol);
  }
  t_.person_times += static_cast<long long>(seen.size());
  service_log(day, slot, plan, present, log);
}

void Season::walk_in(int day, const std::vector<Plan>& plans) {
  cands_.clear();
  weights_.clear();
  double total = 0;
  for (std::size_t i = 0; i < vols_.size(); ++i) {
    const auto& v = vols_[i];
    if (v.join > day || v.profile == Profile::idle || v.booked_day == day || v.blocked_day == day)
      continue;
    if (v.exc_day == day && v.away == 7) continue;
    cands_.push_back(static_cast<int>(i));
    weights_.push_back(v.weight);
    total += v.weight;
  }
  if (cands_.empty()) return;
  double r = rng_.unit() * total;
  std::size_t k = 0;
  while (k + 1 < cands_.size() && (r -= weights_[k]) >= 0) ++k;
  auto& v = vols_[static_cast<std::size_t>(cands_[k])];
  v.booked_day = day;
  const int project = rng_.chance(0.7) ? kConvenience : plans[rng_.below(3)].project;
  const int in = rng_.range(8 * 60 + 30, 17 * 60),
            out = std::min(in + rng_.range(60, 180), 20 * 60);
  static constexpr const char* kNotes[] = {"临时到站帮忙", "路过站点临时加入便民服务", ""};
  session(v, projects_[static_cast<std::size_t>(project)], day, in, out, "closed",
          rng_.pick(kNotes), true);
  ++t_.person_times;
  t_.credited_minutes += out - in;
}

}  // namespace gen::detail
