// Today at the station (/staff/today, issue 16 point 3): who is checked in now (since when, on
// which shift), who is rostered today and has not come (the shift started, or is still to
// come), who has left with the hours credited; kiosk::today_at decides each list. The page
// refreshes itself every minute (a meta refresh: no script needed); /api/v1/staff/today gives
// the same lists as JSON (docs/openapi.yaml). A coordinator sees their station; the district
// account any, with ?station=ID.

#include <nlohmann/json.hpp>

#include "page.hpp"
#include "routes.hpp"
#include "staff_station.hpp"
#include "vstation/kiosk/review.hpp"
#include "vstation/kiosk/today.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/text/width.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Today at the station", "今日站点"};
constexpr Msg kHeading{"{} · {} · updated {}", "{} · {} · 更新于 {}"};
constexpr Msg kHere{"Here now", "在岗"};
constexpr Msg kMissing{"Rostered, not here", "已排班未到"};
constexpr Msg kLeft{"Left today", "今日已离开"};
constexpr Msg kNobodyHere{"Nobody is checked in.", "目前无人签到。"};
constexpr Msg kNobodyMissing{"Everyone rostered today has come.", "今日排班人员均已到岗。"};
constexpr Msg kNobodyLeft{"Nobody has checked out today.", "今日尚无人签退。"};
constexpr Msg kSince{"since {}", "{} 起"};
constexpr Msg kWalkIn{"walk-in (no shift)", "临时签到（无排班）"};
constexpr Msg kOverdue{"past the check-out deadline", "已超过签退期限"};
constexpr Msg kStarted{"started {}, not checked in", "{} 已开始，未签到"};
constexpr Msg kEnded{"shift over, did not come", "班次已结束，未到"};
constexpr Msg kUpcoming{"starts {}", "{} 开始"};
constexpr Msg kCredited{"credited {}", "计入 {}"};
constexpr Msg kToReview{"awaiting review", "待审核"};
constexpr Msg kReviewLink{"Review queue", "审核队列"};
constexpr Msg kRefresh{"This page refreshes itself every minute.", "本页每分钟自动刷新。"};

constexpr int kRefreshSeconds = 60;

