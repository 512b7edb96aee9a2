// The JSON API's own session routes (docs/openapi.yaml): who is signed in and the CSRF token
// their POSTs carry, signing in with number and PIN (the /signin form's rule: signin.hpp) and
// signing out.

#include <nlohmann/json.hpp>

#include "routes.hpp"
#include "signin.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kBadBody{"Send number and pin as a JSON object or as form fields.",
                       "请以 JSON 对象或表单字段提交 number 和 pin。"};

constexpr Msg kNotJsonObject{"The body is not a JSON object ({\"name\": \"value\", ...}).",
                             "请求正文不是 JSON 对象（{\"名称\": \"值\", ...}）。"};
constexpr Msg kNotString{"'{}' must be a string (in double quotes).",
                         "“{}”必须是字符串（用双引号）。"};

// The signed-in principal as the API shows it, with the token for its POSTs.
nlohmann::json principal(store::Connection& db, const store::web::Principal& who,
                         const std::string& csrf) {
  nlohmann::json j;
  if (const auto* v = std::get_if<VolunteerId>(&who)) {
    j["kind"] = "volunteer";
    j["volunteer"] = {{"number", store::Lookup(db).volunteer_number(*v)}};
  } else {
    j["kind"] = "device";
    j["device"] = {{"id", std::get<PairedDeviceId>(who).value}};
  }
  j["csrf_token"] = csrf;
  return j;
}

// A string field of a JSON object body, or of a form body.
std::optional<std::string> field(const Request& r, const nlohmann::json& body, const char* name) {
  if (r.media_type() != "application/json") return r.form(name);
  if (!body.is_object()) return std::nullopt;
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

Response api_sign_in(
    Ctx& c, const char* who_field, const char* secret_field, const Msg& bad_body, SignInRule sign,
    const std::function<std::string(const SignInResult&, const std::string&)>& principal) {
  auto body = nlohmann::json::parse(c.req.body, nullptr, false);
  // A JSON body that is not an object of strings is said as such, before any field is read.
  if (c.req.media_type() == "application/json") {
    if (!body.is_object()) return json_error(c, 400, "bad_request", Text(kNotJsonObject));
    for (const char* name : {who_field, secret_field})
      if (auto it = body.find(name); it != body.end() && !it->is_string())
        return json_error(c, 400, "bad_field", Text::of(kNotString, name));
  }
  Response out = json("{}");
  auto result = sign(c, field(c.req, body, who_field), field(c.req, body, secret_field), out);
  if (result.kind == SignInResult::Kind::malformed)
    return json_error(c, 400, result.code, Text(bad_body));
  if (result.kind != SignInResult::Kind::accepted)
    return json_error(c, result.status, result.code, result.text);
  out.body = principal(result, csrf_for(result.token));
  return out;
}

Response api_sign_out(Ctx& c) {
  kiosk::retry_transaction(c.db,
                           [&] { return store::web::revoke_session(c.db, c.session->session.id); });
  Response out;
  out.status = 204;
  out.headers.emplace_back("Set-Cookie", session_cookie(kSessionCookie, "", c.req.tls, 0));
  return out;
}

void add_api_session_routes(Routes& routes) {
  routes.add("GET", "/api/v1/session", Access::signed_in, [](Ctx& c) {
    return json(principal(c.db, c.session->session.principal, c.csrf()).dump());
  });
  routes.add("POST", "/api/v1/signin", Access::anyone, [](Ctx& c) {
    return api_sign_in(c, "number", "pin", kBadBody, sign_in_with_pin,
                       [&c](const SignInResult& r, const std::string& csrf) {
                         return principal(c.db, *r.volunteer, csrf).dump();
                       });
  }).hashes_secret = true;
  routes.add("POST", "/api/v1/signout", Access::signed_in, api_sign_out);
}

}  // namespace vstation::web::detail
