// The coordinator's week board (/staff/week): the week's days × shifts with who is on each, the
// gaps with the people who could fill them and why the others cannot (planning::stored_week and
// planning::candidate_reason, as `roster show`), and the coordinator's actions (week_actions.cpp).
// The district reads any station's board (?station=ID) without the actions. week.js polls
// /api/v1/staff/week and reloads the page when the week's version changes (a volunteer signed up
// or cancelled); without it the page refreshes itself every minute.

#include "week_board.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "page.hpp"
#include "staff_station.hpp"
#include "vstation/planning/gap_reasons.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/width.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Week board", "本周排班"};
constexpr Msg kPickStation{"Pick a station: /staff/week?station=ID.",
                           "请选择站点：/staff/week?station=站点编号。"};
constexpr Msg kWeekLabel{"Week", "周"};
constexpr Msg kShow{"Show", "查看"};
constexpr Msg kPrev{"← Previous week", "← 上一周"};
constexpr Msg kNext{"Next week →", "下一周 →"};
constexpr Msg kHeading{"{} · {} ({} – {})", "{} · {}（{} 至 {}）"};
constexpr Msg kReadOnly{"Read only: the station's coordinator makes the changes.",
                        "只读：由该站站长进行修改。"};
constexpr Msg kNoShifts{"No shifts this week yet: build the week to make them from the templates.",
                        "本周尚无班次：生成排班即可按模板创建班次。"};
constexpr Msg kTime{"Time", "时间"};
constexpr Msg kGridLabel{"The week's shifts by day", "本周各天班次"};
constexpr Msg kGaps{"Gaps and who could fill them", "空缺及可联系的人"};
constexpr Msg kNoGaps{"Every place is filled and every skill minimum met.",
                      "所有名额已排满，技能要求均已满足。"};
constexpr Msg kNoGapsToCome{"Every place still to come is filled and every skill minimum met.",
                            "尚未开始的班次名额已排满，技能要求均已满足。"};
constexpr Msg kAllBegun{"Every shift has begun: no gap is left to fill.",
                        "所有班次均已开始：没有可填补的空缺。"};
constexpr Msg kSlotsEmpty{"{} of {} places empty", "{1} 个名额中空缺 {0} 个"};
constexpr Msg kSkillShort{"{} of {} {} holders missing", "需要 {1} 名持有 {2} 的人，缺 {0} 名"};
constexpr Msg kNobody{"Nobody else offered this time.", "没有其他人在该时段可用。"};
constexpr Msg kAway{"Not available then: {} more.", "另有 {} 人该时段不可用。"};
constexpr Msg kAssign{"Assign", "安排"};
constexpr Msg kAssignTo{"Assign {} to {}", "将 {} 安排到 {}"};
constexpr Msg kShifts{"Shifts and people", "班次与人员"};
constexpr Msg kPinned{"pinned", "已锁定"};
constexpr Msg kPin{"Pin", "锁定"};
constexpr Msg kUnpin{"Unpin", "解除锁定"};
constexpr Msg kOff{"Take off", "移出"};
constexpr Msg kDropOut{"Drop-out", "记为退出"};
constexpr Msg kActionsFor{"{}: {}", "{}：{}"};
constexpr Msg kDropped{"Dropped out (builds leave them off): {}", "已退出（排班不再安排）：{}"};
constexpr Msg kBuild{"Build the week (preview first)", "生成本周排班（先预览）"};
constexpr Msg kFresh{"Start over instead of changing as little as possible",
                     "重新排班，而不是尽量少改动"};
constexpr Msg kRepair{"Repair after a drop-out (preview first)", "有人退出后补排（先预览）"};
constexpr Msg kWho{"Who drops out of their shifts this week", "本周退出全部班次的志愿者"};
constexpr Msg kLive{"This page updates when volunteers sign up or cancel.",
                    "志愿者报名或取消时，本页会自动更新。"};
constexpr Msg kDone{"Saved.", "已保存。"};

std::string person(store::Lookup& lookup, std::int64_t id) {
  const Volunteer& v = lookup.volunteer_record(VolunteerId{id});
  return v.name.empty() ? v.number : v.number + " " + text::mask_name(v.name);
}

std::string span(const Shift& s, const TimeZone& z) {
  return local_time(s.time.begin, z).hhmm() + "–" + local_time(s.time.end, z).hhmm();
}

