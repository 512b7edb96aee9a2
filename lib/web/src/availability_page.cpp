// A volunteer's weekly availability on their phone: the windows they offer (weekday, from–to,
// ok / prefer / avoid) and the weekly limits the roster builder keeps to. Windows are added and
// removed through the availability record kind, the very code `vstation availability add` and
// the CSV import use, so its checks (end after start, a real weekday) are the only ones.

#include <algorithm>
#include <nlohmann/json.hpp>

#include "page.hpp"
#include "routes.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Availability", "可服务时间"};
constexpr Msg kIntro{
    "When you can usually serve. The roster favours the times you prefer and "
    "uses the ones you would rather avoid only when it must.",
    "您通常可以服务的时间。排班时优先安排您偏好的时段，尽量不安排您希望避开的时段。"};
constexpr Msg kNone{"No weekly times yet: the roster treats you as available at any time.",
                    "尚未填写每周时间：排班时视为任何时间都可以。"};
constexpr Msg kRemove{"Remove", "删除"};
constexpr Msg kAddTitle{"Add a time", "添加时间"};
constexpr Msg kDay{"Weekday", "星期"};
constexpr Msg kFrom{"From", "开始"};
constexpr Msg kTo{"To", "结束"};
constexpr Msg kPreference{"Preference", "偏好"};
constexpr Msg kAdd{"Add", "添加"};
constexpr Msg kLimits{"Weekly limits", "每周上限"};
constexpr Msg kMaxShifts{"At most {} shifts a week", "每周最多 {} 个班次"};
constexpr Msg kMaxHours{"At most {} a week", "每周最多 {}"};
constexpr Msg kLimitsHelp{"Ask the coordinator to change these.", "如需修改，请联系站长。"};
constexpr Msg kFieldError{"{}: {}", "{}：{}"};
constexpr Msg kWeekdayOnly{"give a weekday, Mon to Sun", "请选择星期几（周一至周日）"};
constexpr Msg kRequired{"required (the form has it: reload the page if it is missing)",
                        "必填（表单中有此项：如缺失请刷新页面）"};
constexpr Msg kNotYours{"There is no such time of yours.", "没有您的这个时间段。"};

