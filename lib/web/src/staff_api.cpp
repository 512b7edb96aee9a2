// The JSON API's staff routes (docs/openapi.yaml): signing in with login and password (the
// /staff/signin form's rule: signin.hpp), who is signed in, signing out, and a station as the
// account's scope allows (the example of an object loaded by id and checked with staff_sees).

#include <nlohmann/json.hpp>

#include "routes.hpp"
#include "signin.hpp"
#include "vstation/kiosk/retry.hpp"
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

std::optional<std::string> field(const Request& r, const nlohmann::json& body, const char* name) {
  if (!r.header("content-type").value_or("").starts_with("application/json")) return r.form(name);
  if (!body.is_object()) return std::nullopt;
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Response sign_in(Ctx& c) {
  auto body = nlohmann::json::parse(c.req.body, nullptr, false);
  Response out = json("{}");
  auto result =
      sign_in_with_password(c, field(c.req, body, "login"), field(c.req, body, "password"), out);
  if (result.kind == SignInResult::Kind::malformed)
    return json_error(c, 400, result.code, Text(kBadBody));
  if (result.kind != SignInResult::Kind::accepted)
    return json_error(c, result.status, result.code, result.text);
  out.body =
      account_json(c.db, *store::staff::get(c.db, *result.staff), csrf_for(result.token)).dump();
  return out;
}

Response sign_out(Ctx& c) {
  kiosk::retry_transaction(c.db,
                           [&] { return store::web::revoke_session(c.db, c.session->session.id); });
  Response out;
  out.status = 204;
  out.headers.emplace_back("Set-Cookie", session_cookie(kSessionCookie, "", c.req.tls, 0));
  return out;
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
  routes.add("POST", "/api/v1/staff/signin", Access::anyone, sign_in);
  routes.add("GET", "/api/v1/staff/me", StaffRoles::all(),
             [](Ctx& c) { return json(account_json(c.db, c.staff(), c.csrf()).dump()); });
  routes.add("POST", "/api/v1/staff/signout", StaffRoles::all(), sign_out);
  routes.add("GET", "/api/v1/staff/stations/{id}", StaffRoles::all(), station);
}

}  // namespace vstation::web::detail
