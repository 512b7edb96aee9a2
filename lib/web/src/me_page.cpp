#include "me_page.hpp"

#include <fmt/format.h>

#include "page.hpp"
#include "routes.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/upcoming.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kHello{"Hello, {}", "{}，你好"};
constexpr Msg kQuarter{"This quarter ({})", "本季度（{}）"};
constexpr Msg kSinceJoining{"Since joining", "加入以来"};
constexpr Msg kHours{"{} h", "{} 小时"};
constexpr Msg kStars{"Star level", "星级"};
constexpr Msg kUpcoming{"Your next shifts", "你的下一个班次"};
constexpr Msg kNone{"No shifts yet.", "暂无班次。"};
constexpr Msg kSignOut{"Sign out", "退出登录"};
constexpr Msg kMeTitle{"My service", "我的服务"};

constexpr const char* kTemplate = R"(<p class="hello">{{hello}}</p>
<div class="card figures">
<div><span class="label">{{quarter_label}}</span><span class="figure">{{quarter}}</span></div>
<div><span class="label">{{total_label}}</span><span class="figure">{{total}}</span></div>
<div><span class="label">{{stars_label}}</span><span class="figure stars">{{stars}}</span></div>
</div>
<h2>{{upcoming_label}}</h2>
{{#shifts}}<div class="card shift"><span class="when">{{when}}</span> <span class="project">{{project}}</span><br><span class="where">{{where}}</span></div>
{{/shifts}}{{^shifts}}<p>{{none}}</p>{{/shifts}}
<form method="post" action="/signout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{signout}}</button></form>
)";

std::string hours(std::int64_t minutes, Lang lang) {
  return Text::of(kHours, fmt::format("{:.1f}", double(minutes) / 60.0)).render(lang);
}

}  // namespace

std::string me_content(store::Connection& db, VolunteerId v, StationId station, Instant now,
                       const std::string& csrf, Lang lang) {
  store::Lookup lookup(db);
  const Volunteer& vol = lookup.volunteer_record(v);
  const Station& st = lookup.station_record(station);
  const Date today = local_date(now, st.zone);
  const Quarter q = Quarter::of(today);
  // The quarter's hours as a certificate would state them (the counting rules' one home),
  // without composing the rest of a certificate.
  std::int64_t quarter_minutes = 0;
  try {
    quarter_minutes = report::certificate_service(db, vol, st, q.days()).credited_minutes;
  } catch (const DataError&) {
  }
  kiosk::Ledger ledger(db, "web");
  const auto total = ledger.total_minutes(v);
  Data d;
  d.set("hello", Text::of(kHello, vol.name).render(lang));
  d.set("quarter_label", Text::of(kQuarter, q.str()).render(lang));
  d.set("quarter", hours(quarter_minutes, lang));
  d.set("total_label", std::string(kSinceJoining.in(lang)));
  d.set("total", hours(total, lang));
  d.set("stars_label", std::string(kStars.in(lang)));
  int level = StarLevels{}.level_for_minutes(total);
  std::string stars;
  for (int i = 0; i < 5; ++i) stars += i < level ? "★" : "☆";
  d.set("stars", stars);
  d.set("upcoming_label", std::string(kUpcoming.in(lang)));
  Data shifts{Data::type::list};
  for (const auto& u : store::upcoming::of_volunteer(db, v, now)) {
    const Station& where = lookup.station_record(u.shift.station);
    Date day = local_date(u.shift.time.begin, where.zone);
    Data s;
    s.set("when", Text(weekday_label(day.weekday())).render(lang) + " " + day.iso() + " " +
                      local_time(u.shift.time.begin, where.zone).hhmm() + "–" +
                      local_time(u.shift.time.end, where.zone).hhmm());
    s.set("project", lookup.project_record(u.shift.project).name);
    s.set("where", where.name);
    shifts.push_back(s);
  }
  d.set("shifts", shifts);
  d.set("none", std::string(kNone.in(lang)));
  d.set("signout", std::string(kSignOut.in(lang)));
  d.set("csrf", csrf);
  return render(kTemplate, d);
}

void add_me_routes(Routes& routes) {
  routes.add("GET", "/me", Access::volunteer, [](Ctx& c) {
    return c.page(Text(kMeTitle),
                  me_content(c.db, c.volunteer(), c.station.id, c.now, c.csrf(), c.lang));
  });
}

}  // namespace vstation::web::detail
