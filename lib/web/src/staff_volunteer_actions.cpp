// What a coordinator does on a volunteer's page: reveal one field (phone or ID number) after
// re-entering their own password, reissue the badge, reset the PIN. The password is checked as at
// staff sign-in (kiosk::check_staff_password: Argon2id, the account's lockout; the address's
// limit, bucket "staff-signin": a wrong password counts as a failed sign-in). Every reveal, badge
// and PIN writes an audit row naming the account, the volunteer and what was done; never a
// revealed value nor a PIN. A refusal changes nothing.

#include "page.hpp"
#include "signin.hpp"
#include "staff_volunteers.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/kiosk/badge.hpp"
#include "vstation/kiosk/credentials.hpp"
#include "vstation/kiosk/pin_check.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kNoField{"Choose the phone number or the ID number.", "请选择手机号或证件号。"};
constexpr Msg kWrong{"Wrong password: nothing was shown.", "密码错误：未显示任何内容。"};
constexpr Msg kPasswordRequired{"Your password: required (type it again to see the number).",
                                "您的密码：必填（再次输入密码后方可查看）。"};
constexpr Msg kLocked{"Too many wrong passwords: your account is locked until {}.",
                      "密码错误次数过多：您的账户锁定至 {}。"};
constexpr Msg kRevealed{"Shown to you once, and recorded under your name.",
                        "仅向您显示这一次，并已以您的名义记录。"};
constexpr Msg kNewPin{"The new PIN of {}: give it to them now; it is not shown again.",
                      "{} 的新 PIN 码如下：请立即交给本人；此后不再显示。"};
constexpr Msg kPinSet{"PIN set for {}.", "已为 {} 设置 PIN 码。"};
constexpr Msg kBadPin{"PIN: {}. Nothing was changed.", "PIN 码：{}。未作任何修改。"};
constexpr Msg kBadgeTitle{"Badge of {}", "{} 的志愿者证"};
constexpr Msg kBadgeHelp{
    "Earlier badges of this volunteer no longer work. Print this page (the browser's Print).",
    "该志愿者的旧证件已失效。请使用浏览器的打印功能打印本页。"};
constexpr Msg kBack{"Back to the volunteer", "返回志愿者页面"};

constexpr const char* kNotice = R"(<p class="{{kind}}" role="{{role}}">{{text}}</p>
)";
constexpr const char* kPinNotice =
    R"(<div class="card flash" role="status"><p>{{text}}</p><p class="new-pin">{{pin}}</p></div>
)";
constexpr const char* kBadgePage = R"(<div class="card badge">{{{badge}}}</div>
<p class="help no-print">{{help}}</p>
<p class="no-print"><a href="/staff/volunteers/{{vid}}">{{back}}</a></p>
)";

std::string notice(const Text& text, Lang lang, bool error) {
  Data d;
  d.set("kind", error ? "error" : "flash");
  d.set("role", error ? "alert" : "status");
  d.set("text", text.render_sentence(lang));
  return render(kNotice, d);
}

void audit(Ctx& c, VolunteerId v, std::string action, std::string detail) {
  store::AuditEntry e;
  e.at = c.now;
  e.actor = c.actor();
  e.entity = "volunteer";
  e.entity_id = v.value;
  e.action = std::move(action);
  e.reason = std::move(detail);
  store::audit::append(c.db, e);
}

struct Refusal {
  int status;
  std::string code;
  Text text;
};

// The signed-in account's password, as staff sign-in checks it; nullopt when it is right.
std::optional<Refusal> check_own_password(Ctx& c, const std::optional<std::string>& password) {
  if (over_limit(c, kStaffSignInLimit)) return Refusal{429, "rate_limited", Text(kTooMany)};
  auto failed = [&](int status, std::string code, Text text) {
    count_failure(c, kStaffSignInLimit);
    return Refusal{status, std::move(code), std::move(text)};
  };
  // None typed is said as such, and not counted as a wrong one.
  if (!password || password->empty()) return Refusal{400, "bad_field", Text(kPasswordRequired)};
  if (password->size() > 600) return failed(400, "bad_request", Text(kWrong));
  auto verdict = kiosk::check_staff_password(c.db, c.staff().id, *password, c.now);
  switch (verdict.kind) {
    case kiosk::PinVerdict::Kind::accepted:
      return std::nullopt;
    case kiosk::PinVerdict::Kind::locked:
      return failed(403, "locked_out",
                    Text::of(kLocked, local_time(*verdict.locked_until, c.station.zone).hhmm()));
    case kiosk::PinVerdict::Kind::no_pin:
    case kiosk::PinVerdict::Kind::wrong:
      break;
  }
  return failed(401, "wrong_credentials", Text(kWrong));
}