constexpr const char* kPage = R"({{#done}}<p class="flash" role="status">{{done}}</p>
{{/done}}<p class="week-title">{{heading}}</p>
<form method="get" action="/staff/week" class="week-pick">{{#station_id}}<input type="hidden" name="station" value="{{station_id}}">{{/station_id}}
<label for="week">{{week_label}}</label><input id="week" name="week" value="{{week}}" pattern="[0-9]{4}-W[0-9]{2}"><button type="submit" class="small">{{show}}</button></form>
<p class="week-nav"><a href="{{prev_href}}">{{prev}}</a> <a href="{{next_href}}">{{next}}</a></p>
{{#read_only}}<p class="help">{{read_only}}</p>{{/read_only}}
{{{publish}}}<p class="help" id="live" data-version="{{version}}" data-api="{{api}}">{{live}}</p>
{{#no_shifts}}<p>{{no_shifts}}</p>{{/no_shifts}}
{{#has_shifts}}<div class="scroll" role="region" aria-label="{{grid_label}}" tabindex="0"><table class="week">
<thead><tr><th scope="col">{{time_label}}</th>{{#days}}<th scope="col">{{day}}</th>{{/days}}</tr></thead>
<tbody>{{#rows}}<tr><th scope="row">{{time}}<br><span class="project">{{project}}</span></th>{{#cells}}<td{{#gap}} class="gap"{{/gap}}>{{#id}}<a href="#shift-{{id}}">#{{id}} {{count}}</a><ul>{{#people}}<li>{{name}}{{#pinned}} <span class="pref">{{pinned_label}}</span>{{/pinned}}</li>{{/people}}</ul>{{/id}}</td>{{/cells}}</tr>
{{/rows}}</tbody></table></div>{{/has_shifts}}
<h2>{{gaps_label}}</h2>
{{#gaps}}<div class="card gap" id="gap-{{shift}}-{{n}}"><p class="question"><a href="#shift-{{shift}}">#{{shift}}</a> {{label}}: {{what}}</p>
<ul class="people">{{#people}}<li><span class="who">{{name}}</span> <span class="why">{{why}}</span>{{#can_assign}}
<form method="post" action="/staff/week/assign" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="week" value="{{week}}"><input type="hidden" name="shift" value="{{shift}}"><input type="hidden" name="volunteer" value="{{volunteer}}"><button type="submit" class="small" aria-label="{{assign_label}}">{{assign}}</button></form>{{/can_assign}}</li>
{{/people}}</ul>{{#nobody}}<p class="help">{{nobody}}</p>{{/nobody}}{{#away}}<p class="help">{{away}}</p>{{/away}}</div>
{{/gaps}}{{#no_gaps}}<p>{{no_gaps}}</p>{{/no_gaps}}
{{#has_shifts}}<h2>{{shifts_label}}</h2>
{{#shifts}}<div class="card shift" id="shift-{{id}}"><p class="question">#{{id}} {{label}} · {{count}}</p>
<ul class="people">{{#people}}<li><span class="who">{{name}}</span>{{#pinned}} <span class="pref">{{pinned_label}}</span>{{/pinned}}{{#edit}}
<span class="actions">{{#forms}}<form method="post" action="{{action}}" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="week" value="{{week}}"><input type="hidden" name="shift" value="{{shift}}"><input type="hidden" name="volunteer" value="{{volunteer}}">{{#extra_name}}<input type="hidden" name="{{extra_name}}" value="{{extra_value}}">{{/extra_name}}<button type="submit" class="small secondary" aria-label="{{aria}}">{{text}}</button></form> {{/forms}}</span>{{/edit}}</li>
{{/people}}</ul></div>
{{/shifts}}{{/has_shifts}}{{#dropped}}<p class="help">{{dropped}}</p>{{/dropped}}
{{#can_edit}}<div class="card">
<form method="post" action="/staff/week/build"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="week" value="{{week}}">
<label class="check"><input type="checkbox" name="fresh" value="1"> {{fresh}}</label>
<button type="submit">{{build}}</button></form>
{{#rostered}}<form method="post" action="/staff/week/repair"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="week" value="{{week}}">
<label for="repair-who">{{who}}</label><select id="repair-who" name="volunteer">{{#list}}<option value="{{id}}">{{name}}</option>{{/list}}</select>
<button type="submit" class="secondary">{{repair}}</button></form>{{/rostered}}
</div>{{/can_edit}})";

Data base(const Ctx& c, const WeekRef& w) {
  Data d;
  d.set("csrf", c.csrf());
  d.set("week", w.week.str());
  return d;
}

Response board(Ctx& c) {
  // The district account reaches the board from the menu with no station: the picker, as on the
  // other staff pages.
  if (!c.staff().station && !c.req.param("station"))
    return staff_station(c, "/staff/week", Text(kTitle)).answer;
  std::optional<Text> error;
  auto w = week_ref(c, error);
  if (!w && error) return c.message(Text(kTitle), *error, 400, "/staff");
  if (!w) return c.out_of_scope();
  const Lang lang = c.lang;
  const auto in = [lang](const Msg& m) { return std::string(m.in(lang)); };
  const TimeZone& zone = w->station.zone;
  store::Lookup lookup(c.db);
  auto sw = planning::stored_week(c.db, w->scope(), c.now);
  Data d = base(c, *w);
  if (c.req.param("done")) d.set("done", in(kDone));
  d.set("heading", Text::of(kHeading, w->station.name, w->week.str(), w->week.monday().iso(),
                            w->week.days().last.iso())
                       .render(lang));
  if (!c.staff().station) d.set("station_id", std::to_string(w->station.id.value));
  d.set("week_label", in(kWeekLabel));
  d.set("show", in(kShow));
  d.set("prev", in(kPrev));
  d.set("next", in(kNext));
  d.set("prev_href", WeekRef{w->station, w->week.previous(), w->can_edit}.href());
  d.set("next_href", WeekRef{w->station, w->week.next(), w->can_edit}.href());
  if (!w->can_edit) d.set("read_only", in(kReadOnly));
  d.set("live", in(kLive));
  d.set("version", planning::basis_of(sw.problem));
  d.set("api", "/api/v1/staff/week?week=" + w->week.str() +
                   "&station=" + std::to_string(w->station.id.value));
  d.set("can_edit", w->can_edit);
  d.set("publish", publish_html(c, *w));
  // On each shift: who.
  std::map<std::int64_t, std::vector<std::int64_t>> on;
  for (const auto& a : sw.roster.assignments) on[a.shift].push_back(a.volunteer);
  std::set<std::pair<std::int64_t, std::int64_t>> pinned;
  for (const auto& a : sw.problem.problem.pinned) pinned.insert({a.shift, a.volunteer});
  std::set<std::int64_t> gap_shifts;
  for (const auto& g : sw.roster.gaps) gap_shifts.insert(g.shift);
  const auto count = [&](const Shift& s) {
    return std::to_string(on[s.id.value].size()) + "/" + std::to_string(s.slots);
  };
  // The grid: a row per (time, project), a column per day.
  const Date monday = w->week.monday();
  Data days{Data::type::list};
  for (int i = 0; i < 7; ++i) {
    Date day = monday.plus_days(i);
    Data x;
    x.set("day", Text(weekday_label(day.weekday())).render(lang) + " " + day.iso().substr(5));
    days.push_back(x);
  }
  d.set("days", days);
  d.set("time_label", in(kTime));
  d.set("grid_label", in(kGridLabel));
  std::map<std::tuple<std::string, std::string>, std::map<int, const Shift*>> rows;
  for (const auto& s : sw.problem.shifts) {
    int col = int(local_date(s.time.begin, zone).day_number() - monday.day_number());
    rows[{span(s, zone), lookup.project_record(s.project).name}][col] = &s;
  }
  Data row_list{Data::type::list};
  for (const auto& [key, cols] : rows) {
    Data r;
    r.set("time", std::get<0>(key));
    r.set("project", std::get<1>(key));
    Data cells{Data::type::list};
    for (int i = 0; i < 7; ++i) {
      Data cell;
      auto it = cols.find(i);
      if (it != cols.end()) {
        const Shift& s = *it->second;
        cell.set("id", std::to_string(s.id.value));
        cell.set("count", count(s));
        cell.set("gap", gap_shifts.count(s.id.value) > 0);
        Data people{Data::type::list};
        for (auto v : on[s.id.value]) {
          Data p;
          p.set("name", person(lookup, v));
          p.set("pinned", pinned.count({s.id.value, v}) > 0);
          p.set("pinned_label", in(kPinned));
          people.push_back(p);
        }
        cell.set("people", people);
      }
      cells.push_back(cell);
    }
    r.set("cells", cells);
    row_list.push_back(r);
  }
  d.set("rows", row_list);
  d.set("has_shifts", !sw.problem.shifts.empty());
  if (sw.problem.shifts.empty()) d.set("no_shifts", in(kNoShifts));
  // Shift labels, for the gaps and the shift cards.
  std::map<std::int64_t, std::string> labels;
  for (const auto& s : sw.problem.shifts) {
    Date day = local_date(s.time.begin, zone);
    labels[s.id.value] = Text(weekday_label(day.weekday())).render(lang) + " " + day.iso() + " " +
                         span(s, zone) + " " + lookup.project_record(s.project).name;
  }
  d.set("gaps_label", in(kGaps));
  Data gaps{Data::type::list};
  int n = 0;
  for (const auto& g : sw.roster.gaps) {
    Data x = base(c, *w);
    x.set("shift", std::to_string(g.shift));
    x.set("n", std::to_string(++n));
    x.set("label", labels[g.shift]);
    x.set("what",
          (g.kind == roster::GapKind::unfilled_slots
               ? Text::of(kSlotsEmpty, g.missing, g.needed)
               : Text::of(kSkillShort, g.missing, g.needed, lookup.skill_code(SkillId{g.skill})))
              .render(lang));
    Data people{Data::type::list};
    for (const auto& p : g.people) {
      Data y = base(c, *w);
      y.set("shift", std::to_string(g.shift));
      y.set("volunteer", std::to_string(p.volunteer));
      y.set("name", person(lookup, p.volunteer));
      y.set("why", planning::candidate_reason(p, g, w->week, c.db, lookup).render(lang));
      y.set("can_assign", w->can_edit);
      y.set("assign", in(kAssign));
      y.set("assign_label",
            Text::of(kAssignTo, person(lookup, p.volunteer), labels[g.shift]).render(lang));
      people.push_back(y);
    }
    x.set("people", people);
    if (g.people.empty()) x.set("nobody", in(kNobody));
    for (const auto& rc : g.reasons)
      if (rc.reason == roster::CandidateReason::not_available && rc.volunteers > 0)
        x.set("away", Text::of(kAway, rc.volunteers).render(lang));
    gaps.push_back(x);
  }
  d.set("gaps", gaps);
  if (sw.roster.gaps.empty() && !sw.problem.shifts.empty())
    d.set("no_gaps", in(sw.begun == 0                              ? kNoGaps
                        : sw.begun < int(sw.problem.shifts.size()) ? kNoGapsToCome
                                                                   : kAllBegun));
  // Each shift with its people and their actions.
  d.set("shifts_label", in(kShifts));
  Data shifts{Data::type::list};
  std::set<std::int64_t> rostered;
  for (const auto& s : sw.problem.shifts) {
    Data x;
    x.set("id", std::to_string(s.id.value));
    x.set("label", labels[s.id.value]);
    x.set("count", count(s));
    Data people{Data::type::list};
    for (auto v : on[s.id.value]) {
      rostered.insert(v);
      const bool pin = pinned.count({s.id.value, v}) > 0;
      const std::string name = person(lookup, v);
      Data p;
      p.set("name", name);
      p.set("pinned", pin);
      p.set("pinned_label", in(kPinned));
      // Who is on a shift that has begun is the record of who served (planning's freeze rule).
      p.set("edit", w->can_edit && !s.begun_by(c.now));
      Data forms{Data::type::list};
      const auto form = [&](const char* action, const Msg& text, const char* extra_name,
                            const char* extra_value) {
        Data f = base(c, *w);
        f.set("action", action);
        f.set("shift", std::to_string(s.id.value));
        f.set("volunteer", std::to_string(v));
        f.set("text", in(text));
        f.set("aria", Text::of(kActionsFor, Text(text), name).render(lang));
        if (extra_name) {
          f.set("extra_name", extra_name);
          f.set("extra_value", extra_value);
        }
        forms.push_back(f);
      };
      form("/staff/week/pin", pin ? kUnpin : kPin, "pin", pin ? "0" : "1");
      form("/staff/week/unassign", kOff, "as", "remove");
      form("/staff/week/unassign", kDropOut, "as", "dropout");
      p.set("forms", forms);
      people.push_back(p);
    }
    x.set("people", people);
    shifts.push_back(x);
  }
  d.set("shifts", shifts);
  if (!sw.dropped.empty()) {
    std::string list;
    for (const auto& a : sw.dropped)
      list +=
          (list.empty() ? "" : ", ") + person(lookup, a.volunteer) + " #" + std::to_string(a.shift);
    d.set("dropped", Text::of(kDropped, list).render(lang));
  }
  d.set("build", in(kBuild));
  d.set("fresh", in(kFresh));
  d.set("repair", in(kRepair));
  d.set("who", in(kWho));
  if (!rostered.empty()) {
    Data r;
    Data list{Data::type::list};
    for (auto v : rostered) {
      Data o;
      o.set("id", std::to_string(v));
      o.set("name", person(lookup, v));
      list.push_back(o);
    }
    r.set("list", list);
    d.set("rostered", r);
  }
  Head head;
  head.script = "week.js";
  head.refresh_seconds = 60;
  head.refresh_only_without_script = true;
  head.body_class = "wide";
  return c.page(Text(kTitle), render(kPage, d), head);
}

// The week in JSON: its version (changes when anyone's place changes) and each shift's people.
Response api_week(Ctx& c) {
  std::optional<Text> error;
  auto w = week_ref(c, error);
  if (!w && error) return json_error(c, 400, "bad_request", *error);
  if (!w) return c.out_of_scope();
  store::Lookup lookup(c.db);
  auto wp = planning::build_problem(c.db, w->scope());
  std::map<std::int64_t, std::vector<std::int64_t>> on;
  for (const auto& a : wp.problem.existing) on[a.shift].push_back(a.volunteer);
  nlohmann::json shifts = nlohmann::json::array();
  for (const auto& s : wp.shifts) {
    nlohmann::json people = nlohmann::json::array();
    for (auto v : on[s.id.value]) people.push_back(person(lookup, v));
    shifts.push_back({{"id", s.id.value},
                      {"date", local_date(s.time.begin, w->station.zone).iso()},
                      {"time", span(s, w->station.zone)},
                      {"project", lookup.project_record(s.project).name},
                      {"slots", s.slots},
                      {"people", people}});
  }
  nlohmann::json j{{"week", w->week.str()},
                   {"station", w->station.id.value},
                   {"version", planning::basis_of(wp)},
                   {"shifts", shifts}};
  return json(j.dump());
}

}  // namespace

std::string WeekRef::href(const std::string& extra) const {
  return "/staff/week?week=" + week.str() +
         (can_edit ? "" : "&station=" + std::to_string(station.id.value)) + extra;
}

roster::SolveOptions web_solve_options() {
  return planning::standard_solve_options();
}

std::optional<WeekRef> week_ref(const Ctx& c, std::optional<Text>& error) {
  const auto& a = c.staff();
  std::optional<StationId> id = a.station;
  if (!field(c, "station").empty()) {
    auto n = id_field(c, "station", kStationLabel, error);
    if (!n) return std::nullopt;
    if (!c.staff_sees(StationId{*n})) return std::nullopt;
    id = StationId{*n};
  }
  if (!id) {
    error = Text(kPickStation);
    return std::nullopt;
  }
  auto st = store::stations::get(c.db, *id);
  if (!st) return std::nullopt;
  WeekRef w{*st, IsoWeek::of(local_date(c.now, st->zone)),
            a.role == StaffRole::coordinator && a.station == st->id};
  const std::string week = field(c, "week");
  if (!week.empty()) {
    try {
      w.week = IsoWeek::parse(week);
    } catch (const DataError& e) {  // names the value and the form a week takes
      error = e.text();
      return std::nullopt;
    }
  }
  return w;
}

void add_week_board_routes(Routes& routes) {
  const StaffRoles who{StaffRole::coordinator, StaffRole::district};
  routes.add("GET", "/staff/week", who, board);
  routes.add("GET", "/api/v1/staff/week", who, api_week);
}

}  // namespace vstation::web::detail
