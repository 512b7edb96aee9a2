// The public certificate check (issue 16, point 6): anyone who holds a volunteer service
// certificate (an employer, a school) opens the address its QR code carries, or types the
// serial and the check code at /verify, and learns whether it is valid, with the hours, the
// period and the issuing station: nothing else about the person (no name, number, ID or phone).
// The one rule is lib/report's: verify_certificate (as `vstation certificate verify`) and
// check_code_matches. Wrong checks count against the address like failed sign-ins (signin.hpp).

#include <nlohmann/json.hpp>

#include "page.hpp"
#include "routes.hpp"
#include "signin.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/report/model.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Check a certificate", "核验志愿服务证明"};
constexpr Msg kIntro{
    "Type the serial number and the verification code printed on a volunteer service "
    "certificate, or scan its QR code with a phone's camera.",
    "输入志愿服务证明上印的编号和校验码，或用手机相机扫描证明上的二维码。"};
constexpr Msg kSerialLabel{"Serial number", "证明编号"};
constexpr Msg kCodeLabel{"Verification code", "校验码"};
constexpr Msg kCheck{"Check", "核验"};
constexpr Msg kValid{"Valid: this certificate matches the records of the station that issued it.",
                     "有效：本证明与出具服务站的记录一致。"};
constexpr Msg kChanged{
    "NOT valid: the records behind this certificate have changed since it was issued. Ask the "
    "station that issued it for a new one.",
    "无效：本证明出具后，相关记录已被修改。请向出具证明的服务站申请重新出具。"};
constexpr Msg kNoMatch{
    "NOT valid: no certificate has this serial number and verification code. Compare both with "
    "the printed certificate.",
    "无效：没有与此编号和校验码相符的证明。请对照纸质证明核对编号和校验码。"};
constexpr Msg kTooMany{"Too many checks from this address: wait ten minutes.",
                       "此地址核验次数过多：请十分钟后再试。"};
constexpr Msg kNotSerial{
    "Serial number: '{}' is not one (a serial is written like ICITY-2024-000001, as printed on "
    "the certificate).",
    "证明编号：“{}”格式不对（编号形如 ICITY-2024-000001，见证明上所印）。"};
constexpr Msg kSerialFact{"Serial number", "证明编号"};
constexpr Msg kStationFact{"Issued by", "出具单位"};
constexpr Msg kPeriodFact{"Period of service", "服务期间"};
constexpr Msg kPeriod{"{} to {}", "{} 至 {}"};
constexpr Msg kHoursFact{"Credited hours (as issued)", "计入服务时长（出具时）"};
constexpr Msg kIssuedFact{"Date of issue", "出具日期"};
constexpr Msg kPrivacy{
    "For the volunteer's privacy this page shows nothing else about them: ask the volunteer for "
    "the certificate itself.",
    "为保护志愿者隐私，本页不显示其个人信息；如需了解证明全文，请向志愿者本人索取。"};

