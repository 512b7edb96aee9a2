// Service certificates for the secretary and the coordinator (/staff/certificates, issue 16):
// issue one for a volunteer and a period at the account's station (`vstation certificate issue`:
// report::issue_certificate, and an audit row naming the account), the register of those issued
// (`vstation certificate list`: store::certificates::issued, names masked), and each one opened
// to print (render_certificate_html, as the CLI writes it; only while the records still give the
// digest it was issued with). The district reads the register of every station.

#include "document.hpp"
#include "page.hpp"
#include "routes.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/report/model.hpp"
#include "vstation/store/certificates.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/retry.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/text/width.hpp"

namespace vstation::web::detail {
namespace {

constexpr Msg kTitle{"Certificates", "服务证明"};
constexpr Msg kIssueTitle{"Issue a certificate", "出具证明"};
constexpr Msg kIssueHelp{
    "A numbered certificate of the volunteer's credited service at {}. Leave the days empty for "
    "their first to last day of service here.",
    "出具该志愿者在{}计入服务时长的编号证明。起止日期留空则为其在本站首次至最后一次服务的日期。"};
constexpr Msg kVolunteer{"Volunteer number", "志愿者编号"};
constexpr Msg kFrom{"First day covered (optional)", "证明起始日期（可不填）"};
constexpr Msg kTo{"Last day covered (optional)", "证明截止日期（可不填）"};
constexpr Msg kIssue{"Issue the certificate", "出具证明"};
constexpr Msg kRegister{"Certificates issued", "已出具的证明"};
constexpr Msg kNone{"No certificates issued yet.", "尚未出具任何证明。"};
constexpr Msg kSerial{"Serial", "证明编号"};
constexpr Msg kIssuedOn{"Issued", "出具日期"};
constexpr Msg kNumber{"Volunteer", "志愿者编号"};
constexpr Msg kName{"Name", "姓名"};
constexpr Msg kPeriod{"Period", "服务期间"};
constexpr Msg kHours{"Hours", "时长（小时）"};
constexpr Msg kPrint{"Print", "打印"};
constexpr Msg kPrintOf{"Print certificate {}", "打印证明 {}"};
constexpr Msg kIssued{"Issued certificate {}.", "已出具证明 {}。"};
constexpr Msg kBadField{"{}: {}", "{}：{}"};
constexpr Msg kToBeforeFrom{"Last day covered: {} is before {}.", "证明截止日期：{} 早于 {}。"};
constexpr Msg kNoService{"{} has no credited service at {}: there is nothing to certify.",
                         "{} 在{}没有计入的服务时长：没有可证明的内容。"};
constexpr Msg kChanged{
    "The records changed after {} was issued: it no longer matches what it states, so it is not "
    "printed again. `vstation certificate verify {}` shows the difference; issue a new one.",
    "{} 出具后记录已有变更，与证明所载内容不再一致，因此不能重新打印。"
    "可用 `vstation certificate verify {}` 查看差异，并重新出具证明。"};

constexpr const char* kPage =
    R"({{#flash}}<p class="flash" role="status">{{text}} <a href="/staff/certificates/{{serial}}">{{print}}</a></p>
{{/flash}}{{#issue}}<form method="post" action="/staff/certificates" class="card">
<h2>{{issue_title}}</h2>
<p class="help">{{help}}</p>
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="volunteer">{{volunteer_label}}</label><input id="volunteer" name="volunteer" required autocomplete="off" placeholder="V0012">
<label for="from">{{from_label}}</label><input id="from" name="from" type="date">
<label for="to">{{to_label}}</label><input id="to" name="to" type="date">
<button type="submit">{{issue_button}}</button>
</form>
{{/issue}}<h2>{{register}}</h2>
{{^rows}}<p>{{none}}</p>{{/rows}}{{#any}}<div class="table-scroll"><table>
<thead><tr>{{#heads}}<th scope="col">{{.}}</th>{{/heads}}<th scope="col"><span class="sr-only">{{print}}</span></th></tr></thead>
<tbody>{{#rows}}<tr><td>{{serial}}</td><td>{{issued_on}}</td><td>{{number}}</td><td>{{name}}</td><td>{{period}}</td><td class="n">{{hours}}</td><td><a href="/staff/certificates/{{serial}}" aria-label="{{print_of}}">{{print}}</a></td></tr>
{{/rows}}</tbody></table></div>{{/any}}
)";

Response page(Ctx& c) {
  const Lang lang = c.lang;
  auto tr = [lang](Msg m) { return std::string(m.in(lang)); };
  const auto& account = c.staff();
  store::Lookup lookup(c.db);
  Data d;
  if (auto serial = c.req.param("issued"); serial && report::typed_serial(*serial)) {
    Data flash;
    flash.set("text", Text::of(kIssued, *report::typed_serial(*serial)).render(lang));
    flash.set("serial", *report::typed_serial(*serial));
    flash.set("print", tr(kPrint));
    d.set("flash", flash);
  }
  if (account.role != StaffRole::district && account.station) {
    Data issue;
    issue.set("issue_title", tr(kIssueTitle));
    issue.set("help",
              Text::of(kIssueHelp, lookup.station_record(*account.station).name).render(lang));
    issue.set("csrf", c.csrf());
    issue.set("volunteer_label", tr(kVolunteer));
    issue.set("from_label", tr(kFrom));
    issue.set("to_label", tr(kTo));
    issue.set("issue_button", tr(kIssue));
    d.set("issue", issue);
  }
  d.set("register", tr(kRegister));
  d.set("none", tr(kNone));
  d.set("print", tr(kPrint));
  Data heads{Data::type::list};
  for (Msg m : {kSerial, kIssuedOn, kNumber, kName, kPeriod, kHours}) heads.push_back(Data(tr(m)));
  d.set("heads", heads);
  store::ListFilter filter;
  filter.station = account.station;  // the district: every station
  Data rows{Data::type::list};
  bool any = false;
  for (const auto& cert : store::certificates::issued(c.db, filter)) {
    const Volunteer& v = lookup.volunteer_record(cert.volunteer);
    Data r;
    r.set("serial", cert.serial);
    r.set("issued_on", cert.issued_on.iso());
    r.set("number", v.number);
    r.set("name", text::mask_name(v.name));
    r.set("period", cert.period.first.iso() + " – " + cert.period.last.iso());
    r.set("hours", report::format_value(report::Unit::hours, report::hours(cert.minutes)));
    r.set("print", tr(kPrint));
    r.set("print_of", Text::of(kPrintOf, cert.serial).render(lang));
    rows.push_back(r);
    any = true;
  }
  d.set("any", any);
  d.set("rows", rows);
  Head head;
  head.body_class = "wide";
  return c.page(Text(kTitle), render(kPage, d), head);
}

Response issue(Ctx& c) {
  const auto& account = c.staff();
  auto refuse = [&](const Text& why) {
    return c.message(Text(kTitle), why, 400, "/staff/certificates");
  };
  if (!account.station) return c.out_of_scope();
  store::Lookup lookup(c.db);
  const Station& st = lookup.station_record(*account.station);
  const std::string number = c.req.form("volunteer").value_or("");
  const std::string from_text = c.req.form("from").value_or("");
  const std::string to_text = c.req.form("to").value_or("");
  if (is_blank(number)) return refuse(Text::of(kFieldRequired, Text(kVolunteer)));
  std::optional<Volunteer> v;
  try {
    v = lookup.volunteer_record(lookup.volunteer(number));
  } catch (const DataError& e) {
    return refuse(Text::of(kBadField, Text(kVolunteer), e.text()));
  }
  std::optional<Date> from, to;
  try {
    if (!from_text.empty()) from = parse_date(from_text);
  } catch (const DataError& e) {
    return refuse(Text::of(kBadField, Text(kFrom), e.text()));
  }
  try {
    if (!to_text.empty()) to = parse_date(to_text);
  } catch (const DataError& e) {
    return refuse(Text::of(kBadField, Text(kTo), e.text()));
  }
  // Days not given: the volunteer's first to last day of credited service here, as the CLI.
  auto span = report::service_span(c.db, *v, st);
  if (!span && (!from || !to)) return refuse(Text::of(kNoService, v->number, st.name));
  const DateRange period{from ? *from : span->first, to ? *to : span->last};
  if (period.last < period.first)
    return refuse(Text::of(kToBeforeFrom, period.last.iso(), period.first.iso()));
  const Date today = local_date(c.now, st.zone);
  std::string serial;
  try {
    serial = store::retry_transaction(
        c.db,
        [&] {
          if (auto again = report::just_issued(c.db, *v, st, period, c.now)) return *again;
          return report::issue_certificate(c.db, *v, st, period, today, c.now, c.actor()).serial;
        },
        store::Isolation::explicit_locks);
  } catch (const DataError& e) {  // no credited service in the period, an erased volunteer
    return refuse(e.text());
  }
  return redirect("/staff/certificates?issued=" + url_encode(serial));
}

Response print(Ctx& c) {
  auto serial = report::typed_serial(c.params["serial"]);
  if (!serial) return c.not_found("/staff/certificates");
  auto stored = store::certificates::find(c.db, *serial);
  if (!stored) return c.not_found("/staff/certificates");
  if (!c.staff_sees(stored->station)) return c.out_of_scope();
  auto checked = report::verify_certificate(c.db, *serial);
  if (!checked) return c.not_found("/staff/certificates");
  if (!checked->matches)
    return c.message(Text(kTitle), Text::of(kChanged, *serial, *serial), 409,
                     "/staff/certificates");
  const std::string site = store::web::public_url(c.db, stored->station).value_or(std::string());
  return document(report::render_certificate_html(checked->now, c.lang, site),
                  "text/html; charset=utf-8", *serial + ".html", Disposition::open);
}

}  // namespace

void add_staff_certificate_routes(Routes& routes) {
  routes.add("GET", "/staff/certificates", StaffRoles::all(), page);
  routes.add("POST", "/staff/certificates",
             StaffRoles{StaffRole::coordinator, StaffRole::secretary}, issue);
  routes.add("GET", "/staff/certificates/{serial}", StaffRoles::all(), print);
}

}  // namespace vstation::web::detail
