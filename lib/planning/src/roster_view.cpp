#include "vstation/planning/roster_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "vstation/domain/text_util.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/upcoming.hpp"
#include "vstation/text/csv.hpp"
#include "vstation/text/markup.hpp"
#include "vstation/text/width.hpp"

namespace vstation::planning {
namespace {

constexpr Msg kTitle{"Roster {} — {} to {}", "排班表 {}（{} 至 {}）"};
constexpr Msg kEmpty{"(empty)", "（空缺）"};
constexpr Msg kEmpties{"({} places empty)", "（空缺 {} 个）"};
constexpr Msg kContact{"contact: {}", "联系方式：{}"};
constexpr Msg kLegend{"● pinned by the coordinator · (empty) a place still open",
                      "● 站长已锁定 · （空缺）尚未排满的名额"};
constexpr Msg kOpenTitle{"Places still open — ask the coordinator to sign up:",
                         "尚有空缺的班次——欢迎联系站长报名："};
constexpr Msg kOpenLine{"#{} {} {} {}–{} {}: {} open", "#{} {} {} {}–{} {}：空缺 {} 人"};
constexpr std::array<Msg, 7> kDays{{{"Monday", "星期一"},
                                    {"Tuesday", "星期二"},
                                    {"Wednesday", "星期三"},
                                    {"Thursday", "星期四"},
                                    {"Friday", "星期五"},
                                    {"Saturday", "星期六"},
                                    {"Sunday", "星期日"}}};

// RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values.
// Control characters, which TEXT may not hold, are written as visible escapes first.
std::string ics_text(std::string_view raw) {
  std::string s = escape_controls_keep_lines(raw);
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a
// UTF-8 sequence.
std::string ics_line(const std::string& line) {
  std::string out;
  std::size_t col = 0;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t len = 1;
    auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    if (col + len > 75) {
      out += "\r\n ";
      col = 1;
    }
    out.append(line, i, len);
    col += len;
    i += len;
  }
  return out + "\r\n";
}

std::string ics_time(Instant t) {
  Date d = local_date(t, UtcOffset{0});
  TimeOfDay h = local_time(t, UtcOffset{0});
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}00Z", d.year(), d.month(), d.day(), h.minutes / 60,
                     h.minutes % 60);
}

std::string hhmm(Instant t, const Station& st) {
  return local_time(t, st.zone).hhmm();
}

}  // namespace

RosterView build_view(store::Connection& db, const WeekProblem& wp) {
  RosterView v;
  v.week = IsoWeek::of(wp.shifts.empty() ? Date{}
                                         : local_date(wp.shifts.front().time.begin, TimeZone{}));
  std::map<StationId, Station> stations;
  std::map<ProjectId, Project> projects;
  for (const auto& s : wp.shifts) {
    if (!stations.count(s.station)) stations[s.station] = *store::stations::get(db, s.station);
    if (!projects.count(s.project)) projects[s.project] = *store::projects::get(db, s.project);
    const Station& st = stations[s.station];
    v.week = IsoWeek::of(local_date(s.time.begin, st.zone));
    int filled = 0;
    std::vector<RosterEntry> here;
    for (const auto& a : store::assignments::of_shift(db, s.id)) {
      if (a.status == AssignmentStatus::cancelled) continue;
      here.push_back(
          {s, st, projects[s.project], store::volunteers::get(db, a.volunteer), a.pinned});
      ++filled;
    }
    std::sort(here.begin(), here.end(), [](const RosterEntry& a, const RosterEntry& b) {
      return a.volunteer->number < b.volunteer->number;
    });
    for (int i = filled; i < s.slots; ++i)
      here.push_back({s, st, projects[s.project], std::nullopt, false});
    v.entries.insert(v.entries.end(), here.begin(), here.end());
  }
  return v;
}

RosterView upcoming_view(store::Connection& db, VolunteerId v, Instant now) {
  RosterView view;
  auto who = store::volunteers::get(db, v);
  std::map<StationId, Station> stations;
  for (const auto& u : store::upcoming::of_volunteer(db, v, now)) {
    const Shift& s = u.shift;
    if (!stations.count(s.station)) stations[s.station] = *store::stations::get(db, s.station);
    view.entries.push_back(
        {s, stations[s.station], *store::projects::get(db, s.project), who, u.assignment.pinned});
  }
  if (!view.entries.empty())
    view.week = IsoWeek::of(
        local_date(view.entries.front().shift.time.begin, view.entries.front().station.zone));
  return view;
}

