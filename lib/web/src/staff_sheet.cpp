// The coordinator's printable sheet for the notice board (/staff/sheet, issue 16 point 3): the
// week's roster as `roster show --format html` prints it (planning::roster_body_html, names
// masked), and on a second page the station's "sign in on your phone" poster with its QR code
// (poster.hpp). A4 from the browser's print menu; the header, the navigation and the week links
// do not print. ?week=2024-W23 picks another week (default: this week at the station).

#include "page.hpp"
#include "poster.hpp"
#include "routes.hpp"
#include "staff_station.hpp"
#include "vstation/domain/calendar.hpp"
#include "vstation/planning/roster_view.hpp"
#include "vstation/planning/week.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Notice-board sheet", "公告栏打印页"};
constexpr Msg kNoShifts{"No shifts in {} yet.", "{} 尚无班次。"};
constexpr Msg kPrevious{"Previous week", "上一周"};
constexpr Msg kNext{"Next week", "下一周"};
constexpr Msg kWeeks{"Weeks", "周次"};
constexpr Msg kPrint{"Print it from the browser's menu (A4): the roster, then the sign-in poster.",
                     "请用浏览器菜单打印（A4）：先是排班表，然后是手机登录海报。"};

constexpr const char* kPage =
    R"(<nav class="no-print weeks" aria-label="{{weeks}}"><a href="/staff/sheet?{{station_q}}week={{previous}}">{{previous_label}}</a> <a href="/staff/sheet?{{station_q}}week={{next}}">{{next_label}}</a></nav>
<p class="no-print help">{{print}}</p>
<section class="sheet-roster">
{{#roster}}{{{roster}}}{{/roster}}{{^roster}}<p>{{no_shifts}}</p>{{/roster}}
</section>
<section class="sheet-poster">
{{{poster}}}
</section>
)";

Response sheet(Ctx& c) {
  auto pick = staff_station(c, "/staff/sheet", Text(kTitle));
  if (!pick.station) return pick.answer;
  const Station& st = *pick.station;
  IsoWeek week = IsoWeek::of(local_date(c.now, st.zone));
  if (auto w = c.req.param("week")) {
    try {
      week = IsoWeek::parse(*w);
    } catch (const DataError& e) {  // names the value and the form a week takes
      return c.message(Text(kTitle), e.text(), 400, "/staff/sheet");
    }
  }
  auto wp = planning::build_problem(c.db, {week, st.id});
  Data d;
  if (!wp.shifts.empty())
    d.set("roster", planning::roster_body_html(planning::build_view(c.db, wp), c.lang));
  d.set("no_shifts", Text::of(kNoShifts, week.str()).render(c.lang));
  d.set("poster", poster_html(c, st.name));
  d.set("station_q", pick.query.empty() ? std::string() : pick.query.substr(1) + "&");
  d.set("previous", week.previous().str());
  d.set("next", week.next().str());
  d.set("previous_label", std::string(kPrevious.in(c.lang)));
  d.set("next_label", std::string(kNext.in(c.lang)));
  d.set("weeks", std::string(kWeeks.in(c.lang)));
  d.set("print", std::string(kPrint.in(c.lang)));
  Head head;
  head.body_class = "sheet";
  return c.page(Text(kTitle), render(kPage, d), head);
}

}  // namespace

void add_staff_sheet_routes(Routes& routes) {
  routes.add("GET", "/staff/sheet", StaffRoles{StaffRole::coordinator, StaffRole::district}, sheet);
}

}  // namespace vstation::web::detail
