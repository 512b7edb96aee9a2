// The kiosk tablet (a paired device): pairing it with the link `vstation device pair` printed;
// its page with the station's rotating check-in code, number + PIN and a badge scanner's field;
// every input through kiosk::Kiosk, the terminal kiosk's state machine, whose conversation is
// kept in the database between two requests (any server process may get the next one); and
// "sign in on your phone" after a volunteer identified there.

#include <nlohmann/json.hpp>

#include "page.hpp"
#include "routes.hpp"
#include "vstation/kiosk/checkin_code.hpp"
#include "vstation/kiosk/kiosk.hpp"
#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kPairTitle{"Pair this tablet", "配对此平板"};
constexpr Msg kPairText{
    "This tablet becomes a kiosk: volunteers check in and out on it. It stays signed in for a "
    "year, or until the coordinator revokes it ('vstation device revoke').",
    "此平板将成为签到机：志愿者在此签到和签退。它将保持登录一年，或直到站长吊销"
    "（“vstation device revoke”）。"};
constexpr Msg kPairButton{"Pair as kiosk", "配对为签到机"};
constexpr Msg kNoPairCode{"Open the link that 'vstation device pair' printed, on this tablet.",
                          "请在此平板上打开“vstation device pair”打印的链接。"};
constexpr Msg kPairRefused{
    "This pairing link was used already, has expired or its device was revoked: make a new one "
    "with 'vstation device pair'.",
    "此配对链接已使用、已过期或其设备已被吊销：请用“vstation device pair”重新生成。"};
constexpr Msg kKioskTitle{"Check in / check out", "签到 / 签退"};
constexpr Msg kScanWithPhone{"Signed in on your phone? Scan this code with its camera.",
                             "已在手机上登录？请用手机相机扫描此码。"};
constexpr Msg kOrHere{"Or here: volunteer number and PIN", "或在此输入：志愿者编号和 PIN 码"};
constexpr Msg kNumber{"Volunteer number", "志愿者编号"};
constexpr Msg kPin{"PIN", "PIN 码"};
constexpr Msg kGo{"OK", "确定"};
constexpr Msg kBadge{"Scan your badge here", "在此扫描志愿者证"};
constexpr Msg kYes{"Yes", "是"};
constexpr Msg kNo{"No", "否"};
constexpr Msg kNext{"Next volunteer", "下一位"};
constexpr Msg kPhoneSignIn{"Sign in on your phone", "在手机上登录"};
constexpr Msg kPhoneSignInText{
    "Scan this code with your phone's camera within two minutes: it signs you in there, once.",
    "请在两分钟内用手机相机扫描此码：可在手机上登录一次。"};
constexpr Msg kPhoneOfferGone{"Identify yourself again first, with your number and PIN.",
                              "请先用编号和 PIN 码重新识别身份。"};
constexpr Msg kKioskError{"The kiosk could not do this", "签到机无法完成此操作"};

// A conversation left this long is over: the next input starts at the welcome.
constexpr std::int64_t kConversationSeconds = 120;
// How long the "sign in on your phone" code works.
constexpr std::int64_t kSignInCodeSeconds = 120;

constexpr const char* kPairForm = R"(<form method="post" action="/kiosk/pair" class="card">
<input type="hidden" name="code" value="{{code}}">
<p>{{text}}</p>
<button type="submit">{{button}}</button>
</form>
)";

constexpr const char* kWelcome = R"(<div class="kiosk-grid">
<section class="card kiosk-code">
<p class="station">{{station}}</p>
<img id="station-code" src="/kiosk/code.svg?w={{window}}" alt="{{scan}}" width="300" height="300">
<p>{{scan}}</p>
</section>
<section class="card">
<form method="post" action="/kiosk/input">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fresh" value="1"><input type="hidden" name="mode" value="number">
<h2>{{or_here}}</h2>
<label for="number">{{number_label}}</label>
<input id="number" name="number" autocomplete="off" autocapitalize="characters" maxlength="64" required>
<label for="pin">{{pin_label}}</label>
<input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="off" maxlength="12">
<button type="submit">{{go}}</button>
</form>
<form method="post" action="/kiosk/input" class="scanner">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="fresh" value="1">
<label for="line">{{badge_label}}</label>
<input id="line" name="line" autocomplete="off" maxlength="64">
</form>
</section>
</div>
)";

