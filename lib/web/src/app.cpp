#include "vstation/web/app.hpp"

#include <map>
#include <mutex>
#include <thread>

#include "me_page.hpp"
#include "page.hpp"
#include "sessions.hpp"
#include "static_files.hpp"
#include "vstation/kiosk/pin_check.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::web {
namespace {

using detail::Data;

constexpr Msg kSignInTitle{"Sign in", "登录"};
constexpr Msg kNumber{"Volunteer number", "志愿者编号"};
constexpr Msg kPin{"PIN", "PIN 码"};
constexpr Msg kSignIn{"Sign in", "登录"};
constexpr Msg kSignInHelp{
    "The PIN is the one you use at the kiosk. Five wrong PINs lock you out for five minutes, "
    "here and at the kiosk alike.",
    "PIN 码与服务站签到机上的相同。连续输错五次将锁定五分钟，手机和签到机同时生效。"};
constexpr Msg kMeTitle{"My service", "我的服务"};
constexpr Msg kWrong{"Wrong volunteer number or PIN ({} of {} tries).",
                     "志愿者编号或 PIN 码错误（已错 {} 次，共 {} 次机会）。"};
constexpr Msg kUnknownOrWrong{"Wrong volunteer number or PIN.", "志愿者编号或 PIN 码错误。"};
constexpr Msg kLockedOut{"Too many wrong PINs: locked until {}, here and at the kiosk.",
                         "PIN 码错误次数过多：锁定至 {}（手机和签到机同时生效）。"};
constexpr Msg kNoPin{"You have no PIN yet: ask the coordinator to set one.",
                     "你还没有 PIN 码：请联系站长设置。"};
constexpr Msg kMayNotServe{"This volunteer number may not sign in (retired or suspended).",
                           "该志愿者编号不能登录（已停用或暂停服务）。"};
constexpr Msg kTooMany{"Too many sign-in attempts from this address: wait ten minutes.",
                       "此地址登录尝试过多：请十分钟后再试。"};
constexpr Msg kForbidden{"This form has expired: go back, reload the page and try again.",
                         "表单已失效：请返回并刷新页面后重试。"};
// Sign-in attempts an address may make in ten minutes (the PIN lockout guards each person).
constexpr std::int64_t kAttemptsPerAddress = 20;
constexpr std::int64_t kAttemptWindowSeconds = 600;
constexpr Msg kNotFound{"Not found", "页面不存在"};
constexpr Msg kNotFoundText{"There is no such page.", "没有这个页面。"};
constexpr Msg kBack{"Back to the start", "返回首页"};

constexpr const char* kSignInForm =
    R"({{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<form method="post" action="/signin" class="card">
<label for="number">{{number_label}}</label>
<input id="number" name="number" autocomplete="username" autocapitalize="characters" required maxlength="32">
<label for="pin">{{pin_label}}</label>
<input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="current-password" required maxlength="12">
<button type="submit">{{submit}}</button>
<p class="help">{{help}}</p>
</form>
)";

constexpr const char* kMessage = R"(<p>{{text}}</p><p><a href="/">{{back}}</a></p>
)";

// A `back` target for the language switch: a path on this site only (never //host or a URL).
std::string safe_back(const std::optional<std::string>& back) {
  if (!back || back->empty() || (*back)[0] != '/' || back->rfind("//", 0) == 0 ||
      back->find('\\') != std::string::npos)
    return "/";
  return *back;
}

}  // namespace

struct App::Impl {
  OpenDatabase open;
  Config config;
  // One connection per worker thread, opened on its first request.
  mutable std::mutex mutex;
  mutable std::map<std::thread::id, std::unique_ptr<store::Connection>> connections;
  mutable std::optional<Station> station_;

  store::Connection& db() const {
    std::lock_guard lock(mutex);
    auto& c = connections[std::this_thread::get_id()];
    if (!c) c = open();
    return *c;
  }

  Response page(const Request& r, const Text& title, const std::string& content,
                int status = 200) const {
    return html(detail::layout(request_lang(r), title, content, r.path), status);
  }

  Response sign_in_form(const Request& r, const Text& error = Text(), int status = 200) const {
    Lang lang = request_lang(r);
    Data d;
    if (!error.empty()) d.set("error", error.render(lang));
    d.set("number_label", std::string(kNumber.in(lang)));
    d.set("pin_label", std::string(kPin.in(lang)));
    d.set("submit", std::string(kSignIn.in(lang)));
    d.set("help", std::string(kSignInHelp.in(lang)));
    return page(r, Text(kSignInTitle), detail::render(kSignInForm, d), status);
  }

  Instant now() const { return config.clock(); }

  // A form posted from another site: browsers send Origin with every POST.
  static bool cross_site(const Request& r) {
    auto origin = r.header("origin");
    auto host = r.header("host");
    if (!origin || !host) return false;
    auto at = origin->find("://");
    return at == std::string::npos || origin->substr(at + 3) != *host;
  }

