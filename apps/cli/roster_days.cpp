// The week as a coordinator reads it on an 80-column terminal: one block per day, each shift
// with its number, and every gap with the people who could fill it.

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>

#include "cli/roster_text.hpp"
#include "cli/session_text.hpp"
#include "vstation/planning/gap_reasons.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/width.hpp"
#include "vstation/text/wrap.hpp"

namespace vstation::cli {
namespace {

using roster::CandidateReason;

constexpr Msg kWeekTitle{"{} · {} ({} – {})", "{} · {}（{} 至 {}）"};
constexpr Msg kPinnedLegend{"^ pinned or placed by hand (builds keep it)", "^ 已锁定或手动安排（重新排班时保持不变）"};
constexpr Msg kDroppedTitle{"Dropped out (builds leave them off):", "已退出（排班不再安排）："};
constexpr Msg kOnShift{"{} on #{}", "{} 退出 #{}"};
constexpr Msg kNoGaps{"every slot is filled and every skill minimum met",
                      "所有名额已排满，技能要求均已满足"};
constexpr Msg kNoGapsToCome{"every slot still to come is filled and every skill minimum met",
                            "尚未开始的班次名额已排满，技能要求均已满足"};
constexpr Msg kAllBegun{"every shift has begun: no gap is left to fill",
                        "所有班次均已开始：没有可填补的空缺"};
constexpr Msg kGapsTitle{"Gaps and who could fill them:", "空缺及可联系的人："};
constexpr Msg kSlotsEmpty{"#{} {}: {} of {} places empty", "#{0} {1}：{3} 个名额中空缺 {2} 个"};
constexpr Msg kSkillShort{"#{} {}: {} of {} {} holders missing",
                          "#{0} {1}：需要 {3} 名持有 {4} 的人，缺 {2} 名"};
constexpr Msg kNobody{"nobody else offered this time", "没有其他人在该时段可用"};
constexpr Msg kMore{"… and {} more", "……另有 {} 人"};
constexpr Msg kOthersAway{"not available then: {} more", "另有 {} 人该时段不可用"};
constexpr std::size_t kPeopleShown = 8;

std::string person(store::Lookup& lookup, std::int64_t id, bool reveal) {
  const Volunteer& v = lookup.volunteer_record(VolunteerId{id});
  std::string out = v.number;
  if (!v.name.empty()) out += " " + text::mask_name(v.name);
  if (reveal && !v.phone.empty()) out += " " + v.phone;
  return out;
}

// Lines of at most `width` columns: `head` then `indent`ed continuation lines.
void add_wrapped(std::string& out, const std::string& head, std::size_t indent, std::size_t width) {
  auto lines = text::wrap(head, width > indent + 20 ? width - indent : 20);
  for (const auto& l : lines) out += std::string(indent, ' ') + l + "\n";
}

// Items joined by `sep`, broken into lines of at most `width` columns between items; an item
// wider than a line is wrapped on its own.
std::vector<std::string> wrap_items(const std::vector<std::string>& items, std::string_view sep,
                                    std::size_t width) {
  std::vector<std::string> lines{""};
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string piece = items[i] + (i + 1 < items.size() ? std::string(sep) : "");
    std::string& line = lines.back();
    if (!line.empty() && text::display_width(line) + text::display_width(piece) > width + 1)
      lines.emplace_back();
    if (text::display_width(piece) > width + 1) {
      for (const auto& l : text::wrap(piece, width)) {
        if (!lines.back().empty()) lines.emplace_back();
        lines.back() = l;
      }
      continue;
    }
    lines.back() += piece;
  }
  for (auto& l : lines)
    while (!l.empty() && l.back() == ' ') l.pop_back();
  return lines;
}

}  // namespace

std::size_t output_columns() {
  winsize ws{};
  if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
    return std::min<std::size_t>(ws.ws_col, 200);
  return 80;
}

