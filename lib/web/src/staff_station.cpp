#include "staff_station.hpp"

#include "page.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kPick{"Pick a station:", "请选择站点："};

constexpr const char* kPicker = R"(<p>{{pick}}</p>
<ul class="stations">{{#stations}}<li><a href="{{path}}?station={{id}}">{{name}} ({{code}})</a></li>{{/stations}}</ul>
)";

}  // namespace

StaffStation staff_station(Ctx& c, const std::string& path, const Text& title) {
  StaffStation out;
  const auto& a = c.staff();
  out.read_only = a.role == StaffRole::district;
  if (c.req.param("station")) {
    // "?station=abc" or "?station=" is a malformed address, not an unknown station: 400 naming it.
    std::optional<Text> error;
    auto id = id_field(c, "station", kStationLabel, error);
    if (!id) {
      out.answer = is_api(c.req.path) ? json_error(c, 400, "bad_request", *error)
                                      : c.message(title, *error, 400, "/staff");
      return out;
    }
    if (!c.staff_sees(StationId{*id})) {
      out.answer = c.out_of_scope();
      return out;
    }
    out.station = store::stations::get(c.db, StationId{*id});
    if (!out.station) {
      out.answer = c.out_of_scope();
      return out;
    }
    if (!a.station) out.query = "?station=" + std::to_string(*id);
    return out;
  }
  if (a.station) {
    out.station = store::stations::get(c.db, *a.station);
    if (!out.station) out.answer = c.out_of_scope();
    return out;
  }
  Data d;
  d.set("pick", std::string(kPick.in(c.lang)));
  d.set("path", path);
  Data list{Data::type::list};
  for (const auto& st : store::stations::all(c.db)) {
    if (!c.staff_sees(st.id)) continue;
    Data one;
    one.set("id", std::to_string(st.id.value));
    one.set("name", st.name);
    one.set("code", st.code);
    list.push_back(one);
  }
  d.set("stations", list);
  out.answer = c.page(title, render(kPicker, d));
  return out;
}

}  // namespace vstation::web::detail