  Response sign_in(const Request& r) const {
    if (cross_site(r)) return sign_in_form(r, Text(kForbidden), 403);
    auto& d = db();
    const Instant t = now();
    auto attempts = kiosk::retry_transaction(d, [&] {
      store::web::record_attempt(d, "signin", r.remote, t);
      return store::web::count_attempts(d, "signin", r.remote, t, kAttemptWindowSeconds);
    });
    if (attempts > kAttemptsPerAddress) return sign_in_form(r, Text(kTooMany), 429);
    auto number = r.form("number").value_or("");
    auto pin = r.form("pin").value_or("");
    if (number.size() > 32 || pin.size() > 12) return sign_in_form(r, Text(kUnknownOrWrong), 400);
    auto who = store::identity::at_kiosk_by_number(d, number);
    if (!who) return sign_in_form(r, Text(kUnknownOrWrong), 401);
    if (auto bar =
            serve_bar(who->record, local_date(t, station().zone), local_date(t, station().zone));
        bar == ServeBar::retired || bar == ServeBar::suspended)
      return sign_in_form(r, Text(kMayNotServe), 403);
    auto verdict = kiosk::check_volunteer_pin(d, {who->record.id}, pin, t);
    switch (verdict.kind) {
      case kiosk::PinVerdict::Kind::accepted: {
        auto out = redirect("/me");
        detail::start_session(d, r, who->record.id, t, out);
        return out;
      }
      case kiosk::PinVerdict::Kind::locked:
        return sign_in_form(
            r, Text::of(kLockedOut, local_time(*verdict.locked_until, station().zone).hhmm()), 403);
      case kiosk::PinVerdict::Kind::no_pin:
        return sign_in_form(r, Text(kNoPin), 403);
      case kiosk::PinVerdict::Kind::wrong:
        break;
    }
    return sign_in_form(r, Text::of(kWrong, verdict.failures, kiosk::kMaxPinFailures), 401);
  }

  const Station& station() const {
    auto& d = db();
    std::lock_guard lock(mutex);
    if (!station_) {
      store::Lookup lookup(d);
      station_ = lookup.station_record(config.station ? *config.station : lookup.default_station());
    }
    return *station_;
  }

  Response me(const Request& r) const {
    auto& d = db();
    auto s = detail::current_session(d, r, now());
    if (!s || !s->volunteer()) return redirect("/signin");
    return page(
        r, Text(kMeTitle),
        detail::me_content(d, *s->volunteer(), station().id, now(), s->csrf(), request_lang(r)));
  }

  Response sign_out(const Request& r) const {
    auto& d = db();
    auto s = detail::current_session(d, r, now());
    if (!s) return redirect("/signin");
    if (!detail::csrf_ok(*s, r)) return plain(403, "form expired\n");
    kiosk::retry_transaction(d, [&] { return store::web::revoke_session(d, s->session.id); });
    auto out = redirect("/signin");
    out.headers.emplace_back("Set-Cookie", session_cookie(detail::kSessionCookie, "", r.tls, 0));
    return out;
  }

  Response not_found(const Request& r) const {
    Lang lang = request_lang(r);
    Data d;
    d.set("text", std::string(kNotFoundText.in(lang)));
    d.set("back", std::string(kBack.in(lang)));
    return page(r, Text(kNotFound), detail::render(kMessage, d), 404);
  }

  Response route(const Request& r) const {
    const bool get = r.method == "GET" || r.method == "HEAD";
    if (r.path == "/healthz" && get) return plain(200, "ok\n");
    if (r.path.rfind("/static/", 0) == 0 && get) {
      if (auto f = static_file(r.path.substr(8))) {
        Response out;
        out.set("Content-Type", std::string(f->type));
        out.set("Cache-Control", "public, max-age=3600");
        out.body = std::string(f->body);
        return out;
      }
      return not_found(r);
    }
    if (r.path == "/lang" && get) {
      auto to = r.param("to").value_or("en") == "zh" ? "zh" : "en";
      auto out = redirect(safe_back(r.param("back")));
      out.headers.emplace_back(
          "Set-Cookie", std::string("lang=") + to + "; Path=/; SameSite=Strict; Max-Age=31536000");
      return out;
    }
    if (r.path == "/" && get) return redirect("/me");
    if (r.path == "/signin" && get) return sign_in_form(r);
    if (r.path == "/signin" && r.method == "POST") return sign_in(r);
    if (r.path == "/me" && get) return me(r);
    if (r.path == "/signout" && r.method == "POST") return sign_out(r);
    return not_found(r);
  }
};

App::App(OpenDatabase open, Config config) : impl_(std::make_unique<Impl>()) {
  impl_->open = std::move(open);
  impl_->config = std::move(config);
}

App::~App() = default;

Response App::handle(const Request& request) const {
  Response out = impl_->route(request);
  if (request.method == "HEAD") out.body.clear();
  if (!out.header("Cache-Control")) out.set("Cache-Control", "no-store");
  add_security_headers(out);
  return out;
}

Lang request_lang(const Request& r) {
  if (auto q = r.param("lang")) return lang_from_locale(*q);
  if (auto c = r.cookie("lang")) return lang_from_locale(*c);
  auto accept = r.header("accept-language").value_or("");
  return accept.rfind("zh", 0) == 0 || accept.rfind("ZH", 0) == 0 ? Lang::zh : Lang::en;
}

void add_security_headers(Response& r) {
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
