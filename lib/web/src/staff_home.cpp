// The staff home page (/staff): who is signed in, their role and station, and the bar of the
// staff pages their role may open (page.cpp kStaffNav).

#include "page.hpp"
#include "routes.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Staff", "工作人员"};
constexpr Msg kWho{"Signed in as", "当前登录"};
constexpr Msg kRole{"Role", "角色"};
constexpr Msg kStation{"Station", "站点"};
constexpr Msg kEveryStation{"every station", "全部站点"};
constexpr Msg kSignOut{"Sign out", "退出登录"};

constexpr const char* kTemplate = R"(<div class="card figures">
<div><span>{{who_label}}</span><strong>{{name}} ({{login}})</strong></div>
<div><span>{{role_label}}</span><strong>{{role}}</strong></div>
<div><span>{{station_label}}</span><strong>{{station}}</strong></div>
</div>
<form method="post" action="/staff/signout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{signout}}</button></form>
)";

// The account's station as people read it ("I城志愿服务站 (icity)"), or every station.
std::string station_text(const Ctx& c) {
  const auto& a = c.staff();
  if (!a.station) return std::string(kEveryStation.in(c.lang));
  store::Lookup lookup(c.db);
  const auto& st = lookup.station_record(*a.station);
  return st.name + " (" + st.code + ")";
}

Response home(Ctx& c) {
  const auto& a = c.staff();
  Data d;
  d.set("who_label", std::string(kWho.in(c.lang)));
  d.set("name", a.name);
  d.set("login", a.login);
  d.set("role_label", std::string(kRole.in(c.lang)));
  d.set("role", label_of(a.role).render(c.lang));
  d.set("station_label", std::string(kStation.in(c.lang)));
  d.set("station", station_text(c));
  d.set("signout", std::string(kSignOut.in(c.lang)));
  d.set("csrf", c.csrf());
  return c.page(Text(kTitle), render(kTemplate, d));
}

}  // namespace

void add_staff_routes(Routes& routes) {
  routes.add("GET", "/staff", StaffRoles::all(), home);
  // The pages of issue 16 add their routes here or in their own file, each naming the roles that
  // may open it, e.g. routes.add("GET", "/staff/week", StaffRoles{StaffRole::coordinator}, week);
}

}  // namespace vstation::web::detail
