// A volunteer's phone at the station: the kiosk tablet's rotating code (/c/{code}) checks them in
// or out through the kiosk's ledger, the fresh code proving they are there; and the one-time
// "sign in on your phone" code (/s/{code}) the tablet showed after they identified there.

#include <nlohmann/json.hpp>

#include "page.hpp"
#include "routes.hpp"
#include "vstation/kiosk/checkin_code.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/web/http.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kCheckTitle{"Check in or out", "签到或签退"};
constexpr Msg kStale{"This code is stale: scan the code on the tablet again.",
                     "此码已过期：请重新扫描平板上的二维码。"};
constexpr Msg kBadAction{
    "action is neither 'in' nor 'out' (leave it out to check in, or out when checked in)",
    "action 既不是 in 也不是 out（省略则未签到时签到、已签到时签退）"};
constexpr Msg kNotJsonObject{"The body is not a JSON object ({\"code\": \"...\"}).",
                             "请求正文不是 JSON 对象（{\"code\": \"...\"}）。"};
constexpr Msg kCodeNotString{"'code' must be a string (in double quotes), as the QR code gives it.",
                             "“code”必须是字符串（用双引号），与二维码中的一致。"};
constexpr Msg kNoCode{"the check-in code is missing: scan the station's QR code again",
                      "缺少签到码：请重新扫描服务站的二维码"};
constexpr Msg kAt{"At {}.", "地点：{}。"};
constexpr Msg kInSince{"You are checked in since {}.", "您已于 {} 签到。"};
constexpr Msg kNotIn{"You are not checked in.", "您尚未签到。"};
constexpr Msg kCheckIn{"Check in", "签到"};
constexpr Msg kCheckOut{"Check out", "签退"};
constexpr Msg kCheckedIn{"Checked in", "已签到"};
constexpr Msg kCheckedInText{"Checked in at {}.", "已于 {} 签到。"};
constexpr Msg kWalkIn{"No shift of yours now: a walk-in, for the coordinator's review.",
                      "您此时没有班次：记为临时签到，待站长审核。"};
constexpr Msg kCheckedOut{"Checked out", "已签退"};
constexpr Msg kCheckedOutText{"Checked out at {}: {} min credited.",
                              "已于 {} 签退：计入 {} 分钟。"};
constexpr Msg kLate{"Checked out after the session's deadline: the coordinator reviews it.",
                    "签退时间已超过时限：由站长审核。"};
constexpr Msg kRefusedTitle{"Not done", "未完成"};
constexpr Msg kSignInTitle{"Sign in on this phone", "在此手机上登录"};
constexpr Msg kSignInText{"Sign in with the code the kiosk showed you.",
                          "使用签到机显示的二维码登录。"};
constexpr Msg kSignInButton{"Sign in", "登录"};
constexpr Msg kCodeUsed{
    "This sign-in code was used already or has expired: ask the kiosk for a new one, or sign in "
    "with your number and PIN.",
    "此登录码已使用或已过期：请在签到机上重新获取，或用编号和 PIN 码登录。"};

constexpr const char* kConfirm = R"(<div class="card">
<p>{{where}}</p>
<p class="state">{{state}}</p>
<form method="post" action="/c/{{code}}">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="action" value="{{action}}">
<button type="submit">{{button}}</button>
</form>
</div>
)";

constexpr const char* kSignInForm = R"(<form method="post" action="/s/{{code}}" class="card">
<p>{{text}}</p>
<button type="submit">{{button}}</button>
</form>
)";

// A signed-out phone that opened a fresh code keeps a proof of it while its owner signs in
// (kiosk::checkin_proof): the code works for it for ten minutes.
constexpr std::string_view kProofCookie = "vs_code";

std::string secret_of(const Ctx& c) {
  return store::web::station_secret(c.db, c.station.id, c.now);
}

// The code in the path, if it is the station's code of now or of the window before.
bool fresh(const Ctx& c, const std::string& secret, const std::string& code) {
  return kiosk::checkin_code_fresh(secret, c.station.id, code, c.now);
}
bool fresh(const Ctx& c, const std::string& code) {
  return fresh(c, secret_of(c), code);
}

