// One station's season: projects, templates, trainings, and day by day the shifts, the roster,
// the check-in sessions with their real-life mess, walk-ins and the service log.

#include "season.hpp"

#include <algorithm>
#include <cstdio>

namespace gen {

Outputs::Outputs(const std::string& dir)
    : stations(dir + "/stations.csv",
               {"code", "name", "location", "time_zone", "opens", "closes", "rounding",
                "max_session_minutes", "early_minutes", "overtime_minutes", "min_rest_minutes",
                "walk_ins", "person_in_charge", "contact"}),
      skills(dir + "/skills.csv", {"code", "name_en", "name_zh"}),
      volunteers(dir + "/volunteers.csv", {"number", "name", "phone", "id_type", "id_number",
                                           "birth_date", "join_date", "status", "guardian_consent",
                                           "max_shifts_week", "max_hours_week", "home_station"}),
      certifications(dir + "/certifications.csv", {"volunteer", "skill", "granted", "expires"}),
      projects(dir + "/projects.csv", {"code", "station", "name", "category", "published", "starts",
                                       "ends", "description"}),
      templates(dir + "/templates.csv",
                {"code", "station", "project", "weekdays", "start", "end", "slots", "priority",
                 "minimums", "valid_from", "valid_to"}),
      shifts(dir + "/shifts.csv",
             {"station", "project", "date", "start", "end", "slots", "priority", "minimums"}),
      availability(dir + "/availability.csv", {"volunteer", "day", "start", "end", "available"}),
      roster(dir + "/roster.csv",
             {"volunteer", "station", "project", "date", "start", "status", "pinned"}),
      sessions(dir + "/sessions.csv", {"volunteer", "station", "project", "shift", "check_in",
                                       "check_out", "status", "note"}),
      incidents(dir + "/incidents.csv",
                {"station", "project", "type", "time", "people_served", "volunteers", "note"}),
      trainings(dir + "/trainings.csv",
                {"station", "topic", "start", "minutes", "skill", "valid_months", "attendees"}) {}

namespace detail {

void Season::write_station() {
  out_.stations.str(spec_.code)
      .str(spec_.name)
      .str(spec_.location)
      .str("Asia/Shanghai")
      .str("08:00")
      .str("20:00")
      .num(0)
      .num(720)
      .num(30)
      .num(0)
      .num(0)
      .str("allow")
      .str(spec_.person_in_charge)
      .str(spec_.contact)
      .end();
}

void Season::make_projects() {
  char code[48];
  auto add = [&](Project p) {
    std::snprintf(code, sizeof code, "%sP%03zu", spec_.code_prefix.c_str(), projects_.size() + 1);
    p.code = code;
    projects_.push_back(std::move(p));
  };
  const auto standing = standing_projects();
  for (std::size_t i = 0; i < standing.size; ++i) {
    Project p;
    p.name = standing[i].name;
    p.description = standing[i].description;
    p.cat = standing[i].cat;
    p.published = p.starts = from_;
    add(std::move(p));
  }
  int fy = 0, ty = 0, m = 0, d = 0;
  civil_from_days(from_, fy, m, d);
  civil_from_days(to_, ty, m, d);
  const bool multi_year = to_ - from_ > 366;
  std::vector<Project> themed;
  const auto th = themes();
  for (int y = fy; y <= ty; ++y) {
    for (std::size_t i = 0; i < th.size; ++i) {
      const Theme& t = th[i];
      const int s = days_from_civil(y, t.month, t.day);
      if (s < from_ || s > to_) continue;
      Project p;
      p.name = multi_year ? std::to_string(y) + "年" + t.name : std::string(t.name);
      p.description = t.description;
      p.cat = t.cat;
      p.starts = s;
      p.ends = s + t.length - 1;
      p.published = std::max(from_, s - rng_.range(3, 10));
      p.slot = t.slot;
      p.p = t.p;
      p.themed = true;
      themed.push_back(std::move(p));
    }
  }
  std::stable_sort(themed.begin(), themed.end(),
                   [](const Project& a, const Project& b) { return a.starts < b.starts; });
  for (auto& p : themed) add(std::move(p));
  for (const auto& p : projects_) {
    out_.projects.str(p.code)
        .str(spec_.code)
        .str(p.name)
        .str(code_of(p.cat))
        .date(p.published)
        .date(p.starts);
    if (p.ends >= 0)
      out_.projects.date(p.ends);
    else
      out_.projects.empty();
    out_.projects.str(p.description).end();
  }
  t_.projects = static_cast<long long>(projects_.size());
  next_theme_ = standing.size;
}

void Season::write_templates() {
  struct T {
    int project;
    const char* days;
    int slot;
    int slots;
    const char* minimums;
  };
  static constexpr T kT[] = {{kEmergency, "Mon-Fri", 0, 2, "first_aid:1"},
                             {kEmergency, "Sat,Sun", 0, 3, "first_aid:1"},
                             {kConvenience, "Mon,Tue,Thu,Fri", 1, 2, ""},
                             {kListen, "Wed", 1, 2, "counseling:1"},
                             {kLegal, "Sat", 1, 2, "legal:1"},
                             {kConvenience, "Sun", 1, 3, ""},
                             {kTraffic, "daily", 2, 3, ""}};
  char code[48];
  int n = 0;
  for (const auto& t : kT) {
    std::snprintf(code, sizeof code, "%sT%02d", spec_.code_prefix.c_str(), ++n);
    out_.templates.str(code)
        .str(spec_.code)
        .str(projects_[static_cast<std::size_t>(t.project)].code)
        .str(t.days)
        .time(kSlotStart[t.slot])
        .time(kSlotStart[t.slot] + kShiftMinutes)
        .num(t.slots)
        .num(1)
        .str(t.minimums)
        .date(from_)
        .empty()
        .end();
  }
}

void Season::training(int day, int nth) {
  // 10–16 attendees, mostly volunteers without a valid first-aid certificate.
  std::vector<int> pool;
  std::vector<double> w;
  for (std::size_t i = 0; i < vols_.size(); ++i) {
    const auto& v = vols_[i];
    if (v.join > day || v.profile == Profile::minor || v.profile == Profile::idle) continue;
    pool.push_back(static_cast<int>(i));
    w.push_back(v.first_aid_on(day + 60) ? 0.2 : v.profile == Profile::lawyer ? 0.5 : 3.0);
  }
  std::vector<int> chosen;
  for (int want = rng_.range(10, 16); want > 0 && !pool.empty(); --want) {
    double total = 0;
    for (double x : w) total += x;
    double r = rng_.unit() * total;
    std::size_t k = 0;
    while (k + 1 < pool.size() && (r -= w[k]) >= 0) ++k;
    chosen.push_back(pool[k]);
    pool.erase(pool.begin() + static_cast<long>(k));
    w.erase(w.begin() + static_cast<long>(k));
  }
  std::sort(chosen.begin(), chosen.end());
  std::string list;
  for (int i : chosen) {
    auto& v = vols_[static_cast<std::size_t>(i)];
    if (!list.empty()) list += ';';
    list += v.number;
    v.blocked_day = day;
    int y = 0, m = 0, d = 0;
    civil_from_days(day, y, m, d);
    v.first_aid_granted = day;
    v.first_aid_expires = days_from_civil(y + 2, m, std::min(d, 28)) - 1;
  }
  const auto topics = training_topics();
  out_.trainings.str(spec_.code)
      .str(topics[static_cast<std::size_t>(nth) % topics.size])
      .instant(day, 14 * 60)
      .num(180)
      .str("first_aid")
      .num(24)
      .str(list)
      .end();
  ++t_.trainings;
}

void Season::apply_exceptions(int day) {
  while (exc_pos_ < exc_.size() && exc_[exc_pos_].day <= day) {
    const auto& x = exc_[exc_pos_++];
    auto& v = vols_[static_cast<std::size_t>(x.vol)];
    if (v.exc_day != day) v.exc_day = day, v.away = 0, v.extra = 0;
    (x.available ? v.extra : v.away) |= x.mask;
  }
}

StationTotals Season::run() {
  write_station();
  exc_ = make_volunteers(spec_, from_, to_, rng_, vols_, out_);
  make_projects();
  write_templates();
  int first_training = from_ + 14;
  while (iso_weekday(first_training) != 6) ++first_training;
  std::vector<Incident> log;
  for (int day = from_; day <= to_; ++day) {
    const int weekday = iso_weekday(day);
    if (weekday == 1 || day == from_)
      for (auto& v : vols_) v.week_shifts = 0, v.week_minutes = 0;
    apply_exceptions(day);
    if (day >= first_training && (day - first_training) % kTrainingEvery == 0)
      training(day, (day - first_training) / kTrainingEvery);
    const auto plans = plan_day(day, weekday);
    log.clear();
    for (int s = 0; s < 3; ++s) run_shift(day, s, plans[static_cast<std::size_t>(s)], log);
    if (rng_.chance(kWalkIn)) walk_in(day, plans);
    std::stable_sort(log.begin(), log.end(),
                     [](const Incident& a, const Incident& b) { return a.time < b.time; });
    for (const auto& x : log) {
      out_.incidents.str(spec_.code)
          .str(projects_[static_cast<std::size_t>(x.project)].code)
          .str(x.type)
          .instant(day, x.time)
          .num(x.people)
          .str(x.volunteers)
          .str(x.note)
          .end();
      ++t_.incidents;
      t_.people_served += x.people;
    }
  }
  return t_;
}

}  // namespace detail

StationTotals generate_station(const StationSpec& spec, int from, int to, Outputs& out) {
  return detail::Season(spec, from, to, out).run();
}

}  // namespace gen