constexpr const char* kPage = R"(<p class="help">{{heading}}</p>
{{#sections}}<section class="card today" aria-labelledby="{{id}}-h" id="{{id}}">
<h2 id="{{id}}-h">{{title}} <span class="count">{{count}}</span></h2>
{{#any}}<ul class="people">{{#rows}}<li><span class="who">{{who}}</span> <span class="what">{{what}}</span>{{#note}} <span class="note {{note_class}}">{{note}}</span>{{/note}}</li>{{/rows}}</ul>{{/any}}
{{^any}}<p class="help">{{none}}</p>{{/any}}
</section>
{{/sections}}<p><a href="/staff/review{{query}}">{{review}}</a></p>
<p class="help">{{refresh}}</p>
)";

std::string hhmm(Instant t, const Station& st) {
  return local_time(t, st.zone).hhmm();
}

std::string who(store::Lookup& lookup, VolunteerId v) {
  const auto& vol = lookup.volunteer_record(v);
  return vol.number + " " + text::mask_name(vol.name);
}

std::string shift_text(store::Lookup& lookup, const Shift& s, const Station& st) {
  return hhmm(s.time.begin, st) + "–" + hhmm(s.time.end, st) + " " +
         lookup.project_record(s.project).name;
}

struct Row {
  std::string who, what, note, note_class;
};

struct Section {
  const char* id;
  Msg title;
  Msg none;
  std::vector<Row> rows;
};

std::vector<Section> sections(store::Lookup& lookup, const kiosk::Today& t, const Station& st,
                              Lang lang) {
  std::vector<Section> out{{"here", kHere, kNobodyHere, {}},
                           {"missing", kMissing, kNobodyMissing, {}},
                           {"left", kLeft, kNobodyLeft, {}}};
  for (const auto& p : t.present) {
    std::string what = Text::of(kSince, hhmm(p.session.effective_in, st)).render(lang) + " · " +
                       (p.shift ? shift_text(lookup, *p.shift, st) : Text(kWalkIn).render(lang));
    out[0].rows.push_back({who(lookup, p.session.volunteer), what,
                           p.overdue ? Text(kOverdue).render(lang) : "", "late"});
  }
  for (const auto& m : t.missing) {
    Text note = m.ended     ? Text(kEnded)
                : m.started ? Text::of(kStarted, hhmm(m.shift.time.begin, st))
                            : Text::of(kUpcoming, hhmm(m.shift.time.begin, st));
    out[1].rows.push_back({who(lookup, m.assignment.volunteer), shift_text(lookup, m.shift, st),
                           note.render(lang), m.started ? "late" : "upcoming"});
  }
  for (const auto& s : t.left) {
    std::string what =
        hhmm(s.effective_in, st) + "–" +
        (s.effective_out ? hhmm(*s.effective_out, st) : std::string("?")) + " · " +
        (s.project ? lookup.project_record(*s.project).name : Text(kWalkIn).render(lang));
    const bool waiting = kiosk::awaiting_review(s);
    Text note = s.status == SessionStatus::auto_closed ? Text(kToReview)
                : s.status == SessionStatus::rejected
                    ? label_of(s.status)
                    : Text::of(kCredited, duration_text(s.credited_minutes));
    out[2].rows.push_back(
        {who(lookup, s.volunteer), what, note.render(lang), waiting ? "late" : "done"});
  }
  return out;
}

Response today_page(Ctx& c) {
  auto pick = staff_station(c, "/staff/today", Text(kTitle));
  if (!pick.station) return pick.answer;
  const Station& st = *pick.station;
  store::Lookup lookup(c.db);
  auto t = kiosk::today_at(c.db, st, c.now);
  Data d;
  d.set("heading", Text::of(kHeading, st.name, t.day.iso(), hhmm(c.now, st)).render(c.lang));
  Data list{Data::type::list};
  for (auto& s : sections(lookup, t, st, c.lang)) {
    Data one;
    one.set("id", s.id);
    one.set("title", std::string(s.title.in(c.lang)));
    one.set("count", std::to_string(s.rows.size()));
    one.set("none", std::string(s.none.in(c.lang)));
    Data rows{Data::type::list};
    for (auto& r : s.rows) {
      Data row;
      row.set("who", r.who);
      row.set("what", r.what);
      if (!r.note.empty()) row.set("note", r.note);
      row.set("note_class", r.note_class);
      rows.push_back(row);
    }
    one.set("any", !s.rows.empty());
    one.set("rows", rows);
    list.push_back(one);
  }
  d.set("sections", list);
  d.set("query", pick.query);
  d.set("review", std::string(kReviewLink.in(c.lang)));
  d.set("refresh", std::string(kRefresh.in(c.lang)));
  Head head;
  head.refresh_seconds = kRefreshSeconds;
  return c.page(Text(kTitle), render(kPage, d), head);
}

// The same lists for programs: instants as UTC seconds, local times as HH:MM at the station.
Response today_api(Ctx& c) {
  auto pick = staff_station(c, "/staff/today", Text(kTitle));
  if (!pick.station) {
    if (pick.answer.status >= 400) return pick.answer;
    return json_error(c, 400, "station",
                      Text(Msg{"Name the station: ?station=ID.", "请指定站点：?station=ID。"}));
  }
  const Station& st = *pick.station;
  store::Lookup lookup(c.db);
  auto t = kiosk::today_at(c.db, st, c.now);
  auto person = [&](VolunteerId v) {
    const auto& vol = lookup.volunteer_record(v);
    return nlohmann::json{{"number", vol.number}, {"name", text::mask_name(vol.name)}};
  };
  auto shift = [&](const Shift& s) {
    return nlohmann::json{{"id", s.id.value},
                          {"starts", hhmm(s.time.begin, st)},
                          {"ends", hhmm(s.time.end, st)},
                          {"project", lookup.project_record(s.project).name}};
  };
  nlohmann::json j;
  j["station"] = {
      {"id", st.id.value}, {"code", st.code}, {"name", st.name}, {"time_zone", st.zone.name()}};
  j["day"] = t.day.iso();
  j["now"] = c.now.seconds;
  j["here"] = nlohmann::json::array();
  for (const auto& p : t.present)
    j["here"].push_back({{"session", p.session.id.value},
                         {"volunteer", person(p.session.volunteer)},
                         {"since", p.session.effective_in.seconds},
                         {"shift", p.shift ? shift(*p.shift) : nlohmann::json(nullptr)},
                         {"overdue", p.overdue}});
  j["missing"] = nlohmann::json::array();
  for (const auto& m : t.missing)
    j["missing"].push_back({{"volunteer", person(m.assignment.volunteer)},
                            {"shift", shift(m.shift)},
                            {"started", m.started},
                            {"ended", m.ended}});
  j["left"] = nlohmann::json::array();
  for (const auto& s : t.left)
    j["left"].push_back(
        {{"session", s.id.value},
         {"volunteer", person(s.volunteer)},
         {"in", s.effective_in.seconds},
         {"out", s.effective_out ? nlohmann::json(s.effective_out->seconds) : nlohmann::json()},
         {"status", std::string(code_of(s.status))},
         {"credited_minutes", s.credited_minutes}});
  return json(j.dump());
}

}  // namespace

void add_staff_today_routes(Routes& routes) {
  const StaffRoles who{StaffRole::coordinator, StaffRole::district};
  routes.add("GET", "/staff/today", who, today_page);
  routes.add("GET", "/api/v1/staff/today", who, today_api);
}

}  // namespace vstation::web::detail
