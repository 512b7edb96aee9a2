#include "me_page.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "page.hpp"
#include "routes.hpp"
#include "shifts_pages.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kHello{"Hello, {}", "{}，您好"};
constexpr Msg kQuarter{"This quarter ({})", "本季度（{}）"};
constexpr Msg kSinceJoining{"Since joining", "加入以来"};
constexpr Msg kHours{"{} h", "{} 小时"};
constexpr Msg kStars{"Star level", "星级"};
// The way to the next level, by the report's and certificates' thresholds (StarLevels).
constexpr Msg kToNext{"{} h more to the next level ({}, from {} h)",
                      "再服务 {} 小时可达下一星级（{}，{} 小时起）"};
constexpr Msg kTop{"The highest level", "已达最高星级"};
constexpr Msg kUpcoming{"Your next shifts", "您的下一个班次"};
constexpr Msg kSignOut{"Sign out", "退出登录"};
constexpr Msg kMeTitle{"My service", "我的服务"};

constexpr const char* kTemplate = R"({{{forgotten}}}<p class="hello">{{hello}}</p>
<div class="card figures">
<div><span class="label">{{quarter_label}}</span><span class="figure">{{quarter}}</span></div>
<div><span class="label">{{total_label}}</span><span class="figure">{{total}}</span></div>
<div><span class="label">{{stars_label}}</span><span class="figure stars">{{stars}}</span></div>
<p class="help next-level">{{next_level}}</p>
</div>
<h2>{{upcoming_label}}</h2>
{{{shifts}}}<form method="post" action="/signout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{signout}}</button></form>
)";

// "3.5 h more to the next level (★★☆☆☆, from 300 h)": the hours still to go, rounded up to a
// tenth (never "0.0 more" while a minute is missing).
std::string next_level_text(const MyFigures& f, Lang lang) {
  if (!f.next) return std::string(kTop.in(lang));
  const std::int64_t tenths = (f.next->minutes_left * 10 + 59) / 60;
  return Text::of(kToNext, fmt::format("{}.{}", tenths / 10, tenths % 10), star_row(f.next->level),
                  f.next->hours)
      .render(lang);
}

}  // namespace

std::string hours(std::int64_t minutes, Lang lang) {
  return Text::of(kHours, fmt::format("{:.1f}", double(minutes) / 60.0)).render(lang);
}

std::string star_row(int level) {
  std::string stars;
  for (int i = 0; i < 5; ++i) stars += i < level ? "★" : "☆";
  return stars;
}

MyFigures my_figures(store::Connection& db, VolunteerId v, const Station& st, Instant now) {
  store::Lookup lookup(db);
  const Volunteer& vol = lookup.volunteer_record(v);
  const Date today = local_date(now, st.zone);
  MyFigures f;
  f.name = vol.name;
  f.number = vol.number;
  f.quarter = Quarter::of(today);
  // The quarter's hours as a certificate would state them (the counting rules' one home),
  // without composing the rest of a certificate.
  f.quarter_minutes = report::certificate_service(db, vol, st, f.quarter.days()).credited_minutes;
  f.total_minutes = kiosk::Ledger(db, "web").total_minutes(v);
  f.stars = StarLevels{}.level_for_minutes(f.total_minutes);
  f.next = StarLevels{}.next_level(f.total_minutes);
  return f;
}

std::string me_content(store::Connection& db, VolunteerId v, StationId station, Instant now,
                       const std::string& csrf, Lang lang) {
  store::Lookup lookup(db);
  const MyFigures f = my_figures(db, v, lookup.station_record(station), now);
  Data d;
  d.set("forgotten", forgotten_cards(db, v, now, csrf, lang));
  d.set("hello", Text::of(kHello, f.name).render(lang));
  d.set("quarter_label", Text::of(kQuarter, f.quarter.str()).render(lang));
  d.set("quarter", hours(f.quarter_minutes, lang));
  d.set("total_label", std::string(kSinceJoining.in(lang)));
  d.set("total", hours(f.total_minutes, lang));
  d.set("stars_label", std::string(kStars.in(lang)));
  d.set("stars", star_row(f.stars));
  d.set("next_level", next_level_text(f, lang));
  d.set("upcoming_label", std::string(kUpcoming.in(lang)));
  d.set("shifts", my_shifts_html(db, v, now, csrf, lang, "me"));
  d.set("signout", std::string(kSignOut.in(lang)));
  d.set("csrf", csrf);
  return render(kTemplate, d);
}

void add_me_routes(Routes& routes) {
  routes.add("GET", "/me", Access::volunteer, [](Ctx& c) {
    return c.page(Text(kMeTitle),
                  flash_html(c) +
                      me_content(c.db, c.volunteer(), c.station.id, c.now, c.csrf(), c.lang));
  });
  routes.add("GET", "/api/v1/me", Access::volunteer, [](Ctx& c) {
    const MyFigures f = my_figures(c.db, c.volunteer(), c.station, c.now);
    nlohmann::json j;
    j["number"] = f.number;
    j["name"] = f.name;
    j["quarter"] = f.quarter.str();
    j["quarter_minutes"] = f.quarter_minutes;
    j["total_minutes"] = f.total_minutes;
    j["stars"] = f.stars;
    j["next_level"] = nullptr;
    if (f.next)
      j["next_level"] = {{"level", f.next->level},
                         {"from_hours", f.next->hours},
                         {"minutes_left", f.next->minutes_left}};
    return json(j.dump());
  });
}

}  // namespace vstation::web::detail