std::string roster_csv(const RosterView& v, bool bom) {
  text::CsvWriter w(bom);
  w.row({"shift", "date", "start", "end", "station", "project", "volunteer", "name", "pinned"});
  for (const auto& e : v.entries) {
    const auto& st = e.station;
    w.row({std::to_string(e.shift.id.value), local_date(e.shift.time.begin, st.zone).iso(),
           hhmm(e.shift.time.begin, st), hhmm(e.shift.time.end, st), st.code, e.project.code,
           e.volunteer ? e.volunteer->number : "",
           e.volunteer ? text::mask_name(e.volunteer->name) : "", e.pinned ? "yes" : "no"});
  }
  return w.str();
}

std::string roster_ics(const RosterView& v, std::optional<VolunteerId> only, Instant now,
                       IcsNames names) {
  std::string out;
  out += ics_line("BEGIN:VCALENDAR");
  out += ics_line("VERSION:2.0");
  out += ics_line("PRODID:-//vstation//roster//EN");
  out += ics_line("CALSCALE:GREGORIAN");
  out += ics_line("METHOD:PUBLISH");
  for (const auto& e : v.entries) {
    if (!e.volunteer) continue;
    if (only && e.volunteer->id != *only) continue;
    out += ics_line("BEGIN:VEVENT");
    out += ics_line(
        fmt::format("UID:shift-{}-volunteer-{}@vstation", e.shift.id.value, e.volunteer->id.value));
    out += ics_line("DTSTAMP:" + ics_time(now));
    out += ics_line("DTSTART:" + ics_time(e.shift.time.begin));
    out += ics_line("DTEND:" + ics_time(e.shift.time.end));
    // One volunteer's own calendar names them in full; a calendar of everyone masks names.
    std::string summary = names == IcsNames::none
                              ? e.project.name
                              : e.project.name + " · " + e.volunteer->number + " " +
                                    (only ? e.volunteer->name : text::mask_name(e.volunteer->name));
    out += ics_line("SUMMARY:" + ics_text(summary));
    out += ics_line(
        "LOCATION:" +
        ics_text(e.station.name + (e.station.location.empty() ? "" : ", " + e.station.location)));
    // RFC 5545 §3.6.6: a display alarm the station's reminder time before the start.
    if (int lead = e.station.settings.reminder_minutes; lead > 0) {
      out += ics_line("BEGIN:VALARM");
      out += ics_line("ACTION:DISPLAY");
      out += ics_line("DESCRIPTION:" + ics_text(summary));
      out += ics_line(fmt::format("TRIGGER:-PT{}M", lead));
      out += ics_line("END:VALARM");
    }
    out += ics_line("END:VEVENT");
  }
  out += ics_line("END:VCALENDAR");
  return out;
}

// The printed page's style (A4 landscape). The web's sheet (/staff/sheet) styles the same body
// from its stylesheet, since the site's pages carry no inline style.
constexpr std::string_view kRosterCss =
    "@page { size: A4 landscape; margin: 12mm; }\n"
    "body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif; font-size: 10pt; "
    "}\n"
    "h1 { font-size: 15pt; margin-bottom: 2px; } .station { margin: 0 0 6px; }\n"
    "table { border-collapse: collapse; width: 100%; table-layout: fixed; }\n"
    "th, td { border: 1px solid #888; padding: 3px 4px; vertical-align: top; }\n"
    "th { background: #e8eef7; } .shift { margin-bottom: 4px; } .empty { color: #b00; }\n"
    ".time { font-weight: bold; } .number { color: #555; } .pinned::after { content: ' ●'; "
    "color: #555; }\n.legend, .gaps { margin-top: 8px; } .gaps li { margin: 2px 0; }\n"
    // A phone gets the days one under another, each headed by its date.
    "@media (max-width: 600px) { table, tr, td { display: block; width: auto; } "
    "tr:first-child { display: none; } td { border: none; border-top: 1px solid #888; } "
    "td::before { content: attr(data-day); display: block; font-weight: bold; "
    "background: #e8eef7; padding: 2px 4px; margin: 0 -4px 4px; } }\n";

