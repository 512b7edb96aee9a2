// A volunteer's page for their coordinator (/staff/volunteers/{id} and
// GET /api/v1/staff/volunteers/{id}): who they are (phone and ID masked, one revealable at a time
// with the coordinator's password), their hours as /me shows them (my_figures), their upcoming
// shifts and recent sessions, and the forms to reissue the badge and reset the PIN.

#include <algorithm>

#include "me_page.hpp"
#include "page.hpp"
#include "shifts_pages.hpp"
#include "staff_volunteers.hpp"
#include "vstation/planning/self_service.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/width.hpp"

namespace vstation::web::detail {
namespace {

constexpr std::size_t kRecentSessions = 10;

constexpr Msg kNumber{"Number", "编号"};
constexpr Msg kName{"Name", "姓名"};
constexpr Msg kStatus{"Status", "状态"};
constexpr Msg kJoined{"Joined", "加入日期"};
constexpr Msg kPhone{"Phone", "手机"};
constexpr Msg kId{"ID document", "证件"};
constexpr Msg kSkills{"Skills", "技能"};
constexpr Msg kRevealLegend{"Show one number in full", "显示一项完整号码"};
constexpr Msg kWhich{"Which number", "哪一项"};
constexpr Msg kPhoneNumber{"Phone number", "手机号"};
constexpr Msg kIdNumber{"ID number", "证件号"};
constexpr Msg kYourPassword{"Your password", "您的密码"};
constexpr Msg kShow{"Show", "显示"};
constexpr Msg kRevealHelp{
    "One number at a time; each is recorded in the audit trail under your name. Five wrong "
    "passwords lock your account for five minutes.",
    "每次显示一项；每次都以您的名义记入审计记录。连续输错五次密码将锁定您的账户五分钟。"};
constexpr Msg kQuarter{"This quarter ({})", "本季度（{}）"};
constexpr Msg kSinceJoining{"Since joining", "加入以来"};
constexpr Msg kStars{"Star level", "星级"};
constexpr Msg kUpcoming{"Upcoming shifts", "即将到来的班次"};
constexpr Msg kNoShifts{"No upcoming shift.", "没有即将到来的班次。"};
constexpr Msg kRecent{"Recent sessions", "最近的服务记录"};
constexpr Msg kNoSessions{"No session yet.", "尚无服务记录。"};
constexpr Msg kBadge{"Badge", "志愿者证"};
constexpr Msg kReissue{"Reissue the badge", "补发志愿者证"};
constexpr Msg kReissueHelp{"Earlier badges stop working; the new one opens for printing.",
                           "旧证件随即失效；新证件将打开以供打印。"};
constexpr Msg kPin{"PIN", "PIN 码"};
constexpr Msg kNewPin{"New PIN (4 to 8 digits; empty: a random one is made)",
                      "新 PIN 码（4 到 8 位数字；留空则随机生成）"};
constexpr Msg kResetPin{"Reset the PIN", "重设 PIN 码"};
constexpr Msg kPinHelp{"Their lockout is cleared and they are signed out on every phone.",
                       "其锁定状态将被清除，并在所有手机上退出登录。"};
constexpr Msg kBackToList{"All volunteers", "全部志愿者"};

constexpr const char* kTemplate = R"({{{notice}}}<p><a href="/staff/volunteers">{{back}}</a></p>
<div class="card figures">
<div><span>{{number_label}}</span><strong>{{number}}</strong></div>
<div><span>{{name_label}}</span><strong>{{name}}</strong></div>
<div><span>{{status_label}}</span><strong>{{status}}</strong></div>
<div><span>{{joined_label}}</span><strong>{{joined}}</strong></div>
<div><span>{{phone_label}}</span><strong class="{{phone_class}}">{{phone}}</strong></div>
<div><span>{{id_label}}</span><strong class="{{id_class}}">{{id}}</strong></div>
<div><span>{{skills_label}}</span><strong>{{skills}}</strong></div>
</div>
{{#can_reveal}}<form method="post" action="/staff/volunteers/{{vid}}/reveal" class="card reveal">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset><legend>{{reveal_legend}}</legend>
<label for="field">{{which_label}}</label>
<select id="field" name="field">{{#fields}}<option value="{{value}}">{{label}}</option>{{/fields}}</select>
<label for="password">{{password_label}}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit" class="secondary">{{show}}</button>
<p class="help">{{reveal_help}}</p></fieldset>
</form>
{{/can_reveal}}<div class="card figures">
<div><span class="label">{{quarter_label}}</span><span class="figure">{{quarter}}</span></div>
<div><span class="label">{{total_label}}</span><span class="figure">{{total}}</span></div>
<div><span class="label">{{stars_label}}</span><span class="figure stars">{{stars}}</span></div>
</div>
<h2>{{upcoming_label}}</h2>
{{#shifts}}<div class="card shift"><span class="when">{{when}}</span> <span class="project">{{project}}</span><br><span class="where">{{where}}</span></div>
{{/shifts}}{{^shifts}}<p>{{no_shifts}}</p>{{/shifts}}
<h2>{{recent_label}}</h2>
{{#any_sessions}}<ul class="sessions">{{/any_sessions}}{{#sessions}}<li><span class="when">{{when}}</span> <span class="pref">{{status}}</span> {{hours}}</li>
{{/sessions}}{{#any_sessions}}</ul>{{/any_sessions}}{{^sessions}}<p>{{no_sessions}}</p>{{/sessions}}
<h2>{{badge_label}}</h2>
<form method="post" action="/staff/volunteers/{{vid}}/badge" class="card">
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="help">{{reissue_help}}</p>
<button type="submit" class="secondary">{{reissue}}</button>
</form>
<h2>{{pin_label}}</h2>
<form method="post" action="/staff/volunteers/{{vid}}/pin" class="card">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="pin">{{new_pin_label}}</label>
<input id="pin" name="pin" inputmode="numeric" pattern="[0-9]{4,8}" maxlength="8" autocomplete="off">
<p class="help">{{pin_help}}</p>
<button type="submit" class="secondary">{{reset_pin}}</button>
</form>
)";

// The volunteer's sessions, latest first, at most kRecentSessions.
std::vector<Session> recent_sessions(store::Connection& db, VolunteerId v) {
  auto all = store::sessions::of_volunteer(db, v);
  std::sort(all.begin(), all.end(), [](const Session& a, const Session& b) {
    return a.effective_in.seconds > b.effective_in.seconds;
  });
  if (all.size() > kRecentSessions) all.resize(kRecentSessions);
  return all;
}

std::string session_when(const Session& s, const TimeZone& zone) {
  std::string out = format_local(s.effective_in, zone) + "–";
  if (s.effective_out) out += local_time(*s.effective_out, zone).hhmm();
  return out;
}

std::string id_text(const Volunteer& v, bool revealed, Lang lang) {
  if (v.id_number.empty()) return "—";
  return label_of(v.id_type).render(lang) + " " +
         (revealed ? v.id_number : text::mask_id_number(v.id_number));
}

Response detail_json(Ctx& c) {
  auto v = volunteer_in_scope(c);
  if (!v) return c.out_of_scope();
  store::Lookup lookup(c.db);
  const Station& home = lookup.station_record(station_of(c, *v));
  const MyFigures f = my_figures(c.db, v->id, home, c.now);
  auto j = volunteer_summary_json(*v);
  j["skills"] = skills_of(c, v->id);
  j["join_date"] = v->join_date.iso();
  j["station"] = home.code;
  j["quarter"] = f.quarter.str();
  j["quarter_minutes"] = f.quarter_minutes;
  j["total_minutes"] = f.total_minutes;
  j["stars"] = f.stars;
  j["upcoming"] = nlohmann::json::array();
  for (const auto& m : planning::my_shifts(c.db, v->id, c.now)) {
    const Station& where = lookup.station_record(m.shift.station);
    j["upcoming"].push_back({{"shift_id", m.shift.id.value},
                             {"starts", format_iso(m.shift.time.begin, where.zone)},
                             {"ends", format_iso(m.shift.time.end, where.zone)},
                             {"project", lookup.project_record(m.shift.project).name},
                             {"station", where.code}});
  }
  j["recent_sessions"] = nlohmann::json::array();
  for (const auto& s : recent_sessions(c.db, v->id)) {
    const Station& where = lookup.station_record(s.station);
    j["recent_sessions"].push_back(
        {{"id", s.id.value},
         {"checked_in", format_iso(s.effective_in, where.zone)},
         {"checked_out", s.effective_out ? nlohmann::json(format_iso(*s.effective_out, where.zone))
                                         : nlohmann::json(nullptr)},
         {"status", std::string(code_of(s.status))},
         {"credited_minutes", s.credited_minutes}});
  }
  return json(j.dump());
}

}  // namespace

Response volunteer_page(Ctx& c, const Volunteer& v, const VolunteerView& view, int status) {
  store::Lookup lookup(c.db);
  const Station& home = lookup.station_record(station_of(c, v));
  const MyFigures f = my_figures(c.db, v.id, home, c.now);
  const Lang lang = c.lang;
  auto tr = [lang](const Msg& m) { return std::string(m.in(lang)); };
  Data d;
  d.set("notice", view.notice_html);
  d.set("back", tr(kBackToList));
  d.set("vid", std::to_string(v.id.value));
  d.set("csrf", c.csrf());
  d.set("number_label", tr(kNumber));
  d.set("number", v.number);
  d.set("name_label", tr(kName));
  d.set("name", v.name);
  d.set("status_label", tr(kStatus));
  d.set("status", label_of(v.status).render(lang));
  d.set("joined_label", tr(kJoined));
  d.set("joined", v.join_date.iso());
  const bool phone_shown = view.revealed == Revealable::phone;
  const bool id_shown = view.revealed == Revealable::id_number;
  d.set("phone_label", tr(kPhone));
  d.set("phone", v.phone.empty() ? "—" : phone_shown ? v.phone : text::mask_phone(v.phone));
  d.set("phone_class", phone_shown ? "revealed" : "masked");
  d.set("id_label", tr(kId));
  d.set("id", id_text(v, id_shown, lang));
  d.set("id_class", id_shown ? "revealed" : "masked");
  d.set("skills_label", tr(kSkills));
  std::string skills;
  for (const auto& s : skills_of(c, v.id)) skills += (skills.empty() ? "" : ", ") + s;
  d.set("skills", skills.empty() ? std::string("—") : skills);
  Data fields{Data::type::list};
  auto field = [&](const char* value, const Msg& label) {
    Data x;
    x.set("value", value);
    x.set("label", tr(label));
    fields.push_back(x);
  };
  if (!v.phone.empty()) field("phone", kPhoneNumber);
  if (!v.id_number.empty()) field("id_number", kIdNumber);
  d.set("can_reveal", !v.phone.empty() || !v.id_number.empty());
  d.set("fields", fields);
  d.set("reveal_legend", tr(kRevealLegend));
  d.set("which_label", tr(kWhich));
  d.set("password_label", tr(kYourPassword));
  d.set("show", tr(kShow));
  d.set("reveal_help", tr(kRevealHelp));
  d.set("quarter_label", Text::of(kQuarter, f.quarter.str()).render(lang));
  d.set("quarter", hours(f.quarter_minutes, lang));
  d.set("total_label", tr(kSinceJoining));
  d.set("total", hours(f.total_minutes, lang));
  d.set("stars_label", tr(kStars));
  d.set("stars", star_row(f.stars));
  d.set("upcoming_label", tr(kUpcoming));
  Data shifts{Data::type::list};
  for (const auto& m : planning::my_shifts(c.db, v.id, c.now)) {
    const Station& where = lookup.station_record(m.shift.station);
    Data s;
    s.set("when", day_label(local_date(m.shift.time.begin, where.zone), lang) + " " +
                      time_span(m.shift, where.zone));
    s.set("project", lookup.project_record(m.shift.project).name);
    s.set("where", where.name);
    shifts.push_back(s);
  }
  d.set("shifts", shifts);
  d.set("no_shifts", tr(kNoShifts));
  d.set("recent_label", tr(kRecent));
  Data sessions{Data::type::list};
  const auto recent = recent_sessions(c.db, v.id);
  bool any_sessions = false;
  for (const auto& s : recent) {
    Data x;
    x.set("when", session_when(s, lookup.station_record(s.station).zone));
    x.set("status", label_of(s.status).render(lang));
    x.set("hours", hours(s.credited_minutes, lang));
    sessions.push_back(x);
    any_sessions = true;
  }
  d.set("sessions", sessions);
  d.set("any_sessions", any_sessions);
  d.set("no_sessions", tr(kNoSessions));
  d.set("badge_label", tr(kBadge));
  d.set("reissue_help", tr(kReissueHelp));
  d.set("reissue", tr(kReissue));
  d.set("pin_label", tr(kPin));
  d.set("new_pin_label", tr(kNewPin));
  d.set("pin_help", tr(kPinHelp));
  d.set("reset_pin", tr(kResetPin));
  return c.page(Text::of(Msg{"{} {}", "{} {}"}, v.number, v.name), render(kTemplate, d), status);
}

void add_staff_volunteer_page_routes(Routes& routes) {
  routes.add("GET", "/staff/volunteers/{id}", kVolunteerPagesRoles, [](Ctx& c) {
    auto v = volunteer_in_scope(c);
    if (!v) return c.out_of_scope();
    return volunteer_page(c, *v, {});
  });
  routes.add("GET", "/api/v1/staff/volunteers/{id}", kVolunteerPagesRoles, detail_json);
}

}  // namespace vstation::web::detail
