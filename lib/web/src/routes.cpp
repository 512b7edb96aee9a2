#include "routes.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "page.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/staff.hpp"

namespace vstation::web::detail {
namespace {

constexpr const char* kMessage = R"(<p{{#error}} class="error" role="alert"{{/error}}>{{text}}</p>
<p><a href="{{back}}">{{back_label}}</a></p>
)";
constexpr Msg kBack{"Back", "返回"};

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t at = 1;
  while (at <= path.size()) {
    auto slash = path.find('/', at);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(at, slash - at));
    at = slash + 1;
  }
  return out;
}

bool matches(std::string_view pattern, std::string_view path,
             std::map<std::string, std::string>& params) {
  if (pattern == path) return true;
  auto want = segments(pattern);
  auto got = segments(path);
  if (want.size() != got.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (got[i].empty()) return false;
      found.emplace(std::string(w.substr(1, w.size() - 2)), std::string(got[i]));
    } else if (w != got[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

VolunteerId Ctx::volunteer() const {
  return std::get<VolunteerId>(session->session.principal);
}

PairedDeviceId Ctx::device() const {
  return std::get<PairedDeviceId>(session->session.principal);
}

const StaffAccount& Ctx::staff() const {
  return staff_account.value();
}

bool Ctx::staff_sees(StationId station) const {
  return staff_account && may_see(*staff_account, station);
}

Response Ctx::not_found(const std::string& back) const {
  static constexpr Msg kNotFound{"Not found", "页面不存在"};
  static constexpr Msg kNoSuch{"There is no such page.", "没有这个页面。"};
  if (is_api(req.path)) return json_error(*this, 404, "not_found", Text(kNoSuch));
  return message(Text(kNotFound), Text(kNoSuch), 404, back);
}

Response Ctx::out_of_scope() const {
  return not_found("/staff");
}

std::string Ctx::actor() const {
  if (!session) return "web";
  if (auto v = session->volunteer())
    return "web volunteer " + store::Lookup(db).volunteer_number(*v);
  if (auto a = session->staff()) {
    if (staff_account) return "web " + audit_name(*staff_account);
    if (auto found = store::staff::get(db, *a)) return "web " + audit_name(*found);
    return "web staff " + std::to_string(a->value);
  }
  return "web device " + std::to_string(device().value);
}

std::optional<std::int64_t> Ctx::id_param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  std::int64_t n = 0;
  const auto& s = it->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || n <= 0) return std::nullopt;
  return n;
}

Response Ctx::page(const Text& title, const std::string& content, int status) const {
  return page(title, content, Head{}, status);
}

// Where the language switch comes back to: this page when a GET reaches it again (its query
// too: a pairing link keeps its code), else the start page of whoever is asking (the result of
// a form cannot be fetched again).
std::string Ctx::here() const {
  if (req.method == "GET") {
    std::string out = req.path;
    char sep = '?';
    for (const auto& [k, v] : req.query) {
      if (k == "lang") continue;
      out += sep + url_encode(k) + "=" + url_encode(v);
      sep = '&';
    }
    return out;
  }
  if (!session) return "/";
  if (session->staff()) return "/staff";
  return session->volunteer() ? "/me" : "/kiosk";
}

Response Ctx::page(const Text& title, const std::string& content, Head head, int status) const {
  head.volunteer_nav = session && session->volunteer().has_value();
  if (staff_account) head.staff_nav = staff_account->role;
  return html(layout(lang, title, content, here(), head), status);
}

Response Ctx::message(const Text& title, const Text& text, int status,
                      const std::string& back) const {
  Data d;
  d.set("text", text.render(lang));
  d.set("back", back);
  d.set("back_label", std::string(kBack.in(lang)));
  d.set("error", status >= 400);
  return page(title, render(kMessage, d), status);
}

Route& Routes::add(std::string method, std::string pattern, Access access, Handler handler) {
  if (access == Access::staff)
    throw std::logic_error("a staff route names its roles: " + pattern);
  return routes_.emplace_back(
      Route{std::move(method), std::move(pattern), access, std::move(handler), {}});
}

Route& Routes::add(std::string method, std::string pattern, StaffRoles roles, Handler handler) {
  if (roles.empty()) throw std::logic_error("a staff route for no role: " + pattern);
  return routes_.emplace_back(
      Route{std::move(method), std::move(pattern), Access::staff, std::move(handler), roles});
}

const Route* Routes::match(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>& params, bool& path_known) const {
  const std::string& m = method == "HEAD" ? std::string("GET") : method;
  path_known = false;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> p;
    if (!matches(r.pattern, path, p)) continue;
    if (r.method != m) {
      path_known = true;
      continue;
    }
    params = std::move(p);
    return &r;
  }
  return nullptr;
}

Gate gate(const Route& route, const std::optional<SignedIn>& session,
          const std::optional<StaffAccount>& staff) {
  if (route.access == Access::anyone) return Gate::admit;
  if (!session) return Gate::wrong_kind;
  switch (route.access) {
    case Access::anyone:
      return Gate::admit;
    case Access::volunteer:
      return session->volunteer() ? Gate::admit : Gate::wrong_kind;
    case Access::device:
      return session->device() ? Gate::admit : Gate::wrong_kind;
    case Access::signed_in:
      return session->volunteer() || session->device() ? Gate::admit : Gate::wrong_kind;
    case Access::staff:
      if (!session->staff() || !staff || staff->id != *session->staff() || staff->retired)
        return Gate::wrong_kind;
      return route.roles.has(staff->role) ? Gate::admit : Gate::wrong_role;
  }
  return Gate::wrong_kind;
}

bool is_api(const std::string& path) {
  return path.rfind("/api/", 0) == 0;
}

Response json(std::string body, int status) {
  Response r;
  r.status = status;
  r.set("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

Response json_error(const Ctx& c, int status, std::string_view code, const Text& text) {
  nlohmann::json j;
  j["error"] = {{"code", code}, {"message", text.render(c.lang)}};
  return json(j.dump(), status);
}

}  // namespace vstation::web::detail