constexpr const char* kPage = R"(<p class="help">{{intro}}</p>
{{#windows}}<div class="card window"><span class="when">{{day}} {{from}}–{{to}}</span> <span class="pref pref-{{pref_code}}">{{pref}}</span>
<form method="post" action="/me/availability/{{id}}/remove" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary small">{{remove}}</button></form></div>
{{/windows}}{{^windows}}<p>{{none}}</p>{{/windows}}
<h2>{{add_title}}</h2>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<form method="post" action="/me/availability" class="card">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="day">{{day_label}}</label>
<select id="day" name="day">{{#days}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/days}}</select>
<label for="start">{{from_label}}</label>
<input id="start" name="start" type="time" required value="{{start}}">
<label for="end">{{to_label}}</label>
<input id="end" name="end" type="time" required value="{{end}}">
<label for="preference">{{pref_label}}</label>
<select id="preference" name="preference">{{#prefs}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/prefs}}</select>
<button type="submit">{{add}}</button>
</form>
<h2>{{limits}}</h2>
<div class="card"><p>{{max_shifts}}</p><p>{{max_hours}}</p><p class="help">{{limits_help}}</p></div>
)";

const store::RecordKind& kind() {
  return *store::find_kind("availability");
}

std::string describe(const AvailabilityWindow& w) {
  return std::string(weekday_code(w.day)) + " " + w.start.hhmm() + "-" + w.end.hhmm() + " " +
         std::string(code_of(w.preference));
}

// What the form sent (kept on the page when it is refused).
struct Form {
  std::string day = "Mon", start = "09:00", end = "12:00", preference = "ok";
};

Response show(const Ctx& c, const Form& form = {}, const std::string& error = "",
              int status = 200) {
  const VolunteerId v = c.volunteer();
  const Lang lang = c.lang;
  Data d;
  d.set("intro", std::string(kIntro.in(lang)));
  d.set("csrf", c.csrf());
  d.set("remove", std::string(kRemove.in(lang)));
  Data windows{Data::type::list};
  for (const auto& w : store::availability::windows(c.db, v)) {
    Data i;
    i.set("id", std::to_string(w.id.value));
    i.set("day", Text(weekday_label(w.day)).render(lang));
    i.set("from", w.start.hhmm());
    i.set("to", w.end.hhmm());
    i.set("pref_code", std::string(code_of(w.preference)));
    i.set("pref", label_of(w.preference).render(lang));
    i.set("csrf", c.csrf());
    i.set("remove", std::string(kRemove.in(lang)));
    windows.push_back(i);
  }
  d.set("windows", windows);
  d.set("none", std::string(kNone.in(lang)));
  d.set("add_title", std::string(kAddTitle.in(lang)));
  if (!error.empty()) d.set("error", error);
  d.set("day_label", std::string(kDay.in(lang)));
  Data days{Data::type::list};
  for (int i = 0; i < 7; ++i) {
    Data o;
    o.set("code", std::string(weekday_code(Weekday(i))));
    o.set("label", Text(weekday_label(Weekday(i))).render(lang));
    o.set("selected", form.day == weekday_code(Weekday(i)));
    days.push_back(o);
  }
  d.set("days", days);
  d.set("from_label", std::string(kFrom.in(lang)));
  d.set("to_label", std::string(kTo.in(lang)));
  d.set("start", form.start);
  d.set("end", form.end);
  d.set("pref_label", std::string(kPreference.in(lang)));
  Data prefs{Data::type::list};
  for (const auto& e : enum_entries<Preference>()) {
    Data o;
    o.set("code", std::string(e.code));
    o.set("label", Text(e.label).render(lang));
    o.set("selected", form.preference == e.code);
    prefs.push_back(o);
  }
  d.set("prefs", prefs);
  d.set("add", std::string(kAdd.in(lang)));
  // A copy: the Lookup that owns the record is a temporary.
  const Volunteer me = store::Lookup(c.db).volunteer_record(v);
  d.set("limits", std::string(kLimits.in(lang)));
  d.set("max_shifts", Text::of(kMaxShifts, me.max_shifts_per_week).render(lang));
  d.set("max_hours", Text::of(kMaxHours, duration_text(me.max_minutes_per_week)).render(lang));
  d.set("limits_help", std::string(kLimitsHelp.in(lang)));
  return c.page(Text(kTitle), render(kPage, d), status);
}

Response add(Ctx& c) {
  const VolunteerId v = c.volunteer();
  Form form;
  form.day = c.req.form("day").value_or("");
  form.start = c.req.form("start").value_or("");
  form.end = c.req.form("end").value_or("");
  form.preference = c.req.form("preference").value_or("ok");  // not sent: the usual
  const auto& k = kind();
  auto refused = [&](const store::FieldError& e) {
    std::string column = e.column();
    if (auto i = k.column_index(column)) {
      const auto& spec = k.columns()[*i];
      column = std::string(c.lang == Lang::zh ? spec.name_zh : spec.name);
    }
    return show(c, form, Text::of(kFieldError, column, e.text()).render(c.lang), 400);
  };
  // A field sent empty is refused: the file's empty times (the whole day) and preference (ok)
  // are not this form's, which sends them filled (the preference may be left out: ok).
  for (const auto& [column, value] :
       {std::pair{"day", &form.day}, std::pair{"start", &form.start}, std::pair{"end", &form.end},
        std::pair{"preference", &form.preference}})
    if (value->empty()) return refused(store::FieldError(column, Text(kRequired), true));
  // This form adds weekly windows; the kind would take a date as a dated exception.
  if (form.day.find('-') != std::string::npos)
    return refused(store::FieldError("day", Text(kWeekdayOnly), true));
  try {
    kiosk::retry_transaction(c.db, [&] {
      store::Lookup lookup(c.db);
      store::RecordKind::Cells cells(k.columns().size());
      auto put = [&](std::string_view column, const std::string& value) {
        cells[*k.column_index(column)] = value;
      };
      put("volunteer", lookup.volunteer_number(v));
      put("day", form.day);
      put("start", form.start);
      put("end", form.end);
      put("preference", form.preference);
      auto before = store::availability::windows(c.db, v);
      k.add(c.db, lookup, cells);
      for (const auto& w : store::availability::windows(c.db, v)) {
        bool is_new = std::none_of(before.begin(), before.end(),
                                   [&](const AvailabilityWindow& b) { return b.id == w.id; });
        if (!is_new) continue;
        store::AuditEntry e;
        e.at = c.now;
        e.actor = c.actor();
        e.entity = "availability";
        e.entity_id = w.id.value;
        e.action = "add";
        e.new_value = describe(w);
        store::audit::append(c.db, e);
      }
      return 0;
    });
  } catch (const store::FieldError& e) {
    return refused(e);
  }
  return redirect("/me/availability");
}

Response remove(Ctx& c) {
  const VolunteerId v = c.volunteer();
  auto id = c.id_param("id");
  std::optional<AvailabilityWindow> w;
  if (id) w = store::availability::window(c.db, AvailabilityId{*id});
  if (!w || w->volunteer != v)
    return c.message(Text(kTitle), Text(kNotYours), 404, "/me/availability");
  kiosk::retry_transaction(c.db, [&] {
    store::Lookup lookup(c.db);
    kind().retire(c.db, lookup, "W" + std::to_string(w->id.value), {c.now, {}});
    store::AuditEntry e;
    e.at = c.now;
    e.actor = c.actor();
    e.entity = "availability";
    e.entity_id = w->id.value;
    e.action = "remove";
    e.old_value = describe(*w);
    store::audit::append(c.db, e);
    return 0;
  });
  return redirect("/me/availability");
}

Response api(Ctx& c) {
  const VolunteerId v = c.volunteer();
  nlohmann::json j;
  j["windows"] = nlohmann::json::array();
  for (const auto& w : store::availability::windows(c.db, v))
    j["windows"].push_back({{"id", w.id.value},
                            {"weekday", weekday_code(w.day)},
                            {"start", w.start.hhmm()},
                            {"end", w.end.hhmm()},
                            {"preference", code_of(w.preference)}});
  // A copy: the Lookup that owns the record is a temporary.
  const Volunteer me = store::Lookup(c.db).volunteer_record(v);
  j["max_shifts_per_week"] = me.max_shifts_per_week;
  j["max_minutes_per_week"] = me.max_minutes_per_week;
  return json(j.dump());
}

}  // namespace

void add_availability_routes(Routes& routes) {
  routes.add("GET", "/me/availability", Access::volunteer, [](Ctx& c) { return show(c); });
  routes.add("POST", "/me/availability", Access::volunteer, add);
  routes.add("POST", "/me/availability/{id}/remove", Access::volunteer, remove);
  routes.add("GET", "/api/v1/me/availability", Access::volunteer, api);
}

}  // namespace vstation::web::detail