constexpr const char* kPage =
    R"({{#verdict}}<div class="card verdict {{kind}}" role="{{role}}"><p><strong>{{text}}</strong></p>
{{#facts}}<dl class="facts">{{#rows}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/rows}}</dl>
<p class="help">{{privacy}}</p>{{/facts}}</div>
{{/verdict}}<p class="help">{{intro}}</p>
<form method="get" action="/verify" class="card">
<label for="serial">{{serial_label}}</label>
<input id="serial" name="serial" value="{{serial}}" autocapitalize="characters" autocomplete="off" spellcheck="false" required maxlength="80">
<label for="code">{{code_label}}</label>
<input id="code" name="code" value="{{code}}" autocomplete="off" spellcheck="false" required maxlength="40">
<button type="submit">{{check}}</button>
</form>
)";

// One check's outcome: what the page and the API both say.
struct Outcome {
  enum class Kind { form, valid, changed, no_match, malformed, rate_limited } kind = Kind::form;
  std::optional<report::Verification> found;  // valid or changed
  Text problem;                               // malformed: which field, and why
};

Outcome check(Ctx& c, const std::optional<std::string>& serial_text,
              const std::optional<std::string>& code_text) {
  using Kind = Outcome::Kind;
  if (!serial_text && !code_text) return {Kind::form, std::nullopt, {}};
  if (over_limit(c, kCertificateCheckLimit)) return {Kind::rate_limited, std::nullopt, {}};
  // A field left out, or a serial that cannot be one, is said as such (no verdict on any
  // certificate) and not counted: it reveals nothing of which serials exist.
  auto malformed = [](Text problem) { return Outcome{Kind::malformed, std::nullopt, problem}; };
  if (!serial_text || is_blank(*serial_text))
    return malformed(Text::of(kFieldRequired, Text(kSerialLabel)));
  if (!code_text || is_blank(*code_text))
    return malformed(Text::of(kFieldRequired, Text(kCodeLabel)));
  auto serial = report::typed_serial(*serial_text);
  if (!serial) return malformed(Text::of(kNotSerial, shown_value(*serial_text)));
  if (code_text->size() > 64) {
    count_failure(c, kCertificateCheckLimit);
    return {Kind::no_match, std::nullopt, {}};
  }
  std::optional<report::Verification> found;
  try {
    found = report::verify_certificate(c.db, *serial);
  } catch (const DataError&) {
    // Its volunteer or station is gone: nothing to attest, said like any unknown serial.
    found.reset();
  }
  // An unknown serial and a wrong code get the same answer: the page does not tell which serials
  // exist (they are counted per station and year).
  if (!found || !report::check_code_matches(found->stored, *code_text)) {
    count_failure(c, kCertificateCheckLimit);
    return {Kind::no_match, std::nullopt, {}};
  }
  return {found->matches ? Kind::valid : Kind::changed, std::move(found), {}};
}

std::string hours_of(const report::Verification& v) {
  return report::format_value(report::Unit::hours, report::hours(v.stored.minutes));
}

int status_of(Outcome::Kind k) {
  switch (k) {
    case Outcome::Kind::malformed:
      return 400;
    case Outcome::Kind::no_match:
      return 404;
    case Outcome::Kind::rate_limited:
      return 429;
    default:
      return 200;
  }
}

Response page(Ctx& c) {
  auto serial = c.req.param("serial");
  auto code = c.req.param("code");
  const Outcome o = check(c, serial, code);
  const Lang lang = c.lang;
  auto tr = [lang](const Msg& m) { return std::string(m.in(lang)); };
  Data d;
  d.set("intro", tr(kIntro));
  d.set("serial_label", tr(kSerialLabel));
  d.set("code_label", tr(kCodeLabel));
  d.set("check", tr(kCheck));
  d.set("serial", serial.value_or(""));
  d.set("code", code.value_or(""));
  if (o.kind != Outcome::Kind::form) {
    Data v;
    using Kind = Outcome::Kind;
    const bool good = o.kind == Kind::valid;
    v.set("kind", good ? "tone-good" : "tone-bad");
    v.set("role", good ? "status" : "alert");
    v.set("text", o.kind == Kind::malformed ? o.problem.render(lang)
                                            : tr(o.kind == Kind::valid          ? kValid
                                                 : o.kind == Kind::changed      ? kChanged
                                                 : o.kind == Kind::rate_limited ? kTooMany
                                                                                : kNoMatch));
    if (o.found) {
      const auto& f = *o.found;
      Data rows{Data::type::list};
      auto row = [&](const Msg& label, std::string value) {
        Data r;
        r.set("label", tr(label));
        r.set("value", std::move(value));
        rows.push_back(r);
      };
      row(kSerialFact, f.stored.serial);
      row(kStationFact, f.now.station_name);
      row(kPeriodFact,
          Text::of(kPeriod, f.stored.period.first.iso(), f.stored.period.last.iso()).render(lang));
      row(kHoursFact, hours_of(f));
      row(kIssuedFact, f.stored.issued_on.iso());
      Data facts;
      facts.set("rows", rows);
      facts.set("privacy", tr(kPrivacy));
      v.set("facts", facts);
    }
    d.set("verdict", v);
  }
  auto out = c.page(Text(kTitle), render(kPage, d), status_of(o.kind));
  // Search engines have no business with a certificate's address.
  out.set("X-Robots-Tag", "noindex");
  return out;
}

Response api(Ctx& c) {
  using Kind = Outcome::Kind;
  auto serial = c.req.param("serial");
  auto code = c.req.param("code");
  const Outcome o = check(c, serial, code);
  switch (o.kind) {
    case Kind::rate_limited:
      return json_error(c, 429, "rate_limited", Text(kTooMany));
    case Kind::form:
      return json_error(c, 400, "bad_request", Text::of(kFieldRequired, Text(kSerialLabel)));
    case Kind::malformed:
      return json_error(c, 400, "bad_request", o.problem);
    case Kind::no_match:
      return json_error(c, 404, "no_match", Text(kNoMatch));
    case Kind::valid:
    case Kind::changed:
      break;
  }
  const auto& f = *o.found;
  nlohmann::json j{
      {"valid", o.kind == Kind::valid},
      {"status", o.kind == Kind::valid ? "valid" : "records_changed"},
      {"message", std::string((o.kind == Kind::valid ? kValid : kChanged).in(c.lang))},
      {"serial", f.stored.serial},
      {"station", f.now.station_name},
      {"period", {{"from", f.stored.period.first.iso()}, {"to", f.stored.period.last.iso()}}},
      {"hours", hours_of(f)},
      {"credited_minutes", f.stored.minutes},
      {"issued_on", f.stored.issued_on.iso()},
  };
  return json(j.dump());
}

}  // namespace

void add_verify_routes(Routes& routes) {
  routes.add("GET", "/verify", Access::anyone, page);
  routes.add("GET", "/api/v1/certificates/verify", Access::anyone, api);
}

}  // namespace vstation::web::detail