std::string roster_html(const RosterView& v, Lang lang) {
  DateRange days = v.week.days();
  std::string title =
      Text::of(kTitle, v.week.str(), days.first.iso(), days.last.iso()).render(lang);
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(lang == Lang::zh ? "zh-CN" : "en") +
         "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         text::escape_xml(title) + "</title>\n<style>\n" + std::string(kRosterCss) +
         "</style>\n</head>\n<body>\n" + roster_body_html(v, lang) + "</body>\n</html>\n";
}

std::string roster_body_html(const RosterView& v, Lang lang) {
  DateRange days = v.week.days();
  std::string title =
      Text::of(kTitle, v.week.str(), days.first.iso(), days.last.iso()).render(lang);
  // The stations on the page, each with its contact, for whoever reads the notice board.
  std::map<std::int64_t, const Station*> stations;
  for (const auto& e : v.entries) stations[e.station.id.value] = &e.station;
  std::string who;
  for (const auto& [id, st] : stations) {
    who += "<p class=\"station\">" + text::escape_xml(st->name);
    if (!st->contact.empty())
      who += " · " + text::escape_xml(Text::of(kContact, st->contact).render(lang));
    who += "</p>\n";
  }
  std::string out = "<h1>" + text::escape_xml(title) + "</h1>\n" + who + "<table>\n<tr>";
  for (int day = 0; day < 7; ++day) {
    Date d = days.first.plus_days(day);
    out += "<th>" + text::escape_xml(kDays[std::size_t(day)].in(lang)) + " " + d.iso().substr(5) +
           "</th>";
  }
  out += "</tr>\n<tr>";
  // Open places, by shift, for the footer.
  std::vector<std::pair<const RosterEntry*, int>> open;
  for (int day = 0; day < 7; ++day) {
    out += "<td data-day=\"" +
           text::escape_xml(std::string(kDays[std::size_t(day)].in(lang)) + " " +
                            days.first.plus_days(day).iso().substr(5)) +
           "\">";
    std::int64_t current = -1;
    int empties = 0;  // the shift's open places, said once
    const auto close_shift = [&] {
      if (empties > 0)
        out += "<span class=\"empty\">" +
               text::escape_xml(empties == 1 ? std::string(kEmpty.in(lang))
                                             : Text::of(kEmpties, empties).render(lang)) +
               "</span><br>";
      empties = 0;
      out += "</div>";
    };
    for (const auto& e : v.entries) {
      Date d = local_date(e.shift.time.begin, e.station.zone);
      if (int(d.weekday()) != day) continue;
      if (e.shift.id.value != current) {
        if (current != -1) close_shift();
        current = e.shift.id.value;
        out += "<div class=\"shift\"><span class=\"number\">#" + std::to_string(current) +
               "</span> <span class=\"time\">" + hhmm(e.shift.time.begin, e.station) + "–" +
               hhmm(e.shift.time.end, e.station) + "</span> " + text::escape_xml(e.project.name) +
               "<br>";
      }
      if (e.volunteer) {
        out += std::string("<span") + (e.pinned ? " class=\"pinned\"" : "") + ">" +
               text::escape_xml(e.volunteer->number) + " " +
               text::escape_xml(text::mask_name(e.volunteer->name)) + "</span><br>";
      } else {
        ++empties;
        if (open.empty() || open.back().first->shift.id != e.shift.id) open.push_back({&e, 0});
        ++open.back().second;
      }
    }
    if (current != -1) close_shift();
    out += "</td>";
  }
  out += "</tr>\n</table>\n<p class=\"legend\">" + text::escape_xml(kLegend.in(lang)) + "</p>\n";
  if (!open.empty()) {
    out += "<div class=\"gaps\"><strong>" + text::escape_xml(kOpenTitle.in(lang)) +
           "</strong>\n<ul>\n";
    std::sort(open.begin(), open.end(), [](const auto& x, const auto& y) {
      return x.first->shift.time.begin < y.first->shift.time.begin;
    });
    for (const auto& [e, n] : open) {
      Date d = local_date(e->shift.time.begin, e->station.zone);
      out += "<li>" +
             text::escape_xml(Text::of(kOpenLine, e->shift.id.value,
                                       Text(kDays[std::size_t(int(d.weekday()))]),
                                       d.iso().substr(5), hhmm(e->shift.time.begin, e->station),
                                       hhmm(e->shift.time.end, e->station), e->project.name, n)
                                  .render(lang)) +
             "</li>\n";
    }
    out += "</ul></div>\n";
  }
  return out;
}

}  // namespace vstation::planning
