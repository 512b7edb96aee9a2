// Signing in with volunteer number and PIN (the kiosk's hash, lockout and PIN rules), and out.

#include "page.hpp"
#include "routes.hpp"
#include "signin.hpp"
#include "vstation/kiosk/pin_check.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/text/typed.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kSignInTitle{"Sign in", "登录"};
constexpr Msg kNumber{"Volunteer number", "志愿者编号"};
constexpr Msg kPin{"PIN", "PIN 码"};
constexpr Msg kSignIn{"Sign in", "登录"};
constexpr Msg kSignInHelp{
    "The PIN is the one you use at the kiosk. Five wrong PINs lock you out for five minutes, "
    "here and at the kiosk alike. No PIN yet? Ask the coordinator.",
    "PIN 码与服务站签到机上的相同。连续输错五次将锁定五分钟，手机和签到机同时生效。还没有 PIN "
    "码？请联系站长。"};
constexpr Msg kFieldSays{"{}: {}.", "{}：{}。"};
constexpr Msg kUnknownOrWrong{"Wrong volunteer number or PIN.", "志愿者编号或 PIN 码错误。"};
constexpr Msg kLockedOut{"Too many wrong PINs: locked until {}, here and at the kiosk.",
                         "PIN 码错误次数过多：锁定至 {}（手机和签到机同时生效）。"};
constexpr Msg kKioskTablet{"This is the station's kiosk tablet: sign in on your own phone.",
                           "这是服务站的签到平板：请在您自己的手机上登录。"};
constexpr Msg kMayNotServe{"This volunteer number may not sign in (retired or suspended).",
                           "该志愿者编号不能登录（已停用或暂停服务）。"};
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

Response sign_in_form(const Ctx& c, const Text& error = Text(), int status = 200) {
  Data d;
  if (!error.empty()) d.set("error", error.render(c.lang));
  d.set("number_label", std::string(kNumber.in(c.lang)));
  d.set("pin_label", std::string(kPin.in(c.lang)));
  d.set("submit", std::string(kSignIn.in(c.lang)));
  d.set("help", std::string(kSignInHelp.in(c.lang)));
  return c.page(Text(kSignInTitle), render(kSignInForm, d), status);
}

// Where the volunteer was going before they were sent here: a path on this site only.
std::string back_after_sign_in(const Request& r) {
  auto back = r.cookie(kBackCookie);
  if (!back) return "/me";
  std::string path = local_path_or(url_decode(*back), "/me");
  return path == "/signin" ? "/me" : path;
}

Response sign_in(Ctx& c) {
  auto out = redirect(back_after_sign_in(c.req));
  auto result = sign_in_with_pin(c, c.req.form("number"), c.req.form("pin"), out);
  if (result.kind != SignInResult::Kind::accepted)
    return sign_in_form(c, result.text, result.status);
  out.headers.emplace_back("Set-Cookie", session_cookie(kBackCookie, "", c.req.tls, 0));
  return out;
}

Response sign_out(Ctx& c) {
  kiosk::retry_transaction(c.db,
                           [&] { return store::web::revoke_session(c.db, c.session->session.id); });
  auto out = redirect("/signin");
  out.headers.emplace_back("Set-Cookie", session_cookie(kSessionCookie, "", c.req.tls, 0));
  return out;
}

}  // namespace

bool on_kiosk_tablet(const Ctx& c) {
  if (c.session) return c.session->device();
  auto s = current_session(c.db, c.req, c.now);
  return s && s->device();
}

bool over_limit(const Ctx& c, const AddressLimit& limit) {
  auto free_at = store::web::attempts_below_limit_at(c.db, limit.bucket, c.req.remote, c.now,
                                                     limit.window_seconds, limit.attempts);
  if (!free_at) return false;
  c.retry_after_seconds = std::max<std::int64_t>(1, free_at->seconds - c.now.seconds);
  return true;
}

void count_failure(Ctx& c, const AddressLimit& limit) {
  kiosk::retry_transaction(c.db, [&] {
    store::web::record_attempt(c.db, limit.bucket, c.req.remote, c.now);
    return true;
  });
}

// An unknown number, or one without a PIN, is answered after an Argon2id check all the same:
// otherwise the answer's speed (~0.01 s against ~0.25 s) would tell which numbers have a PIN.
void spend_a_pin_check(std::string_view pin) {
  static const std::string decoy = kiosk::hash_pin("00000000");  // any PIN: only its cost counts
  (void)kiosk::verify_pin(decoy, pin);
}