// Fresh, or opened fresh by this phone before its owner signed in.
bool usable(const Ctx& c, const std::string& code) {
  auto secret = secret_of(c);
  if (fresh(c, secret, code)) return true;
  auto proof = c.req.cookie(kProofCookie);
  return proof && kiosk::checkin_proof_ok(secret, c.station.id, code, *proof, c.now);
}

using Done = kiosk::Ledger::Toggled;

// Check in, or out when they are in, if the scanned code is usable: the kiosk's ledger, under
// the web volunteer's name. The code's check (the station's secret) and the toggle share one
// transaction, which reads the volunteer's open session once; none when the code is not usable.
template <class CodeOk>
std::optional<Done> check_in_or_out(const Ctx& c, CodeOk&& code_ok, std::optional<bool> want_in) {
  return kiosk::retry_transaction(
      c.db,
      [&]() -> std::optional<Done> {
        if (!code_ok()) return std::nullopt;
        kiosk::Ledger ledger(c.db, c.actor());
        ledger.audit_check_ins();
        return ledger.toggle(c.volunteer(), c.station.id, c.now, want_in);
      },
      store::Isolation::explicit_locks);
}

// Anyone may open a code (the route is Access::anyone): a volunteer gets the confirmation; a
// stranger with a fresh code is sent to sign in and back here, with a proof that the code was
// fresh when they opened it, so that the time signing in takes does not make it stale.
Response confirm(Ctx& c) {
  const auto& code = c.params.at("code");
  c.session = current_session(c.db, c.req, c.now);
  if (!c.session || !c.session->volunteer()) {
    c.session.reset();
    auto secret = secret_of(c);
    if (!fresh(c, secret, code)) return c.message(Text(kCheckTitle), Text(kStale), 410, "/signin");
    auto out = redirect("/signin");
    out.headers.emplace_back("Set-Cookie",
                             session_cookie(kBackCookie, url_encode(c.req.path), c.req.tls, 600));
    out.headers.emplace_back(
        "Set-Cookie",
        session_cookie(kProofCookie, kiosk::checkin_proof(secret, c.station.id, code, c.now),
                       c.req.tls, kiosk::kCodeProofSeconds));
    return out;
  }
  if (!usable(c, code)) return c.message(Text(kCheckTitle), Text(kStale), 410);
  kiosk::Ledger ledger(c.db, c.actor());
  auto open = ledger.open_session(c.volunteer());
  Data d;
  d.set("where", Text::of(kAt, c.station.name).render(c.lang));
  d.set("state", open
                     ? Text::of(kInSince, format_local(open->raw_in, c.station.zone)).render(c.lang)
                     : Text(kNotIn).render(c.lang));
  d.set("code", code);
  d.set("csrf", c.csrf());
  d.set("action", open ? "out" : "in");
  d.set("button", std::string((open ? kCheckOut : kCheckIn).in(c.lang)));
  return c.page(Text(kCheckTitle), render(kConfirm, d));
}

Response done_page(const Ctx& c, const Done& done) {
  const auto& zone = c.station.zone;
  if (done.in) {
    Text text = Text::of(kCheckedInText, format_local(done.at, zone));
    if (done.session.walk_in()) text = Text::of(Msg{"{} {}", "{}{}"}, text, Text(kWalkIn));
    return c.message(Text(kCheckedIn), text, 200);
  }
  if (done.overdue) return c.message(Text(kCheckedOut), Text(kLate), 200);
  return c.message(
      Text(kCheckedOut),
      Text::of(kCheckedOutText, format_local(done.at, zone), done.session.credited_minutes), 200);
}