constexpr const char* kScreen = R"(<section class="card screen tone-{{tone}}">
{{#lines}}<p>{{.}}</p>
{{/lines}}</section>
{{#yes_no}}<section class="card yes-no">
<p class="question">{{prompt}}</p>
<form method="post" action="/kiosk/input"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="line" value="y"><button type="submit">{{yes}}</button></form>
<form method="post" action="/kiosk/input"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="line" value="n"><button type="submit" class="secondary">{{no}}</button></form>
</section>
{{/yes_no}}{{#time}}<form method="post" action="/kiosk/input" class="card">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="line">{{prompt}}</label>
<input id="line" name="line" type="time" required>
<button type="submit">{{go}}</button>
</form>
{{/time}}{{#text}}<form method="post" action="/kiosk/input" class="card">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="line">{{prompt}}</label>
<input id="line" name="line"{{#secret}} type="password" inputmode="numeric"{{/secret}} autocomplete="off" maxlength="64" autofocus>
<button type="submit">{{go}}</button>
</form>
{{/text}}{{#phone}}<form method="post" action="/kiosk/phone"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{phone_label}}</button></form>
{{/phone}}<p><a class="button" href="/kiosk">{{next}}</a></p>
)";

constexpr const char* kPhoneCode = R"(<div class="card kiosk-code">
<div class="qr">{{{svg}}}</div>
<p>{{text}}</p>
<p class="help sign-in-link">{{url}}</p>
</div>
<p><a class="button" href="/kiosk">{{next}}</a></p>
)";

const char* tone_name(kiosk::Tone t) {
  switch (t) {
    case kiosk::Tone::good:
      return "good";
    case kiosk::Tone::warn:
      return "warn";
    case kiosk::Tone::bad:
      return "bad";
    case kiosk::Tone::neutral:
      break;
  }
  return "neutral";
}

Head kiosk_head(int refresh_seconds, bool script = false) {
  Head h;
  h.body_class = "kiosk";
  h.refresh_seconds = refresh_seconds;
  h.refresh_to = "/kiosk";
  if (script) {
    h.script = "kiosk.js";
    h.refresh_only_without_script = true;
  }
  return h;
}

StationId device_station(const Ctx& c) {
  auto device = store::web::get_device(c.db, c.device());
  return device ? device->station : c.station.id;
}

void save(const Ctx& c, const kiosk::Conversation& conv) {
  store::web::save_conversation(c.db, c.session->session.id, conv.encode(), conv.volunteer, c.now);
}

// The conversation the device left, unless it is over.
std::optional<kiosk::Conversation> saved(const Ctx& c) {
  auto row = store::web::load_conversation(c.db, c.session->session.id);
  if (!row || c.now.seconds - row->updated.seconds > kConversationSeconds ||
      c.now.seconds < row->updated.seconds)
    return std::nullopt;
  return kiosk::Conversation::decode(row->state);
}

Response pair_form(Ctx& c) {
  auto code = c.req.param("code");
  if (!code || code->empty() || code->size() > 64)
    return c.message(Text(kPairTitle), Text(kNoPairCode), 200, "/kiosk/pair");
  Data d;
  d.set("code", *code);
  d.set("text", std::string(kPairText.in(c.lang)));
  d.set("button", std::string(kPairButton.in(c.lang)));
  return c.page(Text(kPairTitle), render(kPairForm, d));
}

Response pair(Ctx& c) {
  auto code = c.req.form("code").value_or("");
  // No code at all is not a used or expired one: the page says where the code comes from.
  if (code.empty()) return c.message(Text(kPairTitle), Text(kNoPairCode), 400, "/kiosk/pair");
  std::optional<store::web::PairedDevice> device;
  if (code.size() <= 64)
    device = kiosk::retry_transaction(c.db, [&] {
      auto d = store::web::consume_pair_code(c.db, sha256_hex(code), c.now);
      if (d) {
        store::AuditEntry e;
        e.at = c.now;
        e.actor = "web device " + std::to_string(d->id.value);
        e.entity = "device";
        e.entity_id = d->id.value;
        e.action = "paired";
        e.new_value = d->name;
        store::audit::append(c.db, e);
      }
      return d;
    });
  if (!device) return c.message(Text(kPairTitle), Text(kPairRefused), 410, "/kiosk/pair");
  auto out = redirect("/kiosk");
  start_device_session(c.db, c.req, device->id, c.now, out);
  return out;
}

Response welcome(Ctx& c) {
  StationId station = device_station(c);
  save(c, kiosk::Conversation{});
  Data d;
  d.set("station", store::stations::get(c.db, station)->name);
  d.set("window", std::to_string(kiosk::code_window(c.now)));
  d.set("scan", std::string(kScanWithPhone.in(c.lang)));
  d.set("csrf", c.csrf());
  d.set("or_here", std::string(kOrHere.in(c.lang)));
  d.set("number_label", std::string(kNumber.in(c.lang)));
  d.set("pin_label", std::string(kPin.in(c.lang)));
  d.set("go", std::string(kGo.in(c.lang)));
  d.set("badge_label", std::string(kBadge.in(c.lang)));
  return c.page(Text(kKioskTitle), render(kWelcome, d),
                kiosk_head(kiosk::kCodeWindowSeconds, true));
}

Response show(Ctx& c, const kiosk::Screen& s, const kiosk::Kiosk& k) {
  const bool asks = k.save().step != kiosk::Conversation::Step::idle;
  Data d;
  d.set("tone", tone_name(s.tone));
  Data lines{Data::type::list};
  for (const auto& line : s.lines) lines.push_back(Data(line.render(c.lang)));
  d.set("lines", lines);
  d.set("csrf", c.csrf());
  // A question is answered with buttons or a time picker where the kiosk says what it expects;
  // a PIN (or anything else) is typed.
  d.set("yes_no", asks && s.expect == kiosk::Expect::yes_no);
  d.set("time", asks && s.expect == kiosk::Expect::time_of_day);
  d.set("text", asks && s.expect == kiosk::Expect::line);
  d.set("secret", s.secret);
  d.set("prompt", kiosk::question_text(s, c.lang));
  d.set("go", std::string(kGo.in(c.lang)));
  d.set("yes", std::string(kYes.in(c.lang)));
  d.set("no", std::string(kNo.in(c.lang)));
  // Only who gave their PIN here may take a session to their phone: a number alone (a station
  // where PINs are optional) or a badge alone would let anyone who knows it in.
  d.set("phone", k.identified().has_value() && k.pin_checked());
  d.set("phone_label", std::string(kPhoneSignIn.in(c.lang)));
  d.set("next", std::string(kNext.in(c.lang)));
  // A result goes back to the welcome by itself; a question waits as long as the conversation.
  return c.page(s.title, render(kScreen, d), kiosk_head(asks ? int(kConversationSeconds) : 20));
}

Response input(Ctx& c) {
  const Instant now = c.now;
  try {
    kiosk::Kiosk k(
        c.db, device_station(c), [now] { return now; }, c.actor());
    k.audit_check_ins();
    if (!c.req.form("fresh"))
      if (auto conv = saved(c)) k.restore(*conv);
    kiosk::Screen screen;
    if (c.req.form("mode").value_or("") == "number") {
      screen = k.handle(c.req.form("number").value_or(""));
      // The PIN typed with the number answers the kiosk's question for it; none typed: asked.
      auto pin = c.req.form("pin").value_or("");
      if (k.save().step == kiosk::Conversation::Step::pin && !pin.empty()) screen = k.handle(pin);
    } else {
      screen = k.handle(c.req.form("line").value_or(""));
    }
    if (k.finished()) screen = k.welcome();
    save(c, k.save());
    return show(c, screen, k);
  } catch (const DataError& e) {
    save(c, kiosk::Conversation{});
    return c.message(Text(kKioskError), e.text(), 409, "/kiosk");
  }
}

Response phone_code(Ctx& c) {
  auto conv = saved(c);
  if (!conv || conv->step != kiosk::Conversation::Step::idle || !conv->volunteer ||
      !conv->pin_checked)
    return c.message(Text(kPhoneSignIn), Text(kPhoneOfferGone), 409, "/kiosk");
  StationId station = device_station(c);
  std::string code = kiosk::new_badge_token();  // 128 random bits
  kiosk::retry_transaction(c.db, [&] {
    store::web::create_signin_code(c.db, sha256_hex(code), *conv->volunteer, station, c.now,
                                   Instant{c.now.seconds + kSignInCodeSeconds});
    save(c, kiosk::Conversation{});  // the offer is used: the next one identifies again
    store::AuditEntry e;
    e.at = c.now;
    e.actor = c.actor();
    e.entity = "volunteer";
    e.entity_id = conv->volunteer->value;
    e.action = "signin code";
    store::audit::append(c.db, e);
    return 0;
  });
  Data d;
  std::string url = site_url(c.req) + "/s/" + code;
  d.set("svg", qr_svg(url));
  d.set("url", url);
  d.set("text", std::string(kPhoneSignInText.in(c.lang)));
  d.set("next", std::string(kNext.in(c.lang)));
  return c.page(Text(kPhoneSignIn), render(kPhoneCode, d), kiosk_head(int(kSignInCodeSeconds)));
}

std::string code_url(const Ctx& c) {
  StationId station = device_station(c);
  auto secret = store::web::station_secret(c.db, station, c.now);
  return site_url(c.req) + "/c/" + kiosk::current_checkin_code(secret, station, c.now);
}

}  // namespace

void add_kiosk_routes(Routes& routes) {
  routes.add("GET", "/kiosk/pair", Access::anyone, pair_form);
  routes.add("POST", "/kiosk/pair", Access::anyone, pair);
  routes.add("GET", "/kiosk", Access::device, welcome);
  routes.add("POST", "/kiosk/input", Access::device, input).hashes_secret = true;
  routes.add("POST", "/kiosk/phone", Access::device, phone_code);
  routes.add("GET", "/kiosk/code.svg", Access::device, [](Ctx& c) {
    Response out;
    out.set("Content-Type", "image/svg+xml");
    out.body = qr_svg(code_url(c));
    return out;
  });
  routes.add("GET", "/api/v1/kiosk/code", Access::device, [](Ctx& c) {
    nlohmann::json j;
    j["url"] = code_url(c);
    j["seconds_left"] = kiosk::code_seconds_left(c.now);
    j["window"] = kiosk::code_window(c.now);
    return json(j.dump());
  });
}

}  // namespace vstation::web::detail
