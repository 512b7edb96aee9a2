#include "vstation/web/app.hpp"

#include <map>
#include <mutex>
#include <thread>

#include "page.hpp"
#include "static_files.hpp"

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
constexpr Msg kNotFound{"Not found", "页面不存在"};
constexpr Msg kNotFoundText{"There is no such page.", "没有这个页面。"};
constexpr Msg kBack{"Back to the start", "返回首页"};

constexpr const char* kSignInForm = R"(<form method="post" action="/signin" class="card">
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

  Response sign_in_form(const Request& r) const {
    Lang lang = request_lang(r);
    Data d;
    d.set("number_label", std::string(kNumber.in(lang)));
    d.set("pin_label", std::string(kPin.in(lang)));
    d.set("submit", std::string(kSignIn.in(lang)));
    d.set("help", std::string(kSignInHelp.in(lang)));
    return page(r, Text(kSignInTitle), detail::render(kSignInForm, d));
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
    if (r.path == "/" && get) return redirect("/signin");
    if (r.path == "/signin" && get) return sign_in_form(r);
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
  r.set("Referrer-Policy", "no-referrer");
}

}  // namespace vstation::web