Response check(Ctx& c) {
  const auto& code = c.params.at("code");
  // The confirmation page says which; without it (an older page) the scan toggles.
  auto action = c.choice("action", {"in", "out", ""}, "");
  std::optional<bool> want;
  if (!action.empty()) want = action == "in";
  try {
    auto done = check_in_or_out(
        c, [&] { return usable(c, code); }, want);
    if (!done) return c.message(Text(kCheckTitle), Text(kStale), 410);
    Response out = done_page(c, *done);
    // The proof did its work: a later check-in or out needs a fresh scan.
    if (c.req.cookie(kProofCookie))
      out.headers.emplace_back("Set-Cookie", session_cookie(kProofCookie, "", c.req.tls, 0));
    return out;
  } catch (const kiosk::Refused& r) {
    return c.message(Text(kRefusedTitle), r.text(), 409);
  }
}

// The code and, optionally, which way ("in" or "out"), as a form or a JSON object.
Response api_checkin(Ctx& c) {
  std::string code = c.req.form("code").value_or("");
  std::string action = c.req.form("action").value_or("");
  bool action_ok = true;  // a JSON "action" that is not a string (null: left out) is refused
  if (code.empty()) {
    auto body = nlohmann::json::parse(c.req.body, nullptr, false);
    auto text = [&](const char* name) {
      return body.is_object() && body.contains(name) && body[name].is_string()
                 ? body[name].get<std::string>()
                 : std::string();
    };
    if (c.req.media_type() == "application/json" && !body.is_object())
      return json_error(c, 400, "bad_field", Text(kNotJsonObject));
    if (body.is_object() && body.contains("code") && !body["code"].is_string())
      return json_error(c, 400, "bad_field", Text(kCodeNotString));
    code = text("code");
    action = text("action");
    if (body.is_object() && body.contains("action"))
      action_ok = body["action"].is_string() || body["action"].is_null();
  }
  if (code.empty()) return json_error(c, 400, "bad_field", Text(kNoCode));
  if (!action_ok || (!action.empty() && action != "in" && action != "out"))
    return json_error(c, 400, "bad_field", Text(kBadAction));
  std::optional<bool> want;
  if (!action.empty()) want = action == "in";
  try {
    auto done = check_in_or_out(
        c, [&] { return fresh(c, code); }, want);
    if (!done) return json_error(c, 410, "stale_code", Text(kStale));
    nlohmann::json j;
    j["action"] = done->in ? "check_in" : "check_out";
    j["at"] = format_local(done->at, c.station.zone);
    if (done->repeat) j["repeat"] = true;
    if (!done->in) {
      j["credited_minutes"] = done->session.credited_minutes;
      j["overdue"] = done->overdue;
    }
    return json(j.dump());
  } catch (const kiosk::Refused& r) {
    return json_error(c, 409, "refused", r.text());
  }
}

Response signin_form(Ctx& c) {
  const auto& code = c.params.at("code");
  if (code.size() > 64) return c.message(Text(kSignInTitle), Text(kCodeUsed), 410, "/signin");
  Data d;
  d.set("code", code);
  d.set("text", std::string(kSignInText.in(c.lang)));
  d.set("button", std::string(kSignInButton.in(c.lang)));
  return c.page(Text(kSignInTitle), render(kSignInForm, d));
}

Response signin(Ctx& c) {
  const auto& code = c.params.at("code");
  std::optional<store::web::SignInCode> used;
  if (code.size() <= 64)
    used = kiosk::retry_transaction(
        c.db, [&] { return store::web::consume_signin_code(c.db, sha256_hex(code), c.now); },
        store::Isolation::explicit_locks);
  if (!used) return c.message(Text(kSignInTitle), Text(kCodeUsed), 410, "/signin");
  auto out = redirect("/me");
  start_session(c.db, c.req, used->volunteer, c.now, out);
  return out;
}

}  // namespace

void add_checkin_routes(Routes& routes) {
  // Anyone: confirm() sends a stranger to sign in itself, with the proof of a fresh code.
  routes.add("GET", "/c/{code}", Access::anyone, confirm);
  routes.add("POST", "/c/{code}", Access::volunteer, check);
  routes.add("POST", "/api/v1/checkin", Access::volunteer, api_checkin);
  routes.add("GET", "/s/{code}", Access::anyone, signin_form);
  routes.add("POST", "/s/{code}", Access::anyone, signin);
}

}  // namespace vstation::web::detail
