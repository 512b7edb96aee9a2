#include "vstation/web/app.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

#include "page.hpp"
#include "refusals.hpp"
#include "routes.hpp"
#include "sessions.hpp"
#include "signin.hpp"
#include "static_files.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/store/busy.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/staff.hpp"

namespace vstation::web {
namespace {

using detail::Access;
using detail::Ctx;

constexpr Msg kForbidden{"This form has expired: go back, reload the page and try again.",
                         "表单已失效：请返回并刷新页面后重试。"};
// A program's state-changing call without the session's token (or from another site).
constexpr Msg kApiForbidden{
    "Refused: send the session's csrf_token (from the sign-in's answer or GET /api/v1/session) "
    "in the X-CSRF-Token header, from this site.",
    "已拒绝：请在 X-CSRF-Token 请求头中附上本会话的 csrf_token（见登录的应答或 GET "
    "/api/v1/session），并从本站发出请求。"};
constexpr Msg kSignInFirst{"Sign in first.", "请先登录。"};
constexpr Msg kNotAllowed{"This page does not take that request.", "此页面不接受该请求。"};
constexpr Msg kNotAllowedTitle{"Not available this way", "无法这样打开"};
constexpr Msg kNotYourRole{"Not for your role", "无权访问"};
constexpr Msg kNotYourRoleText{"Your account's role may not open this page.",
                               "您的账户角色不能打开此页面。"};

constexpr Msg kBadChoiceTitle{"Not accepted", "未受理"};
constexpr Msg kBadChoice{
    "The form's field '{}' holds a value this page does not offer; nothing was "
    "changed. Reload the page and try again.",
    "表单字段“{}”的值不在本页提供的选项中，未作任何更改；请刷新页面后重试。"};
constexpr Msg kMissingChoice{
    "The form's field '{}' is missing; nothing was changed. Reload the page and try again.",
    "表单缺少字段“{}”，未作任何更改；请刷新页面后重试。"};
constexpr Msg kControlField{
    "The field '{}' holds a control character ({}) at character {}: text may not contain line "
    "breaks, tabs, escape codes or direction overrides. Nothing was changed.",
    "字段“{0}”的第 {2} 个字符为控制字符（{1}）：文本中不能含换行、制表符、转义码或文字方向控制符。"
    "未作任何更改。"};
constexpr Msg kNotUtf8Field{
    "The field '{}' is not UTF-8 text ({} at character {}). Nothing was changed.",
    "字段“{0}”的第 {2} 个字符不是 UTF-8 文本（{1}）。未作任何更改。"};
constexpr Msg kNotAFormTitle{"Not a form", "不是表单"};
constexpr Msg kNotAForm{
    "This page takes a form as a browser sends it (application/x-www-form-urlencoded), not {}. "
    "Nothing was changed.",
    "此页面只接受浏览器提交的表单（application/x-www-form-urlencoded），不接受 {}。未作任何更改。"};
constexpr Msg kNotJsonOrForm{
    "This takes JSON (application/json) or a form (application/x-www-form-urlencoded), not {}. "
    "Nothing was changed.",
    "此接口只接受 JSON（application/json）或表单（application/x-www-form-urlencoded），不接受 "
    "{}。未作任何更改。"};
constexpr Msg kUntypedBody{"a body without a Content-Type", "没有 Content-Type 的内容"};
// How long a worker thread waits for a database another process holds before answering 503.
constexpr std::chrono::seconds kWebBusyPatience{4};

// A `back` target for the language switch: a path on this site only (never //host or a URL).
std::string safe_back(const std::optional<std::string>& back) {
  return back ? local_path_or(*back, "/") : "/";
}

// The first query parameter or form field (name or value) holding a character no text may
// hold (first_forbidden: control characters, direction overrides, bytes that are not UTF-8),
// as its refusal. Every page's fields are text a person typed or chose, as on the command line,
// where every argument is checked the same way; one check here closes the class for all routes.
std::optional<Text> forbidden_field(const Request& r) {
  auto check = [](const std::multimap<std::string, std::string>& fields) -> std::optional<Text> {
    for (const auto& [name, value] : fields)
      for (const std::string* text : {&name, &value})
        if (auto bad = first_forbidden(*text))
          return Text::of(bad->not_utf8 ? kNotUtf8Field : kControlField, escape_controls(name),
                          bad->shown, bad->character);
    return std::nullopt;
  };
  if (auto bad = check(r.query)) return bad;
  return check(r.form_fields());
}

// Why a POST's body is not one its route reads (a page reads a form; the API JSON or a form):
// read as a form it would have no fields, and be told its form expired. None when it is.
std::optional<Text> unreadable_body(const Request& r, bool api) {
  auto type = r.header("content-type");
  if (!type) {
    if (r.body.empty()) return std::nullopt;
    return Text(api ? kNotJsonOrForm : kNotAForm, {Text(kUntypedBody)});
  }
  const std::string media = r.media_type();
  if (media == "application/x-www-form-urlencoded" || (api && media == "application/json"))
    return std::nullopt;
  // Named as written (parameters such as charset left out), kept short.
  const std::string_view written = trim(std::string_view(*type).substr(0, type->find(';')));
  return Text::of(api ? kNotJsonOrForm : kNotAForm, detail::shown_value(written));
}

// A form posted from another site: browsers send Origin with every POST.
bool cross_site(const Request& r) {
  auto origin = r.header("origin");
  auto host = r.header("host");
  if (!origin || !host) return false;
  auto at = origin->find("://");
  return at == std::string::npos || origin->substr(at + 3) != *host;
}

// The CSRF token of a state-changing request: the form's csrf field, or (for programs using the
// API) the X-CSRF-Token header.
bool csrf_ok(const Ctx& c) {
  if (detail::csrf_ok(*c.session, c.req)) return true;
  auto h = c.req.header("x-csrf-token");
  return h && detail::sha256_hex(*h) == c.session->session.csrf_hash;
}

void add_site_routes(detail::Routes& routes) {
  routes.add("GET", "/healthz", Access::anyone, [](Ctx&) { return plain(200, "ok\n"); });
  routes.add("GET", "/static/{file}", Access::anyone, [](Ctx& c) {
    auto f = static_file(c.params.at("file"));
    if (!f) return c.not_found();
    Response out;
    out.set("Content-Type", std::string(f->type));
    out.set("Cache-Control", "public, max-age=3600");
    out.body = std::string(f->body);
    return out;
  });
  routes.add("GET", "/lang", Access::anyone, [](Ctx& c) {
    auto to = c.req.param("to").value_or("en") == "zh" ? "zh" : "en";
    auto out = redirect(safe_back(c.req.param("back")));
    out.headers.emplace_back(
        "Set-Cookie", std::string("lang=") + to + "; Path=/; SameSite=Strict; Max-Age=31536000");
    return out;
  });
  routes.add("GET", "/", Access::anyone, [](Ctx& c) {
    if (auto s = detail::current_session(c.db, c.req, c.now); s && s->staff())
      return redirect("/staff");
    return redirect(detail::on_kiosk_tablet(c) ? "/kiosk" : "/me");
  });
}

}  // namespace

struct App::Impl {
  OpenDatabase open;
  Config config;
  detail::Routes routes;
  // One connection per worker thread, opened on its first request.
  mutable std::mutex mutex;
  mutable std::map<std::thread::id, std::unique_ptr<store::Connection>> connections;
  mutable std::optional<StationId> station_id_;

