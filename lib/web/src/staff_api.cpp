// The JSON API's staff routes (docs/openapi.yaml): signing in with login and password (the
// /staff/signin form's rule: signin.hpp), who is signed in, signing out, and a station as the
// account's scope allows (the example of an object loaded by id and checked with staff_sees).

#include <nlohmann/json.hpp>

#include "routes.hpp"
#include "signin.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kBadBody{"Send login and password as a JSON object or as form fields.",
                       "请以 JSON 对象或表单字段提交 login 和 password。"};

nlohmann::json station_json(const Station& st) {
  return {{"id", st.id.value}, {"code", st.code}, {"name", st.name}, {"time_zone", st.zone.name()}};
}

// The signed-in account as the API shows it, with the token for its POSTs.
nlohmann::json account_json(store::Connection& db, const StaffAccount& a, const std::string& csrf) {
  nlohmann::json j;
  j["kind"] = "staff";
  j["login"] = a.login;
  j["name"] = a.name;
  j["role"] = std::string(code_of(a.role));
  j["station"] = a.station ? station_json(store::Lookup(db).station_record(*a.station))
                           : nlohmann::json(nullptr);
  j["csrf_token"] = csrf;
  return j;
}

// A station by id, if the account may see it (404 otherwise, as for an unknown id).
Response station(Ctx& c) {
  auto id = c.id_param("id");
  if (!id || !c.staff_sees(StationId{*id})) return c.out_of_scope();
  auto st = store::stations::get(c.db, StationId{*id});
  if (!st) return c.out_of_scope();
  return json(station_json(*st).dump());
}

}  // namespace

void add_staff_api_routes(Routes& routes) {
  routes.add("POST", "/api/v1/staff/signin", Access::anyone, [](Ctx& c) {
    return api_sign_in(c, "login", "password", kBadBody, sign_in_with_password,
                       [&c](const SignInResult& r, const std::string& csrf) {
                         return account_json(c.db, *store::staff::get(c.db, *r.staff), csrf).dump();
                       });
  }).hashes_secret = true;
  routes.add("GET", "/api/v1/staff/me", StaffRoles::all(),
             [](Ctx& c) { return json(account_json(c.db, c.staff(), c.csrf()).dump()); });
  routes.add("POST", "/api/v1/staff/signout", StaffRoles::all(), api_sign_out);
  routes.add("GET", "/api/v1/staff/stations/{id}", StaffRoles::all(), station);
}

}  // namespace vstation::web::detail
