// Staff sign-in (issue 16): login name and password, the volunteers' per-address limit and the
// PIN lockout's rule (kiosk::check_staff_password), the session rotated; the form and sign-out.

#include "page.hpp"
#include "routes.hpp"
#include "signin.hpp"
#include "vstation/kiosk/pin_check.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/staff.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Staff sign-in", "工作人员登录"};
constexpr Msg kLogin{"Login name", "登录名"};
constexpr Msg kPassword{"Password", "密码"};
constexpr Msg kSignIn{"Sign in", "登录"};
constexpr Msg kHelp{
    "For coordinators, secretaries and the district. Five wrong passwords lock the account for "
    "five minutes. Volunteers sign in on the volunteers' page.",
    "供站长、秘书和区级管理人员使用。连续输错五次密码将锁定账户五分钟。志愿者请在志愿者登录页登录"
    "。"};
constexpr Msg kVolunteers{"Volunteer sign-in", "志愿者登录"};
constexpr Msg kWrong{"Wrong login name or password.", "登录名或密码错误。"};
constexpr Msg kLocked{"Too many wrong passwords: this account is locked until {}.",
                      "密码错误次数过多：此账户锁定至 {}。"};
constexpr Msg kKioskTablet{
    "This is the station's kiosk tablet: sign in on your own phone or computer (signing in here "
    "would unpair it).",
    "这是服务站的签到平板：请在您自己的手机或电脑上登录（在此登录会解除平板配对）。"};

constexpr const char* kForm =
    R"({{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<form method="post" action="/staff/signin" class="card">
<label for="login">{{login_label}}</label>
<input id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="32">
<label for="password">{{password_label}}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">{{submit}}</button>
<p class="help">{{help}}</p>
<p class="help"><a href="/signin">{{volunteers}}</a></p>
</form>
)";

Response form(const Ctx& c, const Text& error = Text(), int status = 200) {
  Data d;
  if (!error.empty()) d.set("error", error.render(c.lang));
  d.set("login_label", std::string(kLogin.in(c.lang)));
  d.set("password_label", std::string(kPassword.in(c.lang)));
  d.set("submit", std::string(kSignIn.in(c.lang)));
  d.set("help", std::string(kHelp.in(c.lang)));
  d.set("volunteers", std::string(kVolunteers.in(c.lang)));
  return c.page(Text(kTitle), render(kForm, d), status);
}

// Where the staff member was going before they were sent here: a staff page on this site only.
std::string back_after_sign_in(const Request& r) {
  auto back = r.cookie(kStaffBackCookie);
  if (!back) return "/staff";
  // A path on this site only (no host, no control or non-ASCII byte: it becomes a header).
  std::string path = local_path_or(url_decode(*back), "/staff");
  if (path.rfind("/staff/", 0) != 0 || path.rfind("/staff/signin", 0) == 0) return "/staff";
  return path;
}

Response sign_in(Ctx& c) {
  auto out = redirect(back_after_sign_in(c.req));
  auto result = sign_in_with_password(c, c.req.form("login"), c.req.form("password"), out);
  if (result.kind != SignInResult::Kind::accepted) return form(c, result.text, result.status);
  out.headers.emplace_back("Set-Cookie", session_cookie(kStaffBackCookie, "", c.req.tls, 0));
  return out;
}

Response sign_out(Ctx& c) {
  kiosk::retry_transaction(c.db,
                           [&] { return store::web::revoke_session(c.db, c.session->session.id); });
  auto out = redirect("/staff/signin");
  out.headers.emplace_back("Set-Cookie", session_cookie(kSessionCookie, "", c.req.tls, 0));
  return out;
}

// A hash to check a password against when the login is unknown, so that an unknown login takes
// as long to refuse as a wrong password.
const std::string& decoy_hash() {
  static const std::string hash = kiosk::hash_password("a decoy nobody knows");
  return hash;
}

}  // namespace

SignInResult sign_in_with_password(Ctx& c, const std::optional<std::string>& login,
                                   const std::optional<std::string>& password, Response& out) {
  using Kind = SignInResult::Kind;
  auto refuse = [](Kind kind, int status, std::string code, Text text) {
    return SignInResult{kind, status, std::move(code), std::move(text), {}, std::nullopt, {}};
  };
  if (on_kiosk_tablet(c))
    return refuse(Kind::kiosk_tablet, 403, "kiosk_tablet", Text(kKioskTablet));
  if (over_limit(c, kStaffSignInLimit))
    return refuse(Kind::rate_limited, 429, "rate_limited", Text(kTooMany));
  auto failed = [&](Kind kind, int status, std::string code, Text text) {
    count_failure(c, kStaffSignInLimit);
    return refuse(kind, status, std::move(code), std::move(text));
  };
  // A field left out is said as it is, and not counted as a failed attempt.
  if (!login || login->empty())
    return refuse(Kind::incomplete, 400, "bad_field", Text::of(kFieldRequired, Text(kLogin)));
  if (!password || password->empty())
    return refuse(Kind::incomplete, 400, "bad_field", Text::of(kFieldRequired, Text(kPassword)));
  if (login->size() > 96 || password->size() > 600)
    return failed(Kind::malformed, 400, "bad_request", Text(kWrong));
  auto who = store::staff::by_login(c.db, *login);
  if (!who || who->retired) {
    (void)kiosk::verify_password(decoy_hash(), *password);
    return failed(Kind::unknown, 401, "wrong_credentials", Text(kWrong));
  }
  auto verdict = kiosk::check_staff_password(c.db, who->id, *password, c.now);
  switch (verdict.kind) {
    case kiosk::PinVerdict::Kind::accepted: {
      SignInResult ok;
      ok.kind = Kind::accepted;
      ok.token = start_staff_session(c.db, c.req, who->id, c.now, out);
      ok.staff = who->id;
      return ok;
    }
    case kiosk::PinVerdict::Kind::locked:
      return failed(Kind::locked, 403, "locked_out",
                    Text::of(kLocked, local_time(*verdict.locked_until, c.station.zone).hhmm()));
    case kiosk::PinVerdict::Kind::no_pin:
    case kiosk::PinVerdict::Kind::wrong:
      break;
  }
  return failed(Kind::wrong, 401, "wrong_credentials", Text(kWrong));
}

void add_staff_signin_routes(Routes& routes) {
  // The kiosk tablet stays the kiosk: back to work (signing in would replace its session).
  routes.add("GET", "/staff/signin", Access::anyone,
             [](Ctx& c) { return on_kiosk_tablet(c) ? redirect("/kiosk") : form(c); });
  routes.add("POST", "/staff/signin", Access::anyone, sign_in).hashes_secret = true;
  routes.add("POST", "/staff/signout", StaffRoles::all(), sign_out);
}

}  // namespace vstation::web::detail