  store::Connection& db() const {
    std::lock_guard lock(mutex);
    auto& c = connections[std::this_thread::get_id()];
    if (!c) {
      c = open();
      // What a volunteer or the tablet does here (a check-in or out, a sign-up, a cancel) is
      // committed as the terminal kiosk commits (apps/commands/kiosk.cpp): once acknowledged it
      // is on disk (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on).
      c->set_durability(store::Durability::full);
      c->set_busy_patience(kWebBusyPatience);
    }
    return *c;
  }

  // The station is read for every request, so that every server on the database shows a change
  // (`station edit`, `station public-url`) at once; which station it is is settled at the first.
  Station station() const {
    auto& d = db();
    store::Lookup lookup(d);
    std::lock_guard lock(mutex);
    if (!station_id_) station_id_ = config.station ? *config.station : lookup.default_station();
    return lookup.station_record(*station_id_);
  }

  // The site's address for links and QR codes: `serve --public-url`, else the station's as
  // `station public-url` set it, else (empty) each request's Host header.
  std::string public_url(const Station& st) const {
    if (!config.public_url.empty()) return config.public_url;
    return store::web::public_url(db(), st.id).value_or(std::string());
  }

  Response route(Request& r) const {
    std::map<std::string, std::string> params;
    bool path_known = false;
    const detail::Route* route = routes.match(r.method, r.path, params, path_known);
    const Station st = station();
    r.public_url = public_url(st);
    Ctx c{db(),        r, st, config.clock(), request_lang(r), std::nullopt, std::move(params),
          std::nullopt, std::nullopt};
    const bool api = detail::is_api(r.path);
    if (!route) {
      if (!path_known) return c.not_found();
      if (api) return detail::json_error(c, 405, "method", Text(kNotAllowed));
      return c.message(Text(kNotAllowedTitle), Text(kNotAllowed), 405, "/");
    }
    if (auto bad = forbidden_field(r)) {
      if (api) return detail::json_error(c, 400, "bad_text", *bad);
      return c.message(Text(kBadChoiceTitle), *bad, 400,
                       r.fetches() ? local_path_or(r.path, "/") : "/");
    }
    const bool changes = r.method == "POST";
    if (auto unreadable = changes ? unreadable_body(r, api) : std::nullopt) {
      if (api) return detail::json_error(c, 415, "media_type", *unreadable);
      return c.message(Text(kNotAFormTitle), *unreadable, 415, "/");
    }
    if (changes && cross_site(r)) {
      if (api) return detail::json_error(c, 403, "cross_site", Text(kApiForbidden));
      return c.message(Text(kForbidden), Text(kForbidden), 403, "/");
    }
    if (route->access != Access::anyone) {
      c.session = detail::current_session(c.db, r, c.now);
      if (c.session && c.session->staff())
        c.staff_account = store::staff::get(c.db, *c.session->staff());
      const auto verdict = detail::gate(*route, c.session, c.staff_account);
      if (verdict == detail::Gate::wrong_kind) {
        if (api) return detail::json_error(c, 401, "signed_out", Text(kSignInFirst));
        if (route->access == Access::device) return redirect("/kiosk/pair");
        // A stranger, a volunteer or a tablet on a staff page signs in as staff (the session
        // they came with is replaced); back here afterwards, as for a volunteer.
        if (route->access == Access::staff) {
          auto out = redirect("/staff/signin");
          if (r.fetches())
            out.headers.emplace_back("Set-Cookie", session_cookie(detail::kStaffBackCookie,
                                                                  url_encode(r.path), r.tls, 600));
          return out;
        }
        // Staff never reach a volunteer's pages: back to theirs.
        if (c.session && c.session->staff()) return redirect("/staff");
        // The kiosk tablet never reaches a volunteer's pages (nor their sign-in): back to work.
        if (c.session && c.session->device()) return redirect("/kiosk");
        // Back here once signed in (a phone that scanned the kiosk's code): the path in a
        // short-lived cookie, never in the URL.
        auto out = redirect("/signin");
        if (r.fetches())
          out.headers.emplace_back(
              "Set-Cookie", session_cookie(detail::kBackCookie, url_encode(r.path), r.tls, 600));
        return out;
      }
      if (verdict == detail::Gate::wrong_role) {
        if (api) return detail::json_error(c, 403, "forbidden", Text(kNotYourRoleText));
        return c.message(Text(kNotYourRole), Text(kNotYourRoleText), 403, "/staff");
      }
      if (changes && !csrf_ok(c)) {
        if (api) return detail::json_error(c, 403, "csrf", Text(kApiForbidden));
        return c.message(Text(kForbidden), Text(kForbidden), 403);
      }
    }
    try {
      Response out = route->handler(c);
      if (out.status == 429 && c.retry_after_seconds && !out.header("Retry-After"))
        out.set("Retry-After", std::to_string(*c.retry_after_seconds));
      return out;
    } catch (const detail::BadChoice& e) {
      const Text why = Text::of(e.missing ? kMissingChoice : kBadChoice, e.name);
      if (api) return detail::json_error(c, 400, "bad_field", why);
      return c.message(Text(kBadChoiceTitle), why, 400, c.here());
    }
  }
};

App::App(OpenDatabase open, Config config) : impl_(std::make_unique<Impl>()) {
  impl_->open = std::move(open);
  impl_->config = std::move(config);
  add_site_routes(impl_->routes);
  detail::add_signin_routes(impl_->routes);
  detail::add_me_routes(impl_->routes);
  detail::add_poster_routes(impl_->routes);
  detail::add_forgotten_routes(impl_->routes);
  detail::add_availability_routes(impl_->routes);
  detail::add_certificate_routes(impl_->routes);
  detail::add_calendar_routes(impl_->routes);
  detail::add_shifts_routes(impl_->routes);
  detail::add_api_session_routes(impl_->routes);
  detail::add_kiosk_routes(impl_->routes);
  detail::add_checkin_routes(impl_->routes);
  detail::add_verify_routes(impl_->routes);
  detail::add_staff_signin_routes(impl_->routes);
  detail::add_staff_routes(impl_->routes);
  detail::add_staff_api_routes(impl_->routes);
  detail::add_staff_report_routes(impl_->routes);
  detail::add_staff_district_routes(impl_->routes);
  detail::add_staff_certificate_routes(impl_->routes);
  detail::add_staff_volunteers_routes(impl_->routes);
  detail::add_staff_today_routes(impl_->routes);
  detail::add_staff_review_routes(impl_->routes);
  detail::add_staff_sheet_routes(impl_->routes);
  detail::add_week_board_routes(impl_->routes);
  detail::add_week_action_routes(impl_->routes);
}

App::~App() = default;

std::vector<std::pair<std::string, std::string>> App::routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : impl_->routes.all()) out.emplace_back(r.method, r.pattern);
  return out;
}