SignInResult sign_in_with_pin(Ctx& c, const std::optional<std::string>& number,
                              const std::optional<std::string>& pin, Response& out) {
  using Kind = SignInResult::Kind;
  auto refuse = [](Kind kind, int status, std::string code, Text text) {
    return SignInResult{kind, status, std::move(code), std::move(text), {}, std::nullopt, {}};
  };
  auto& d = c.db;
  const Instant t = c.now;
  if (on_kiosk_tablet(c))
    return refuse(Kind::kiosk_tablet, 403, "kiosk_tablet", Text(kKioskTablet));
  // The address's failed attempts only: a station's phones may share one address (its Wi-Fi,
  // a carrier's NAT), and volunteers signing in at a shift change must not lock each other out.
  // (The PIN lockout guards each person; kSignInLimit each address.)
  if (over_limit(c, kSignInLimit))
    return refuse(Kind::rate_limited, 429, "rate_limited", Text(kTooMany));
  auto failed = [&](Kind kind, int status, std::string code, Text text) {
    count_failure(c, kSignInLimit);
    return refuse(kind, status, std::move(code), std::move(text));
  };
  // A field left out, or a PIN that is not 4 to 8 digits, is said as it is: it tells nothing
  // of any volunteer, and is not counted as a failed attempt (it could never have succeeded).
  auto incomplete = [&](Text text) {
    return refuse(Kind::incomplete, 400, "bad_field", std::move(text));
  };
  if (!number || text::typed_code(*number).empty())
    return incomplete(Text::of(kFieldRequired, Text(kNumber)));
  if (!pin || pin->empty()) return incomplete(Text::of(kFieldRequired, Text(kPin)));
  if (number->size() > 96 || pin->size() > 36)
    return failed(Kind::malformed, 400, "bad_request", Text(kUnknownOrWrong));
  try {
    kiosk::check_pin_format(text::typed_code(*pin));
  } catch (const ParseError& e) {
    return incomplete(Text::of(kFieldSays, Text(kPin), e.text()));
  }
  // An unknown number and a wrong PIN get the same answer: the page does not tell which
  // volunteer numbers exist. Whether they may serve is said only once the PIN is right.
  auto who = store::identity::at_kiosk_by_number(d, text::typed_code(*number));
  if (!who) {
    spend_a_pin_check(*pin);
    return failed(Kind::unknown, 401, "wrong_credentials", Text(kUnknownOrWrong));
  }
  auto verdict = kiosk::check_volunteer_pin(d, {who->record.id}, text::typed_code(*pin), t);
  switch (verdict.kind) {
    case kiosk::PinVerdict::Kind::accepted: {
      const Date today = local_date(t, c.station.zone);
      if (auto bar = serve_bar(who->record, today, today);
          bar == ServeBar::retired || bar == ServeBar::suspended)
        return refuse(Kind::may_not_serve, 403, "may_not_serve", Text(kMayNotServe));
      SignInResult ok;
      ok.kind = Kind::accepted;
      ok.token = start_session(d, c.req, who->record.id, t, out);
      ok.volunteer = who->record.id;
      return ok;
    }
    case kiosk::PinVerdict::Kind::locked:
      return failed(Kind::locked, 403, "locked_out",
                    Text::of(kLockedOut, local_time(*verdict.locked_until, c.station.zone).hhmm()));
    case kiosk::PinVerdict::Kind::no_pin:
      spend_a_pin_check(*pin);
      return failed(Kind::unknown, 401, "wrong_credentials", Text(kUnknownOrWrong));
    case kiosk::PinVerdict::Kind::wrong:
      break;
  }
  return failed(Kind::wrong, 401, "wrong_credentials", Text(kUnknownOrWrong));
}

void add_signin_routes(Routes& routes) {
  routes.add("GET", "/signin", Access::anyone,
             [](Ctx& c) { return on_kiosk_tablet(c) ? redirect("/kiosk") : sign_in_form(c); });
  routes.add("POST", "/signin", Access::anyone, sign_in).hashes_secret = true;
  routes.add("POST", "/signout", Access::volunteer, sign_out);
}

}  // namespace vstation::web::detail