// One field of one volunteer, unmasked, once the password is right and the audit row written.
struct Revealed {
  std::optional<Refusal> refusal;
  Revealable field = Revealable::phone;
  std::string value;
};
Revealed reveal(Ctx& c, const Volunteer& v, const std::optional<std::string>& which,
                const std::optional<std::string>& password) {
  Revealed out;
  auto field = revealable(which.value_or(""));
  if (!field || (*field == Revealable::phone ? v.phone : v.id_number).empty()) {
    out.refusal = Refusal{400, "bad_field", Text(kNoField)};
    return out;
  }
  out.refusal = check_own_password(c, password);
  if (out.refusal) return out;
  out.field = *field;
  kiosk::retry_transaction(c.db, [&] {
    audit(c, v.id, "reveal", std::string(field_name(*field)));
    return 0;
  });
  out.value = *field == Revealable::phone ? v.phone : v.id_number;
  return out;
}

Response reveal_page(Ctx& c) {
  auto v = volunteer_in_scope(c);
  if (!v) return c.out_of_scope();
  auto r = reveal(c, *v, c.req.form("field"), c.req.form("password"));
  if (r.refusal)
    return volunteer_page(c, *v, {std::nullopt, notice(r.refusal->text, c.lang, true)},
                          r.refusal->status);
  return volunteer_page(c, *v, {r.field, notice(Text(kRevealed), c.lang, false)});
}

Response reveal_json(Ctx& c) {
  auto v = volunteer_in_scope(c);
  if (!v) return c.out_of_scope();
  std::optional<std::string> field = c.req.form("field");
  std::optional<std::string> password = c.req.form("password");
  if (c.req.header("content-type").value_or("").rfind("application/json", 0) == 0) {
    auto body = nlohmann::json::parse(c.req.body, nullptr, false);
    field = password = std::nullopt;
    if (body.is_object() && body.value("field", nlohmann::json()).is_string())
      field = body["field"].get<std::string>();
    if (body.is_object() && body.value("password", nlohmann::json()).is_string())
      password = body["password"].get<std::string>();
  }
  auto r = reveal(c, *v, field, password);
  if (r.refusal) return json_error(c, r.refusal->status, r.refusal->code, r.refusal->text);
  return json(nlohmann::json{
      {"id", v->id.value},
      {"number", v->number},
      {"field", std::string(field_name(r.field))},
      {"value",
       r.value}}.dump());
}

Response badge_page(Ctx& c) {
  auto v = volunteer_in_scope(c);
  if (!v) return c.out_of_scope();
  const std::string token = kiosk::new_badge_token();
  try {
    kiosk::retry_transaction(c.db, [&] {
      kiosk::replace_badge(c.db, v->id, token);
      audit(c, v->id, "badge_reissue", "");
      return 0;
    });
  } catch (const DataError& e) {  // an erased volunteer
    return volunteer_page(c, *v, {std::nullopt, notice(e.text(), c.lang, true)}, 409);
  }
  std::string svg =
      kiosk::badge_svg(kiosk::qr_encode(kiosk::badge_payload(token)), kiosk::badge_caption(*v));
  if (auto start = svg.find("<svg"); start != std::string::npos) svg = svg.substr(start);
  Data d;
  d.set("badge", svg);
  d.set("help", std::string(kBadgeHelp.in(c.lang)));
  d.set("vid", std::to_string(v->id.value));
  d.set("back", std::string(kBack.in(c.lang)));
  return c.page(Text::of(kBadgeTitle, v->number), render(kBadgePage, d));
}

Response pin_page(Ctx& c) {
  auto v = volunteer_in_scope(c);
  if (!v) return c.out_of_scope();
  std::string typed = c.req.form("pin").value_or("");
  const bool generated = typed.empty();
  const std::string pin = generated ? kiosk::new_pin() : typed;
  std::string hash;
  try {
    hash = kiosk::hash_pin(pin);  // checks the format first
  } catch (const ParseError& e) {
    return volunteer_page(c, *v, {std::nullopt, notice(Text::of(kBadPin, e.text()), c.lang, true)},
                          400);
  }
  try {
    kiosk::retry_transaction(c.db, [&] {
      kiosk::replace_pin(c.db, v->id, hash);
      audit(c, v->id, "pin_reset", generated ? "generated" : "typed");
      return 0;
    });
  } catch (const DataError& e) {  // an erased volunteer
    return volunteer_page(c, *v, {std::nullopt, notice(e.text(), c.lang, true)}, 409);
  }
  if (!generated)
    return volunteer_page(c, *v,
                          {std::nullopt, notice(Text::of(kPinSet, v->number), c.lang, false)});
  Data d;
  d.set("text", Text::of(kNewPin, v->number).render(c.lang));
  d.set("pin", pin);
  return volunteer_page(c, *v, {std::nullopt, render(kPinNotice, d)});
}

}  // namespace

void add_staff_volunteer_action_routes(Routes& routes) {
  routes.add("POST", "/staff/volunteers/{id}/reveal", kVolunteerPagesRoles, reveal_page)
      .hashes_secret = true;
  routes.add("POST", "/staff/volunteers/{id}/badge", kVolunteerPagesRoles, badge_page);
  routes.add("POST", "/staff/volunteers/{id}/pin", kVolunteerPagesRoles, pin_page).hashes_secret =
      true;
  routes.add("POST", "/api/v1/staff/volunteers/{id}/reveal", kVolunteerPagesRoles, reveal_json)
      .hashes_secret = true;
}

}  // namespace vstation::web::detail
