// --summary: an independent reading of the generated CSV files.

#include "summary.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "common.hpp"

namespace gen {
namespace {

struct Columns {
  CsvIn& in;
  int operator()(const char* name) const {
    const int c = in.column(name);
    if (c < 0) throw std::runtime_error(std::string("missing column ") + name);
    return c;
  }
};

int day_of(const std::string& s) {
  int d = 0;
  if (!parse_date(s, d)) throw std::runtime_error("bad date " + s);
  return d;
}
int time_of(const std::string& s) {
  int t = 0;
  if (!parse_time(s, t)) throw std::runtime_error("bad time " + s);
  return t;
}

class Ids {
 public:
  int operator()(const std::string& s) {
    auto [it, fresh] = map_.try_emplace(s, static_cast<int>(map_.size()));
    return it->second;
  }
  [[nodiscard]] int find(const std::string& s) const {
    auto it = map_.find(s);
    return it == map_.end() ? -1 : it->second;
  }

 private:
  std::unordered_map<std::string, int> map_;
};

struct Window {
  int day;  // weekday 1..7 for weekly windows, else a date
  int start, end;
  bool available;
};

std::uint64_t pair_key(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return splitmix64(splitmix64(splitmix64(a) ^ b) ^ c);
}

}  // namespace

int print_summary(const std::string& dir, int from, int to) {
  std::vector<std::string> f;
  int early = 30, overtime = 0, rounding = 0, stations = 0;
  {
    CsvIn in(dir + "/stations.csv");
    Columns c{in};
    const int e = c("early_minutes"), o = c("overtime_minutes"), r = c("rounding");
    while (in.next(f)) {  // one policy for all stations: the generator writes the same one
      early = std::stoi(f[static_cast<std::size_t>(e)]);
      overtime = std::stoi(f[static_cast<std::size_t>(o)]);
      rounding = std::stoi(f[static_cast<std::size_t>(r)]);
      ++stations;
    }
  }
  Ids projects, vols;
  long long published = 0;
  {
    CsvIn in(dir + "/projects.csv");
    Columns c{in};
    const int code = c("code"), pub = c("published");
    while (in.next(f)) {
      projects(f[static_cast<std::size_t>(code)]);
      const int d = day_of(f[static_cast<std::size_t>(pub)]);
      if (d >= from && d <= to) ++published;
    }
  }
  // Shifts by (project, date): start and end minutes.
  std::unordered_multimap<std::uint64_t, std::pair<int, int>> shifts;
  std::vector<char> active;
  {
    CsvIn in(dir + "/shifts.csv");
    Columns c{in};
    const int p = c("project"), d = c("date"), s = c("start"), e = c("end");
    while (in.next(f)) {
      const int pid = projects.find(f[static_cast<std::size_t>(p)]);
      if (pid < 0)
        throw std::runtime_error("shift of unknown project " + f[static_cast<std::size_t>(p)]);
      const int day = day_of(f[static_cast<std::size_t>(d)]);
      shifts.emplace((static_cast<std::uint64_t>(pid) << 24) |
                         static_cast<std::uint64_t>(day - from + (1 << 22)),
                     std::pair{time_of(f[static_cast<std::size_t>(s)]),
                               time_of(f[static_cast<std::size_t>(e)])});
      if (day >= from && day <= to) {
        if (active.size() <= static_cast<std::size_t>(pid))
          active.resize(static_cast<std::size_t>(pid) + 1, 0);
        active[static_cast<std::size_t>(pid)] = 1;
      }
    }
  }
  auto find_shift = [&](int pid, int day, int minute, int& s, int& e) {
    auto [a, b] = shifts.equal_range((static_cast<std::uint64_t>(pid) << 24) |
                                     static_cast<std::uint64_t>(day - from + (1 << 22)));
    for (; a != b; ++a)
      if (minute >= a->second.first - early && minute < a->second.second) {
        s = a->second.first, e = a->second.second;
        return true;
      }
    return false;
  };

  // Availability and roster checks.
  std::vector<std::vector<Window>> avail;
  {
    CsvIn in(dir + "/availability.csv");
    Columns c{in};
    const int v = c("volunteer"), d = c("day"), s = c("start"), e = c("end"), a = c("available");
    while (in.next(f)) {
      const auto vid = static_cast<std::size_t>(vols(f[static_cast<std::size_t>(v)]));
      if (avail.size() <= vid) avail.resize(vid + 1);
      const std::string& day = f[static_cast<std::size_t>(d)];
      Window w{0, 0, 24 * 60, f[static_cast<std::size_t>(a)] != "no"};
      for (int k = 1; k <= 7; ++k)
        if (day == kWeekdayCode[k]) w.day = k;
      if (w.day == 0) w.day = day_of(day) + 100;  // dates are kept apart from weekdays
      if (!f[static_cast<std::size_t>(s)].empty()) {
        w.start = time_of(f[static_cast<std::size_t>(s)]);
        w.end = time_of(f[static_cast<std::size_t>(e)]);
      }
      avail[vid].push_back(w);
    }
  }
  long long unavailable = 0, double_booked = 0, roster_rows = 0;
  {
    CsvIn in(dir + "/roster.csv");
    Columns c{in};
    const int v = c("volunteer"), p = c("project"), d = c("date"), s = c("start");
    std::vector<std::pair<std::uint64_t, std::pair<int, int>>> booked;  // (volunteer, day) → span
    while (in.next(f)) {
      ++roster_rows;
      const int vid = vols(f[static_cast<std::size_t>(v)]);
      const int day = day_of(f[static_cast<std::size_t>(d)]),
                start = time_of(f[static_cast<std::size_t>(s)]);
      int ss = 0, ee = 0;
      if (!find_shift(projects.find(f[static_cast<std::size_t>(p)]), day, start, ss, ee)) {
        ++unavailable;
        continue;
      }
      bool ok = false, away = false;
      if (static_cast<std::size_t>(vid) < avail.size())
        for (const auto& w : avail[static_cast<std::size_t>(vid)]) {
          const bool covers = w.start <= ss && ee <= w.end;
          if (w.day == iso_weekday(day) && w.available && covers) ok = true;
          if (w.day == day + 100 && w.available && covers) ok = true;
          if (w.day == day + 100 && !w.available && w.start < ee && ss < w.end) away = true;
        }
      if (!ok || away) ++unavailable;
      booked.push_back({(static_cast<std::uint64_t>(vid) << 32) |
                            static_cast<std::uint32_t>(day - from + (1 << 22)),
                        {ss, ee}});
    }
    std::sort(booked.begin(), booked.end());
    for (std::size_t i = 1; i < booked.size(); ++i)
      if (booked[i].first == booked[i - 1].first &&
          booked[i].second.first < booked[i - 1].second.second)
        ++double_booked;
  }

  // Sessions: credited time by the hours policy.
  std::vector<std::uint64_t> pairs;
  std::vector<int> served_by;
  long long walk_ins = 0, credited = 0, unmatched = 0, sessions = 0;
  std::map<std::string, long long> by_status;
  {
    CsvIn in(dir + "/sessions.csv");
    Columns c{in};
    const int v = c("volunteer"), p = c("project"), sh = c("shift"), ci = c("check_in"),
              co = c("check_out"), st = c("status");
    while (in.next(f)) {
      long long tin = 0, tout = -1;
      if (!parse_instant(f[static_cast<std::size_t>(ci)], tin))
        throw std::runtime_error("bad check-in");
      const int day = static_cast<int>(tin / 1440), min_in = static_cast<int>(tin % 1440);
      if (day < from || day > to) continue;
      ++sessions;
      const std::string& status = f[static_cast<std::size_t>(st)];
      ++by_status[status.empty() ? "closed" : status];
      if (!f[static_cast<std::size_t>(co)].empty() &&
          !parse_instant(f[static_cast<std::size_t>(co)], tout))
        throw std::runtime_error("bad check-out");
      const int vid = vols(f[static_cast<std::size_t>(v)]);
      const int pid = projects.find(f[static_cast<std::size_t>(p)]);
      const std::string& shift = f[static_cast<std::size_t>(sh)];
      long long minutes = 0;
      if (status == "auto_closed" || status == "rejected") {
        minutes = 0;
      } else if (shift == "walk-in" || shift == "临时") {
        if (tout >= 0) minutes = tout - tin;
        if (minutes > 0) ++walk_ins;
      } else {
        int s = 0, e = 0;
        if (!find_shift(pid, day, min_in, s, e)) {
          ++unmatched;
          continue;
        }
        const long long start = static_cast<long long>(day) * 1440 + s,
                        end = static_cast<long long>(day) * 1440 + e;
        const long long out =
            tout >= 0 ? std::min(tout, end + overtime) : (status == "confirmed" ? end : tin);
        minutes = out - std::max(tin, start);
        if (minutes > 0)
          pairs.push_back(
              pair_key(static_cast<std::uint64_t>(vid), static_cast<std::uint64_t>(pid),
                       static_cast<std::uint64_t>(day) * 1440 + static_cast<std::uint64_t>(s)));
      }
      if (rounding > 0 && minutes > 0) minutes -= minutes % rounding;
      if (minutes > 0) {
        credited += minutes;
        served_by.push_back(vid);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  const long long shift_pairs = std::unique(pairs.begin(), pairs.end()) - pairs.begin();
  std::sort(served_by.begin(), served_by.end());
  const long long distinct = std::unique(served_by.begin(), served_by.end()) - served_by.begin();

  std::map<std::string, std::pair<long long, long long>> by_type;  // count, people served
  long long people = 0;
  {
    CsvIn in(dir + "/incidents.csv");
    Columns c{in};
    const int ty = c("type"), tm = c("time"), ps = c("people_served");
    while (in.next(f)) {
      long long t = 0;
      if (!parse_instant(f[static_cast<std::size_t>(tm)], t))
        throw std::runtime_error("bad incident time");
      if (t / 1440 < from || t / 1440 > to) continue;
      const long long n =
          f[static_cast<std::size_t>(ps)].empty() ? 0 : std::stoll(f[static_cast<std::size_t>(ps)]);
      auto& x = by_type[f[static_cast<std::size_t>(ty)]];
      ++x.first;
      x.second += n;
      people += n;
    }
  }
  long long trainings = 0, training_person_minutes = 0;
  {
    CsvIn in(dir + "/trainings.csv");
    Columns c{in};
    const int mi = c("minutes"), at = c("attendees");
    while (in.next(f)) {
      ++trainings;
      const auto& a = f[static_cast<std::size_t>(at)];
      training_person_minutes += std::stoll(f[static_cast<std::size_t>(mi)]) *
                                 (a.empty() ? 0 : 1 + std::count(a.begin(), a.end(), ';'));
    }
  }

  const long long active_projects = std::count(active.begin(), active.end(), 1);
  std::printf(
      "summary of %s, %s – %s (counting rules of docs/design.md §3; re-read from the CSV files)\n",
      dir.c_str(), format_date(from).c_str(), format_date(to).c_str());
  std::printf("  stations                %12d\n", stations);
  std::printf("  projects published      %12lld   (active, with a shift: %lld)\n", published,
              active_projects);
  std::printf("  person-times            %12lld   (%lld volunteer-shift pairs + %lld walk-ins)\n",
              shift_pairs + walk_ins, shift_pairs, walk_ins);
  std::printf("  distinct volunteers     %12lld\n", distinct);
  std::printf("  credited hours          %12.1f   (%lld minutes)\n",
              static_cast<double>(credited) / 60.0, credited);
  std::printf("  rescue assists          %12lld\n", by_type["rescue_assist"].first);
  std::printf("  people served           %12lld\n", people);
  std::printf("  incidents by type:\n");
  for (const auto& [type, x] : by_type)
    std::printf("    %-22s %8lld incidents, %8lld people\n", type.c_str(), x.first, x.second);
  std::printf("  sessions by status (%lld):\n", sessions);
  for (const auto& [status, n] : by_status) std::printf("    %-22s %8lld\n", status.c_str(), n);
  std::printf("  training (not service time): %lld sessions, %.1f attendee-hours\n", trainings,
              static_cast<double>(training_person_minutes) / 60.0);
  std::printf(
      "  checks: %lld roster rows; %lld outside availability, %lld double-booked; %lld sessions "
      "matching no shift\n",
      roster_rows, unavailable, double_booked, unmatched);
  return static_cast<int>(unavailable + double_booked + unmatched);
}

}  // namespace gen