std::vector<RouteInfo> App::route_table() const {
  std::vector<RouteInfo> out;
  for (const auto& r : impl_->routes.all())
    out.push_back(RouteInfo{r.method, r.pattern, r.access, r.roles});
  return out;
}

Housekeeping App::housekeeping() const {
  auto& db = impl_->db();
  const Instant now = impl_->config.clock();
  return kiosk::retry_transaction(db, [&] {
    Housekeeping h;
    h.sessions_and_codes = store::web::purge_expired(db, now);
    h.attempts =
        store::web::purge_attempts(db, Instant{now.seconds - detail::kAttemptHorizonSeconds});
    return h;
  });
}

bool App::slow(const Request& request) const {
  std::map<std::string, std::string> params;
  bool path_known = false;
  const auto* route = impl_->routes.match(request.method, request.path, params, path_known);
  return route && route->hashes_secret;
}

Response App::handle(const Request& in) const {
  Request request = behind_proxy(in, impl_->config.trusted_proxies);
  Response out;
  const auto busy_before = store::busy_seen();
  try {
    out = impl_->route(request);
  } catch (const store::StoreError& e) {
    if (e.fault() != store::StoreFault::busy) throw;
    out = detail::busy(request);
  }
  // A route that turned a busy database into a refusal of its own (a DataError caught for its
  // page) changed nothing either: the answer is the same 503 to retry.
  if (out.status >= 400 && out.status != 503 && store::busy_seen() != busy_before)
    out = detail::busy(request);
  // Every header value the routes made is checked once here: a CR or LF in one would end it and
  // let whoever chose the value write headers of their own (routes refuse such input first).
  for (const auto& [name, value] : out.headers)
    if (!header_value_ok(value))
      throw std::logic_error("a response header holds a line break: " + name);
  if (!out.header("Cache-Control")) out.set("Cache-Control", "no-store");
  add_security_headers(out);
  return out;
}

