// Open slots, signing up and cancelling, as pages and as the JSON API. Every rule is
// planning::open_slots / sign_up / cancel; a refusal names the rule (403, 409 when full or
// already on it, 404 for a shift that is not there or not theirs) and changes nothing.

#include "shifts_pages.hpp"

#include <nlohmann/json.hpp>

#include "page.hpp"
#include "vstation/planning/self_service.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::web::detail {
namespace {

constexpr int kHorizonDays = 28;

constexpr Msg kTitle{"Open shifts", "可报名班次"};
constexpr Msg kYours{"Your shifts", "您的班次"};
constexpr Msg kOpen{"Shifts with free places (next four weeks)", "有空余名额的班次（未来四周）"};
// When shifts are kept back, why (planning::offer's reasons, one line each).
constexpr Msg kNoShifts{"No open slots in the next four weeks: no shifts are planned yet.",
                        "未来四周没有可报名的名额：尚未安排班次。"};
constexpr Msg kNoneForYou{"No open slot you can take in the next four weeks:",
                          "未来四周没有您可以报名的名额："};
constexpr Msg kNotOffered{"Not offered to you:", "以下班次未向您提供："};
constexpr Msg kReason{"{} ({})", "{}（{}）"};
constexpr Msg kOneShift{"1 shift", "1 个班次"};
constexpr Msg kShifts{"{} shifts", "{} 个班次"};
constexpr Msg kFull{"every place is taken", "名额已满"};
constexpr Msg kNone{"No shifts yet.", "暂无班次。"};
constexpr Msg kSignUp{"Sign up", "报名"};
constexpr Msg kCancel{"Cancel my place", "取消报名"};
constexpr Msg kFree{"{} of {} places free", "共 {1} 个名额，还剩 {0} 个"};
constexpr Msg kOneFree{"1 place free", "还剩 1 个名额"};
constexpr Msg kAllFree{"{} places free", "还剩 {} 个名额"};
constexpr Msg kUntil{"You can cancel here until {}.", "{} 前可在此取消。"};
constexpr Msg kTooLate{"Too late to cancel here: please contact the coordinator{}.",
                       "已过网上取消截止时间：请联系站长{}。"};
constexpr Msg kContact{" ({})", "（{}）"};
constexpr Msg kSignedUp{"You are on the shift. Thank you!", "报名成功，谢谢您！"};
constexpr Msg kCancelled{"Your place is cancelled; the coordinator can see it.",
                         "已取消报名，站长会看到。"};
constexpr Msg kNotSignedUp{"Not signed up", "未能报名"};
constexpr Msg kNotCancelled{"Not cancelled", "未能取消"};
constexpr Msg kNoSuchShift{"There is no such shift.", "没有这个班次。"};
constexpr Msg kDay{"{} {}", "{} {}"};
constexpr Msg kBinding{"Starts soon: once you sign up, only the coordinator can take you off it.",
                       "即将开始：报名后只能由站长取消。"};

constexpr const char* kShiftsPage = R"({{{flash}}}
<h2>{{yours_label}}</h2>
{{{mine}}}
<h2>{{open_label}}</h2>
{{#days}}<h3 class="day">{{day}}</h3>
{{#slots}}<div class="card slot"><span class="when">{{time}}</span> <span class="project">{{project}}</span><br><span class="free">{{free}}</span><br><span class="why{{#bent}} bent{{/bent}}">{{why}}</span>{{#binding}}<br><span class="late">{{binding}}</span>{{/binding}}
<form method="post" action="/shifts/{{id}}/signup"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{signup}}</button></form></div>
{{/slots}}{{/days}}{{#no_slots}}<p class="none">{{no_slots}}</p>
{{/no_slots}}{{#reasons_label}}<div class="card not-offered"><p>{{reasons_label}}</p>
<ul>{{#reasons}}<li>{{reason}}</li>{{/reasons}}</ul></div>
{{/reasons_label}})";

constexpr const char* kMine =
    R"({{#shifts}}<div class="card shift" id="shift-{{id}}"><span class="when">{{when}}</span> <span class="project">{{project}}</span><br><span class="where">{{where}}</span>
{{#cancellable}}<form method="post" action="/shifts/{{id}}/cancel"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="from" value="{{from}}"><button type="submit" class="secondary">{{cancel}}</button></form><p class="help">{{until}}</p>{{/cancellable}}{{^cancellable}}<p class="help late">{{late}}</p>{{/cancellable}}</div>
{{/shifts}}{{^shifts}}<p>{{none}}</p>{{/shifts}}
)";

// "Week of …: … (3 shifts)": a reason with the number of shifts it kept back.
std::string reason_line(const Text& why, int shifts, Lang lang) {
  std::string text = why.render(lang);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = char(text[0] - 'a' + 'A');
  const Text count = shifts == 1 ? Text(kOneShift) : Text::of(kShifts, shifts);
  return Text::of(kReason, text, count).render(lang);
}

}  // namespace

std::string day_label(Date d, Lang lang) {
  return Text::of(kDay, Text(weekday_label(d.weekday())), d.iso()).render(lang);
}

std::string time_span(const Shift& s, const TimeZone& zone) {
  return local_time(s.time.begin, zone).hhmm() + "–" + local_time(s.time.end, zone).hhmm();
}

namespace {

// The shift the path names, at this server's station; nullopt: 404.
std::optional<Shift> shift_of(const Ctx& c) {
  auto id = c.id_param("id");
  if (!id) return std::nullopt;
  auto s = store::shifts::get(c.db, ShiftId{*id});
  if (!s || s->station != c.station.id) return std::nullopt;
  return s;
}

int status_of(const planning::Refusal& e) {
  switch (e.kind()) {
    case planning::Refusal::Kind::not_found:
      return 404;
    case planning::Refusal::Kind::conflict:
      return 409;
    case planning::Refusal::Kind::not_allowed:
    case planning::Refusal::Kind::too_late:
      return 403;
  }
  return 403;
}

Response shifts_page(Ctx& c) {
  store::Lookup lookup(c.db);
  const TimeZone& zone = c.station.zone;
  Data d;
  d.set("flash", flash_html(c));
  d.set("yours_label", std::string(kYours.in(c.lang)));
  d.set("mine", my_shifts_html(c.db, c.volunteer(), c.now, c.csrf(), c.lang, "shifts"));
  d.set("open_label", std::string(kOpen.in(c.lang)));
  Data days{Data::type::list};
  Data day;
  Data slots{Data::type::list};
  std::optional<Date> current;
  const auto close_day = [&] {
    if (!current) return;
    day.set("slots", slots);
    days.push_back(day);
    day = Data();
    slots = Data(Data::type::list);
  };
  const planning::Offer offer =
      planning::offer(c.db, c.volunteer(), c.station.id, c.now, kHorizonDays);
  for (const auto& s : offer.slots) {
    Date on = local_date(s.shift.time.begin, zone);
    if (current != on) {
      close_day();
      current = on;
      day.set("day", day_label(on, c.lang));
    }
    Data x;
    x.set("id", std::to_string(s.shift.id.value));
    x.set("time", time_span(s.shift, zone));
    x.set("project", lookup.project_record(s.shift.project).name);
    // "1 of 1 places free" reads badly: a shift nobody has joined yet says only how many.
    const Text free = s.free != s.shift.slots ? Text::of(kFree, s.free, s.shift.slots)
                      : s.free == 1           ? Text(kOneFree)
                                              : Text::of(kAllFree, s.free);
    x.set("free", free.render(c.lang));
    x.set("why", s.why.render(c.lang));
    x.set("bent", !s.bends.empty());
    // Past the cancellation deadline already: say so before they commit to it.
    if (s.binding) x.set("binding", std::string(kBinding.in(c.lang)));
    slots.push_back(x);
  }
  close_day();
  d.set("days", days);
  // Nothing offered, or something kept back: say why, in the rules' own words.
  Data reasons{Data::type::list};
  for (const auto& n : offer.not_offered) {
    Data r;
    r.set("reason", reason_line(n.why, n.shifts, c.lang));
    reasons.push_back(r);
  }
  if (offer.full > 0) {
    Data r;
    r.set("reason", reason_line(Text(kFull), offer.full, c.lang));
    reasons.push_back(r);
  }
  // No shift at all in the horizon; else every shift not offered has its reason listed.
  if (offer.shifts == 0) d.set("no_slots", std::string(kNoShifts.in(c.lang)));
  if (!offer.not_offered.empty() || offer.full > 0) {
    d.set("reasons_label",
          std::string((offer.slots.empty() ? kNoneForYou : kNotOffered).in(c.lang)));
    d.set("reasons", reasons);
  }
  d.set("signup", std::string(kSignUp.in(c.lang)));
  d.set("csrf", c.csrf());
  return c.page(Text(kTitle), render(kShiftsPage, d));
}

Response sign_up_form(Ctx& c) {
  auto s = shift_of(c);
  if (!s) return c.message(Text(kNotSignedUp), Text(kNoSuchShift), 404, "/shifts");
  try {
    planning::sign_up(c.db, c.volunteer(), s->id, c.now, c.actor());
  } catch (const planning::Refusal& e) {
    return c.message(Text(kNotSignedUp), e.text(), status_of(e), "/shifts");
  }
  return redirect("/me?done=signed-up");
}

Response cancel_form(Ctx& c) {
  const std::string back = c.req.form("from").value_or("") == "shifts" ? "/shifts" : "/me";
  auto s = shift_of(c);
  if (!s) return c.message(Text(kNotCancelled), Text(kNoSuchShift), 404, back);
  try {
    planning::cancel(c.db, c.volunteer(), s->id, c.now, c.actor());
  } catch (const planning::Refusal& e) {
    return c.message(Text(kNotCancelled), e.text(), status_of(e), back);
  }
  return redirect(back + "?done=cancelled");
}

nlohmann::json shift_json(store::Lookup& lookup, const Shift& s) {
  const Station& st = lookup.station_record(s.station);
  const Project& p = lookup.project_record(s.project);
  return {{"id", s.id.value},
          {"starts", format_iso(s.time.begin, st.zone)},
          {"ends", format_iso(s.time.end, st.zone)},
          {"project", {{"code", p.code}, {"name", p.name}}},
          {"station", st.code},
          {"places", s.slots}};
}

Response api_open(Ctx& c) {
  store::Lookup lookup(c.db);
  const planning::Offer offer =
      planning::offer(c.db, c.volunteer(), c.station.id, c.now, kHorizonDays);
  auto out = nlohmann::json::array();
  for (const auto& s : offer.slots) {
    auto j = shift_json(lookup, s.shift);
    j["free"] = s.free;
    j["fits"] = s.bends.empty();
    j["preferred"] = s.preferred;
    j["returning"] = s.returning;
    j["binding"] = s.binding;
    auto bends = nlohmann::json::array();
    for (auto b : s.bends) bends.push_back(planning::bend_code(b));
    j["bends"] = bends;
    j["why"] = s.why.render(c.lang);
    out.push_back(j);
  }
  auto kept = nlohmann::json::array();
  for (const auto& n : offer.not_offered)
    kept.push_back({{"wall", planning::wall_code(n.wall)},
                    {"shifts", n.shifts},
                    {"why", n.why.render(c.lang)}});
  return json(nlohmann::json{{"slots", out}, {"not_offered", kept}, {"full", offer.full}}.dump());
}

nlohmann::json mine_json(store::Lookup& lookup, const planning::MyShift& m) {
  auto j = shift_json(lookup, m.shift);
  j["status"] = m.assignment.status == AssignmentStatus::confirmed ? "confirmed" : "planned";
  j["cancellable_until"] =
      format_iso(m.cancellable_until, lookup.station_record(m.shift.station).zone);
  j["cancellable"] = m.cancellable;
  return j;
}

Response api_mine(Ctx& c) {
  store::Lookup lookup(c.db);
  auto out = nlohmann::json::array();
  for (const auto& m : planning::my_shifts(c.db, c.volunteer(), c.now))
    out.push_back(mine_json(lookup, m));
  return json(nlohmann::json{{"shifts", out}}.dump());
}

Response api_sign_up(Ctx& c) {
  auto s = shift_of(c);
  if (!s) return json_error(c, 404, "not_found", Text(kNoSuchShift));
  try {
    planning::sign_up(c.db, c.volunteer(), s->id, c.now, c.actor());
  } catch (const planning::Refusal& e) {
    return json_error(c, status_of(e), e.code(), e.text());
  }
  store::Lookup lookup(c.db);
  for (const auto& m : planning::my_shifts(c.db, c.volunteer(), c.now))
    if (m.shift.id == s->id)
      return json(nlohmann::json{{"shift", mine_json(lookup, m)}}.dump(), 201);
  return json(nlohmann::json{{"shift", shift_json(lookup, *s)}}.dump(), 201);
}

Response api_cancel(Ctx& c) {
  auto s = shift_of(c);
  if (!s) return json_error(c, 404, "not_found", Text(kNoSuchShift));
  try {
    planning::cancel(c.db, c.volunteer(), s->id, c.now, c.actor());
  } catch (const planning::Refusal& e) {
    return json_error(c, status_of(e), e.code(), e.text());
  }
  store::Lookup lookup(c.db);
  auto j = shift_json(lookup, *s);
  j["status"] = "cancelled";
  return json(nlohmann::json{{"shift", j}}.dump());
}

}  // namespace

std::string my_shifts_html(store::Connection& db, VolunteerId v, Instant now,
                           const std::string& csrf, Lang lang, const std::string& from) {
  store::Lookup lookup(db);
  Data d;
  Data shifts{Data::type::list};
  for (const auto& m : planning::my_shifts(db, v, now)) {
    const Station& where = lookup.station_record(m.shift.station);
    Date day = local_date(m.shift.time.begin, where.zone);
    Data s;
    s.set("id", std::to_string(m.shift.id.value));
    s.set("when", day_label(day, lang) + " " + time_span(m.shift, where.zone));
    s.set("project", lookup.project_record(m.shift.project).name);
    s.set("where", where.name);
    s.set("cancellable", m.cancellable);
    Date until_day = local_date(m.cancellable_until, where.zone);
    s.set("until", Text::of(kUntil, day_label(until_day, lang) + " " +
                                        local_time(m.cancellable_until, where.zone).hhmm())
                       .render(lang));
    Text contact = where.contact.empty() ? Text() : Text::of(kContact, where.contact);
    s.set("late", Text::of(kTooLate, contact).render(lang));
    shifts.push_back(s);
  }
  d.set("shifts", shifts);
  d.set("none", std::string(kNone.in(lang)));
  d.set("cancel", std::string(kCancel.in(lang)));
  d.set("csrf", csrf);
  d.set("from", from);
  return render(kMine, d);
}

std::string flash_html(const Ctx& c) {
  auto done = c.req.param("done").value_or("");
  const Msg* m = done == "signed-up" ? &kSignedUp : done == "cancelled" ? &kCancelled : nullptr;
  if (!m) return "";
  Data d;
  d.set("text", std::string(m->in(c.lang)));
  return render(R"(<p class="flash" role="status">{{text}}</p>
)",
                d);
}

void add_shifts_routes(Routes& routes) {
  routes.add("GET", "/shifts", Access::volunteer, shifts_page);
  routes.add("POST", "/shifts/{id}/signup", Access::volunteer, sign_up_form);
  routes.add("POST", "/shifts/{id}/cancel", Access::volunteer, cancel_form);
  routes.add("GET", "/api/v1/shifts/open", Access::volunteer, api_open);
  routes.add("POST", "/api/v1/shifts/{id}/signup", Access::volunteer, api_sign_up);
  routes.add("POST", "/api/v1/shifts/{id}/cancel", Access::volunteer, api_cancel);
  routes.add("GET", "/api/v1/me/shifts", Access::volunteer, api_mine);
}

}  // namespace vstation::web::detail
