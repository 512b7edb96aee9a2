#include "routes.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "page.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/text/width.hpp"

namespace vstation::web::detail {
namespace {

constexpr const char* kMessage = R"(<p{{#error}} class="error" role="alert"{{/error}}>{{text}}</p>
<p><a href="{{back}}">{{back_label}}</a></p>
)";
constexpr Msg kBack{"Back", "返回"};

// Whether `path` fits `pattern` segment by segment ("/api/v1/shifts/{id}/signup"); each {name}
// segment's value, never empty, goes to on_param(name, value). Walks both strings in place: every
// request is matched against the whole table (twice by the server: App::slow, then handle), so
// this allocates nothing for the routes that do not fit.
template <class F>
bool walk(std::string_view pattern, std::string_view path, F&& on_param) {
  if (pattern == path) return true;
  if (pattern.empty() || path.empty()) return false;
  std::size_t a = 1, b = 1;  // after each leading '/'
  while (true) {
    auto ea = std::min(pattern.find('/', a), pattern.size());
    auto eb = std::min(path.find('/', b), path.size());
    auto want = pattern.substr(a, ea - a);
    auto got = path.substr(b, eb - b);
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      if (got.empty()) return false;
      on_param(want.substr(1, want.size() - 2), got);
    } else if (want != got) {
      return false;
    }
    const bool pattern_done = ea == pattern.size(), path_done = eb == path.size();
    if (pattern_done || path_done) return pattern_done && path_done;
    a = ea + 1;
    b = eb + 1;
  }
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
    return "web volunteer " + (session->session.volunteer_number.empty()
                                   ? store::Lookup(db).volunteer_number(*v)
                                   : session->session.volunteer_number);
  if (auto a = session->staff()) {
    if (staff_account) return "web " + audit_name(*staff_account);
    if (auto found = store::staff::get(db, *a)) return "web " + audit_name(*found);
    return "web staff " + std::to_string(a->value);
  }
  return "web device " + std::to_string(device().value);
}

std::optional<std::int64_t> positive_id(std::string_view s) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || n <= 0) return std::nullopt;
  return n;
}

std::string shown_value(std::string_view typed) {
  std::string shown(text::first_chars(typed, 60));
  if (shown.size() < typed.size()) shown += "…";
  return escape_controls(shown);
}

std::string field(const Ctx& c, const char* name) {
  if (c.req.method == "POST")
    if (auto v = c.req.form(name)) return *v;
  return c.req.param(name).value_or("");
}

std::optional<std::int64_t> id_field(const Ctx& c, const char* name, const Msg& label,
                                     std::optional<Text>& error) {
  static constexpr Msg kNotId{"{}: '{}' is not a number (a whole number above 0).",
                              "{}：“{}”不是编号（应为大于 0 的整数）。"};
  const std::string given = field(c, name);
  if (given.empty()) {
    error = Text::of(kFieldRequired, Text(label));
    return std::nullopt;
  }
  auto n = positive_id(given);
  if (!n) error = Text::of(kNotId, Text(label), shown_value(given));
  return n;
}

std::optional<std::int64_t> Ctx::id_param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return positive_id(it->second);
}

Response Ctx::page(const Text& title, const std::string& content, int status) const {
  return page(title, content, Head{}, status);
}

// Where the language switch comes back to: this page when a GET (or HEAD) reaches it again (its
// query too: a pairing link keeps its code), else the start page of whoever is asking (the result
// of a form cannot be fetched again).
std::string Ctx::here() const {
  if (req.fetches()) {
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

std::string_view Ctx::choice(std::string_view name, std::initializer_list<std::string_view> choices,
                             std::optional<std::string_view> absent) const {
  std::string key(name);
  auto value = req.method == "POST" ? req.form(key) : req.param(key);
  if (!value && absent) return *absent;
  if (value)
    for (std::string_view c : choices)
      if (*value == c) return c;
  throw BadChoice(key, !value);
}

Response Ctx::message(const Text& title, const Text& text, int status,
                      const std::string& back) const {
  Data d;
  d.set("text", text.render_sentence(lang));
  d.set("back", back);
  d.set("back_label", std::string(kBack.in(lang)));
  d.set("error", status >= 400);
  return page(title, render(kMessage, d), status);
}

Route& Routes::add(std::string method, std::string pattern, Access access, Handler handler) {
  if (access == Access::staff) throw std::logic_error("a staff route names its roles: " + pattern);
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
  const std::string_view m = method == "HEAD" ? std::string_view("GET") : std::string_view(method);
  path_known = false;
  auto ignore = [](std::string_view, std::string_view) {};
  for (const auto& r : routes_) {
    const bool same_method = r.method == m;
    if (!same_method && path_known) continue;  // known already: only the method's routes matter
    if (!walk(r.pattern, path, ignore)) continue;
    if (!same_method) {
      path_known = true;
      continue;
    }
    params.clear();
    walk(r.pattern, path, [&](std::string_view name, std::string_view value) {
      params.emplace(std::string(name), std::string(value));
    });
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

Response json_error(Lang lang, int status, std::string_view code, const Text& text) {
  nlohmann::json j;
  j["error"] = {{"code", code}, {"message", text.render(lang)}};
  return json(j.dump(), status);
}

Response json_error(const Ctx& c, int status, std::string_view code, const Text& text) {
  return json_error(c.lang, status, code, text);
}

}  // namespace vstation::web::detail