Lang request_lang(const Request& r) {
  if (auto q = r.param("lang")) return lang_from_locale(*q);
  if (auto c = r.cookie("lang")) return lang_from_locale(*c);
  return accept_language(r.header("accept-language").value_or(""));
}

Lang accept_language(std::string_view header) {
  // "en;q=0.1, zh-CN;q=0.9": the language the browser weighs most among the two the site speaks
  // (q defaults to 1; q=0 means "not this one"); the earlier on a tie; English when neither.
  double best_q = 0;
  Lang best = Lang::en;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string tag = ascii_lower(trim(item.substr(0, semi)));
    double q = 1;
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      auto at = params.find("q=");
      if (at != std::string_view::npos) {
        q = 0;  // a weight that does not parse counts as none
        std::string value(trim(params.substr(at + 2, params.find(';', at) - at - 2)));
        try {
          std::size_t used = 0;
          double v = std::stod(value, &used);
          if (used == value.size() && v >= 0 && v <= 1) q = v;
        } catch (const std::exception&) {
        }
      }
    }
    std::optional<Lang> lang;
    if (tag == "zh" || tag.rfind("zh-", 0) == 0)
      lang = Lang::zh;
    else if (tag == "en" || tag.rfind("en-", 0) == 0)
      lang = Lang::en;
    if (lang && q > best_q) best_q = q, best = *lang;
  }
  return best;
}

Request behind_proxy(Request r, const std::vector<std::string>& trusted_proxies) {
  if (std::find(trusted_proxies.begin(), trusted_proxies.end(), r.remote) == trusted_proxies.end())
    return r;
  if (auto chain = r.header("x-forwarded-for")) {
    // The proxy appends the address it saw; anything before it the client may have written.
    auto last = chain->substr(chain->rfind(',') == std::string::npos ? 0 : chain->rfind(',') + 1);
    auto b = last.find_first_not_of(' ');
    auto e = last.find_last_not_of(' ');
    if (b != std::string::npos) {
      auto address = last.substr(b, e - b + 1);
      bool ip = address.size() <= 45;
      for (char ch : address)
        ip = ip && (std::isxdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == ':');
      if (ip) r.remote = address;
    }
  }
  if (auto proto = r.header("x-forwarded-proto")) r.tls = *proto == "https";
  return r;
}

void add_security_headers(Response& r) {
  // A rendered document (document.hpp) brings its own, stricter policy: no script, its one
  // inline style sheet by hash.
  if (!r.header("Content-Security-Policy"))
    r.set("Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  r.set("X-Content-Type-Options", "nosniff");
  r.set("X-Frame-Options", "DENY");
  // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts,
  // and sign-in checks the origin.
  r.set("Referrer-Policy", "same-origin");
}

}  // namespace vstation::web