std::string render_days(const planning::StoredWeek& w, const IsoWeek& week, store::Lookup& lookup,
                        Lang lang, std::size_t width) {
  const auto& wp = w.problem;
  std::map<std::int64_t, std::vector<std::int64_t>> on_shift;
  for (const auto& a : w.roster.assignments) on_shift[a.shift].push_back(a.volunteer);
  std::set<std::pair<std::int64_t, std::int64_t>> pinned;
  for (const auto& a : wp.problem.pinned) pinned.insert({a.shift, a.volunteer});
  std::set<StationId> stations;
  for (const auto& s : wp.shifts) stations.insert(s.station);
  std::string out;
  for (auto st : stations) {
    const Station& rec = lookup.station_record(st);
    std::string title =
        Text::of(kWeekTitle, rec.name, week.str(), week.monday().iso(), week.days().last.iso())
            .render(lang);
    if (!rec.contact.empty()) title += " · " + rec.contact;
    add_wrapped(out, title, 0, width);
  }
  // Shift numbers and project names line up within the week.
  std::size_t number_w = 0, project_w = 0;
  for (const auto& s : wp.shifts) {
    number_w = std::max(number_w, 1 + std::to_string(s.id.value).size());
    project_w = std::max(project_w, text::display_width(lookup.project_record(s.project).name));
  }
  project_w = std::min<std::size_t>(project_w, 18);
  std::optional<Date> day;
  bool any_pinned = false;
  for (const auto& s : wp.shifts) {  // by start time
    const Station& st = lookup.station_record(s.station);
    Date d = local_date(s.time.begin, st.zone);
    if (day != d) {
      out += "\n" + Text(weekday_label(d.weekday())).render(lang) + " " + d.iso() + "\n";
      day = d;
    }
    std::string project = lookup.project_record(s.project).name;
    if (stations.size() > 1) project = st.code + " " + project;
    const auto& people = on_shift[s.id.value];
    std::string head =
        "  " + text::pad("#" + std::to_string(s.id.value), number_w) + "  " +
        local_time(s.time.begin, st.zone).hhmm() + "–" + local_time(s.time.end, st.zone).hhmm() +
        "  " + text::pad(text::truncate_to_width(project, project_w), project_w) + "  " +
        text::pad(std::to_string(people.size()) + "/" + std::to_string(s.slots), 5) + " ";
    std::vector<std::string> names;
    for (auto v : people) {
      bool pin = pinned.count({s.id.value, v}) > 0;
      any_pinned |= pin;
      names.push_back(person(lookup, v, false) + (pin ? "^" : ""));
    }
    std::size_t indent = text::display_width(head);
    if (indent + 24 > width) indent = 6;
    auto lines = wrap_items(names, ", ", width - indent);
    out += head + lines.front() + "\n";
    for (std::size_t i = 1; i < lines.size(); ++i)
      out += std::string(indent, ' ') + lines[i] + "\n";
  }
  if (any_pinned) out += "\n" + Text(kPinnedLegend).render(lang) + "\n";
  if (!w.dropped.empty()) {
    std::vector<std::string> list;
    for (const auto& d : w.dropped)
      list.push_back(Text::of(kOnShift, lookup.volunteer_number(VolunteerId{d.volunteer}), d.shift)
                         .render(lang));
    out += "\n" + Text(kDroppedTitle).render(lang) + "\n";
    for (const auto& l : wrap_items(list, lang == Lang::zh ? "；" : "; ", width - 2))
      out += "  " + l + "\n";
  }
  return out;
}

std::string render_gaps(const planning::StoredWeek& w, const IsoWeek& week, store::Connection& db,
                        store::Lookup& lookup, Lang lang, bool reveal, std::size_t width) {
  const auto& r = w.roster;
  if (r.gaps.empty())
    return Text(w.begun == 0                             ? kNoGaps
                : w.begun < int(w.problem.shifts.size()) ? kNoGapsToCome
                                                         : kAllBegun)
               .render(lang) +
           "\n";
  std::map<std::int64_t, const Shift*> shifts;
  for (const auto& s : w.problem.shifts) shifts[s.id.value] = &s;
  std::string out = Text(kGapsTitle).render(lang) + "\n";
  for (const auto& g : r.gaps) {
    Text label = shift_label(*shifts.at(g.shift), lookup);
    Text head = g.kind == roster::GapKind::unfilled_slots
                    ? Text::of(kSlotsEmpty, g.shift, label, g.missing, g.needed)
                    : Text::of(kSkillShort, g.shift, label, g.missing, g.needed,
                               lookup.skill_code(SkillId{g.skill}));
    add_wrapped(out, head.render(lang), 2, width);
    if (g.people.empty()) add_wrapped(out, Text(kNobody).render(lang), 4, width);
    for (std::size_t i = 0; i < g.people.size() && i < kPeopleShown; ++i) {
      const auto& c = g.people[i];
      add_wrapped(out,
                  person(lookup, c.volunteer, reveal) + (lang == Lang::zh ? "：" : ": ") +
                      planning::candidate_reason(c, g, week, db, lookup).render(lang),
                  4, width);
    }
    if (g.people.size() > kPeopleShown)
      add_wrapped(out, Text::of(kMore, g.people.size() - kPeopleShown).render(lang), 4, width);
    int away = 0;
    for (const auto& rc : g.reasons)
      if (rc.reason == CandidateReason::not_available) away = rc.volunteers;
    if (away > 0) add_wrapped(out, Text::of(kOthersAway, away).render(lang), 4, width);
  }
  return out;
}

}  // namespace vstation::cli
