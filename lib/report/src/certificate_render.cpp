// The certificate as text and as a printable A4 HTML page (self-contained).

#include <fmt/format.h>

#include "vstation/text/markup.hpp"
#include "vstation/text/qr.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/report/model.hpp"
#include "vstation/text/table.hpp"

namespace vstation::report {
namespace {

constexpr Msg kTitle{"Volunteer Service Certificate", "志愿服务证明"};
constexpr Msg kSerial{"Serial number: {}", "编号：{}"};
constexpr Msg kBody{"This is to certify that {} (volunteer number {}, {}) served as a volunteer at {} from {} to {}: "
                    "{} hours of credited service in {} person-times.",
                    "兹证明 {0}（志愿者编号 {1}，{2}）于 {4} 至 {5} 期间在{3}参加志愿服务，累计计入服务时长 {6} 小时，服务 {7} 人次。"};
constexpr Msg kNoId{"no ID document on record", "未登记证件"};
constexpr Msg kContent{"Service content", "服务内容"};
constexpr Msg kByProject{"By project", "按服务项目"};
constexpr Msg kByCategory{"By category", "按服务类别"};
constexpr Msg kProject{"project", "项目"};
constexpr Msg kCategory{"category", "类别"};
constexpr Msg kPersonTimes{"person-times", "人次"};
constexpr Msg kHours{"hours", "时长（小时）"};
constexpr Msg kWalkIn{"(walk-in, no project)", "（临时服务，无项目）"};
constexpr Msg kIssuer{"Issued by: {}", "出具单位：{}"};
constexpr Msg kInCharge{"Person in charge: {}", "负责人：{}"};
constexpr Msg kContact{"Contact: {}", "联系方式：{}"};
constexpr Msg kIssued{"Date of issue: {}", "出具日期：{}"};
constexpr Msg kCode{"Verification code: {}. To check this certificate, scan the code or run: "
                    "vstation certificate verify {} --code {}",
                    "校验码：{}。核验本证明：扫描二维码，或运行 vstation certificate verify {} --code {}"};
constexpr Msg kCodeOnline{"Verification code: {}. To check this certificate, scan the code or open {}/verify and "
                          "type the serial number and this code.",
                          "校验码：{}。核验本证明：扫描二维码，或打开 {}/verify 输入编号和校验码。"};
constexpr Msg kPreviewSerial{"PREVIEW: not issued, no serial number", "预览：尚未出具，无编号"};
constexpr Msg kPreviewCode{"Not valid as a certificate. To issue it: vstation certificate issue {}",
                           "不作为证明使用。出具：vstation certificate issue {}"};
constexpr Msg kPreviewAsk{"Not valid as a certificate. To have it issued, ask your station's coordinator.",
                          "不作为证明使用。如需正式证明，请联系服务站站长出具。"};
constexpr Msg kSeal{"Seal of the issuing station", "出具单位（盖章）"};
constexpr Msg kSignature{"Signature of the person in charge", "负责人（签字）"};
constexpr Msg kRules{"Hours are credited by the station's counting rules; training time is not service time.",
                     "服务时长按本站计数规则计入；培训时长不计入服务时长。"};

struct Lines {
  std::string title, serial, body, issuer, in_charge, contact, issued, code, rules;
  std::vector<std::vector<std::string>> projects, categories;
  std::vector<std::string> project_head, category_head;
};

Lines lines(const Certificate& c, Lang lang, std::string_view site, PreviewReader reader) {
  auto tr = [lang](Msg m) { return std::string(m.in(lang)); };
  Lines l;
  l.title = tr(kTitle);
  l.serial = c.issued() ? Text::of(kSerial, c.serial).render(lang) : tr(kPreviewSerial);
  std::string id = c.id_type == IdDocType::none ? tr(kNoId)
                                                : label_of(c.id_type).render(lang) + " " + c.id_number_masked;
  l.body = Text::of(kBody, c.name, c.volunteer_number, id, c.station_name,
                    c.period.first.iso(), c.period.last.iso(),
                    format_value(Unit::hours, hours(c.service.credited_minutes)), c.service.person_times)
               .render(lang);
  l.issuer = Text::of(kIssuer, c.station_name).render(lang);
  l.in_charge = Text::of(kInCharge, c.person_in_charge).render(lang);
  l.contact = Text::of(kContact, c.contact).render(lang);
  l.issued = Text::of(kIssued, c.issued_on.iso()).render(lang);
  if (c.issued())
    l.code = site.empty() ? Text::of(kCode, verification_code(c), c.serial, verification_code(c)).render(lang)
                          : Text::of(kCodeOnline, verification_code(c), std::string(site)).render(lang);
  else
    l.code = reader == PreviewReader::volunteer ? tr(kPreviewAsk)
                                                : Text::of(kPreviewCode, c.volunteer_number).render(lang);
  l.rules = tr(kRules);
  l.project_head = {tr(kProject), tr(kCategory), tr(kPersonTimes), tr(kHours)};
  for (const auto& p : c.projects)
    l.projects.push_back({p.code.empty() ? tr(kWalkIn) : p.code + " " + p.name,
                          p.category ? label_of(*p.category).render(lang) : "",
                          std::to_string(p.service.person_times),
                          format_value(Unit::hours, hours(p.service.credited_minutes))});
  l.category_head = {tr(kCategory), tr(kPersonTimes), tr(kHours)};
  for (const auto& k : c.categories)
    l.categories.push_back({k.category ? label_of(*k.category).render(lang) : tr(kWalkIn),
                            std::to_string(k.service.person_times),
                            format_value(Unit::hours, hours(k.service.credited_minutes))});
  return l;
}

std::string html_table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
                       std::size_t first_numeric) {
  std::string out = "<table><tr>";
  for (const auto& h : head) out += "<th>" + text::escape_xml(h) + "</th>";
  out += "</tr>\n";
  for (const auto& r : rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < r.size(); ++i)
      out += (i >= first_numeric ? "<td class=\"n\">" : "<td>") + text::escape_xml(r[i]) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Songti SC", "SimSun",
       "DejaVu Serif", serif; font-size: 11pt; color: #222; max-width: 174mm; margin: 0 auto; }
.frame { border: 3px double #a93226; padding: 14mm 12mm; }
h1 { text-align: center; font-size: 24pt; letter-spacing: 0.3em; color: #a93226; margin: 0 0 4mm; }
.serial { text-align: right; font-size: 9.5pt; color: #555; }
.body { font-size: 12.5pt; line-height: 1.9; text-indent: 2em; margin: 8mm 0; }
h2 { font-size: 11.5pt; margin: 6mm 0 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 2pt 6pt; font-size: 10pt; }
th { background: #f4e4e1; text-align: left; }
td.n { text-align: right; }
.issuer { margin-top: 12mm; text-align: right; line-height: 1.8; }
.code { margin-top: 10mm; font-size: 9pt; color: #555; display: flex; gap: 6mm; align-items: center; }
.code svg { flex: none; }
.sign { display: flex; justify-content: space-between; margin-top: 10mm; }
.sign div { width: 45%; height: 28mm; border: 1px dashed #bbb; font-size: 9.5pt; color: #777;
            padding: 2mm; box-sizing: border-box; }
.preview { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 40pt;
           color: rgba(169, 50, 38, 0.18); transform: rotate(-25deg); pointer-events: none; }
.rules { font-size: 9pt; color: #555; }
/* A phone: the page's width, smaller margins and type, long words and tables kept inside. */
@media screen and (max-width: 600px) {
  body { font-size: 10pt; margin: 0 2mm; }
  .frame { padding: 5mm 3mm; border-width: 3px; }
  h1 { font-size: 17pt; letter-spacing: 0.1em; }
  .body { font-size: 11pt; line-height: 1.7; text-indent: 0; margin: 4mm 0; }
  p, div, td { overflow-wrap: anywhere; }
  th, td.n { overflow-wrap: normal; white-space: nowrap; }  /* a heading and a figure whole */
  th, td { padding: 2pt 3pt; font-size: 9pt; }
  .issuer { margin-top: 6mm; }
  .code { flex-wrap: wrap; }
  .sign div { height: 20mm; }
}
)css";

}  // namespace

std::string render_certificate_text(const Certificate& c, Lang lang, std::string_view site, PreviewReader reader) {
  Lines l = lines(c, lang, site, reader);
  std::string out = l.title + "\n" + l.serial + "\n\n" + l.body + "\n\n" +
                    std::string(kContent.in(lang)) + " — " + std::string(kByProject.in(lang)) + "\n";
  text::Table tp(l.project_head, {text::Align::left, text::Align::left, text::Align::right, text::Align::right});
  for (auto r : l.projects) tp.add(std::move(r));
  out += tp.render() + "\n" + std::string(kContent.in(lang)) + " — " + std::string(kByCategory.in(lang)) + "\n";
  text::Table tc(l.category_head, {text::Align::left, text::Align::right, text::Align::right});
  for (auto r : l.categories) tc.add(std::move(r));
  out += tc.render() + "\n" + l.rules + "\n\n" + l.issuer + "\n" + l.in_charge + "\n" + l.contact + "\n" +
         l.issued + "\n" + l.code + "\n";
  if (c.issued())
    out += "\n" + std::string(kSeal.in(lang)) + ": ____________    " + std::string(kSignature.in(lang)) +
           ": ____________\n";
  return out;
}

std::string render_certificate_html(const Certificate& c, Lang lang, std::string_view site, PreviewReader reader) {
  Lines l = lines(c, lang, site, reader);
  // The viewport line: opened on a phone the page takes the phone's width (@media above).
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang == Lang::zh ? "zh-CN" : "en") +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + text::escape_xml(l.title + " " + c.serial) +
                    "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<div class=\"frame\">\n";
  out += "<div class=\"serial\">" + text::escape_xml(l.serial) + "</div>\n<h1>" + text::escape_xml(l.title) + "</h1>\n";
  out += "<p class=\"body\">" + text::escape_xml(l.body) + "</p>\n";
  out += "<h2>" + text::escape_xml(std::string(kByProject.in(lang))) + "</h2>\n" + html_table(l.project_head, l.projects, 2);
  out += "<h2>" + text::escape_xml(std::string(kByCategory.in(lang))) + "</h2>\n" +
         html_table(l.category_head, l.categories, 1);
  out += "<p class=\"rules\">" + text::escape_xml(l.rules) + "</p>\n<div class=\"issuer\">" + text::escape_xml(l.issuer) +
         "<br>" + text::escape_xml(l.in_charge) + "<br>" + text::escape_xml(l.contact) + "<br>" + text::escape_xml(l.issued) +
         "</div>\n";
  if (c.issued()) {
    // A third party checks it: the QR code carries the serial and the verification code.
    out += "<div class=\"sign\"><div>" + text::escape_xml(std::string(kSeal.in(lang))) + "</div><div>" +
           text::escape_xml(std::string(kSignature.in(lang))) + "</div></div>\n";
    out += "<div class=\"code\">" + text::qr_svg_element(text::qr_encode(verification_payload(c, site)), 24) +
           "<span>" + text::escape_xml(l.code) + "</span></div>\n";
  } else {
    out += "<div class=\"preview\">" + text::escape_xml(std::string(kPreviewSerial.in(lang))) + "</div>\n" +
           "<div class=\"code\"><span>" + text::escape_xml(l.code) + "</span></div>\n";
  }
  out += "</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace vstation::report
