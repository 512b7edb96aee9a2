// A volunteer's service certificate on their phone: they choose a quarter (or a range of days)
// and download what `vstation certificate V` writes for it, as HTML or text: the same preview
// from lib/report (no serial: issuing a numbered certificate stays the coordinator's act).

#include "document.hpp"
#include "page.hpp"
#include "routes.hpp"
#include "vstation/domain/calendar.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Certificate", "服务证明"};
constexpr Msg kIntro{
    "Download a statement of your credited service for a quarter or for days "
    "you choose. The coordinator issues the numbered, sealed certificate.",
    "下载某季度或指定日期内计入的服务时长证明（预览）。带编号并盖章的正式证明由站长出具。"};
constexpr Msg kQuarter{"Quarter", "季度"};
constexpr Msg kOrRange{"Or from … to (both days included)", "或指定起止日期（含当天）"};
constexpr Msg kFrom{"From", "开始日期"};
constexpr Msg kTo{"To", "截止日期"};
constexpr Msg kFormat{"Format", "格式"};
constexpr Msg kHtml{"Page to print (HTML)", "可打印网页（HTML）"};
constexpr Msg kText{"Plain text", "纯文本"};
constexpr Msg kDownload{"Download", "下载"};
constexpr Msg kNoService{
    "You have no credited service from {} to {}: there is nothing to "
    "certify yet. Choose another quarter.",
    "您在 {} 至 {} 期间没有计入的服务时长，暂无可证明的内容。请选择其他季度。"};
constexpr Msg kBadField{"{}: {}", "{}：{}"};
constexpr Msg kToBeforeFrom{"To: {} is before {}", "截止日期：{} 早于 {}"};
constexpr Msg kBadFormat{"Format: '{}' is not one of html or text", "格式：“{}”不是 html 或 text"};

constexpr const char* kForm = R"(<p class="help">{{intro}}</p>
{{#wechat}}<p class="notice" role="note">{{wechat}}</p>
{{/wechat}}<form method="get" action="/me/certificate" class="card">
<label for="quarter">{{quarter_label}}</label>
<select id="quarter" name="quarter">{{#quarters}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{code}}</option>{{/quarters}}</select>
<fieldset><legend>{{range_label}}</legend>
<label for="from">{{from_label}}</label><input id="from" name="from" type="date">
<label for="to">{{to_label}}</label><input id="to" name="to" type="date">
</fieldset>
<label for="format">{{format_label}}</label>
<select id="format" name="format"><option value="html" selected>{{html}}</option><option value="text">{{text}}</option></select>
<button type="submit">{{download}}</button>
</form>
)";

Response chooser(const Ctx& c, Date today) {
  const Lang lang = c.lang;
  Data d;
  d.set("intro", std::string(kIntro.in(lang)));
  if (in_wechat(c.req)) d.set("wechat", std::string(kOpenOutsideWeChat.in(lang)));
  d.set("quarter_label", std::string(kQuarter.in(lang)));
  // This quarter and the seven before it; the last full quarter is chosen.
  Data quarters{Data::type::list};
  Quarter q = Quarter::of(today);
  const Quarter last_full = q.previous();
  for (int i = 0; i < 8; ++i, q = q.previous()) {
    Data o;
    o.set("code", q.str());
    o.set("selected", q == last_full);
    quarters.push_back(o);
  }
  d.set("quarters", quarters);
  d.set("range_label", std::string(kOrRange.in(lang)));
  d.set("from_label", std::string(kFrom.in(lang)));
  d.set("to_label", std::string(kTo.in(lang)));
  d.set("format_label", std::string(kFormat.in(lang)));
  d.set("html", std::string(kHtml.in(lang)));
  d.set("text", std::string(kText.in(lang)));
  d.set("download", std::string(kDownload.in(lang)));
  return c.page(Text(kTitle), render(kForm, d));
}

Response certificate(Ctx& c) {
  store::Lookup lookup(c.db);
  const Volunteer& me = lookup.volunteer_record(c.volunteer());
  // The issuing station as the CLI chooses it without --station: their home station, else the
  // one this server serves.
  const Station& st = me.home_station ? lookup.station_record(*me.home_station) : c.station;
  const Date today = local_date(c.now, st.zone);
  auto quarter = c.req.param("quarter");
  auto from_text = c.req.param("from").value_or("");
  auto to_text = c.req.param("to").value_or("");
  if (!quarter && from_text.empty() && to_text.empty()) return chooser(c, today);
  auto bad = [&](Msg field, const Text& why) {
    return c.message(Text(kTitle), Text::of(kBadField, Text(field), why), 400, "/me/certificate");
  };
  // The two formats the form offers; any other value is refused, never served as HTML.
  const std::string format = c.req.param("format").value_or("html");
  if (format != "html" && format != "text")
    return c.message(Text(kTitle), Text::of(kBadFormat, format), 400, "/me/certificate");
  DateRange period;
  std::string name;
  if (!from_text.empty() || !to_text.empty()) {
    try {
      period.first = parse_date(from_text);
    } catch (const DataError& e) {
      return bad(kFrom, e.text());
    }
    try {
      period.last = parse_date(to_text);
    } catch (const DataError& e) {
      return bad(kTo, e.text());
    }
    if (period.last < period.first)
      return c.message(Text(kTitle), Text::of(kToBeforeFrom, to_text, from_text), 400,
                       "/me/certificate");
    name = period.first.iso() + "_" + period.last.iso();
  } else {
    Quarter q;
    try {
      q = Quarter::parse(*quarter);
    } catch (const DataError& e) {
      return bad(kQuarter, e.text());
    }
    period = q.days();
    name = q.str();
  }
  report::Certificate cert;
  try {
    cert = report::preview_certificate(c.db, me, st, period, today);
  } catch (const DataError&) {
    return c.message(Text(kTitle), Text::of(kNoService, period.first.iso(), period.last.iso()), 200,
                     "/me/certificate");
  }
  const bool text = format == "text";
  // A preview: the volunteer is told to ask the coordinator, not the command that issues it.
  auto body =
      text ? report::render_certificate_text(cert, c.lang, {}, report::PreviewReader::volunteer)
           : report::render_certificate_html(cert, c.lang, {}, report::PreviewReader::volunteer);
  // No name or number in the file name: the browser may keep it in its download list. WeChat's
  // browser saves no downloads, so there the certificate opens as a page (to print or keep).
  return document(std::move(body), text ? "text/plain; charset=utf-8" : "text/html; charset=utf-8",
                  "certificate-" + name + (text ? ".txt" : ".html"),
                  in_wechat(c.req) ? Disposition::open : Disposition::download);
}

}  // namespace

void add_certificate_routes(Routes& routes) {
  routes.add("GET", "/me/certificate", Access::volunteer, certificate);
}

}  // namespace vstation::web::detail
