// `vstation certificate V` shows what a service certificate would state (a preview: no serial,
// nothing stored); `vstation certificate issue V` numbers, seals and stores it, with a QR code
// for a third party to verify it (text or printable HTML).

#include "vstation/report/certificate.hpp"

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "cli/report_output.hpp"
#include "vstation/report/model.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"preview a volunteer service certificate (nothing is issued)",
                       "预览志愿服务证明（不出具）"};
constexpr Msg kIssueSummary{"issue a numbered volunteer service certificate",
                            "出具带编号的志愿服务证明"};
constexpr Msg kPreviewed{"wrote a preview of {}'s certificate to {} (not issued: no serial number)",
                         "已将 {} 的证明预览写入 {}（未出具，无编号）"};
constexpr Msg kArgs{"VOLUNTEER", "志愿者编号"};
constexpr Msg kFrom{"first day covered (default: the volunteer's first day of credited service)",
                    "证明的起始日期（默认：志愿者首次计入服务的日期）"};
constexpr Msg kTo{"last day covered (default: the volunteer's last day of credited service)",
                  "证明的截止日期（默认：志愿者最后一次计入服务的日期）"};
constexpr Msg kNoService{"{} has no credited service at {}: there is nothing to certify",
                         "{} 在{}没有计入的服务时长：没有可证明的内容"};
constexpr Msg kStation{"issuing station (default: the volunteer's home station, or the only one)",
                       "出具证明的服务站（默认：志愿者所属站点，或唯一站点）"};
constexpr Msg kFormat{"text (default) or html", "输出格式：text（默认）或 html"};
constexpr Msg kOut{"write to FILE instead of standard output", "写入文件而不是标准输出"};
constexpr Msg kWhichStation{
    "the database has several stations: name the issuing one with --station",
    "数据库中有多个服务站，请用 --station 指定出具单位"};
constexpr Msg kBadFormat{"--format: unknown format '{}' (use text or html)",
                         "--format：未知格式“{}”（可用 text 或 html）"};
constexpr Msg kToBeforeFrom{"--to {} is before --from {}", "--to {} 早于 --from {}"};
constexpr Msg kIssued{"issued certificate {}, written to {}", "已出具证明 {}，写入 {}"};

struct IssueArgs {
  std::string volunteer;
  std::optional<std::string> from, to, station, out;
  bool html = false;
  bool issue = false;
};

Station issuing_station(Context& ctx, const IssueArgs& a, const Volunteer& v) {
  if (auto st = station_option(ctx, a.station)) return *st;
  if (v.home_station)
    if (auto st = store::stations::get(ctx.db(), *v.home_station)) return *st;
  auto all = store::stations::all(ctx.db());
  if (all.size() != 1) throw UsageError(kWhichStation);
  return all.front();
}

int run(const IssueArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  const Volunteer& v = lookup.volunteer_record(lookup.volunteer(a.volunteer));
  Station st = issuing_station(ctx, a, v);
  Date today = today_at(ctx, st);
  auto span = report::service_span(db, v, st);
  if (!span && (!a.from || !a.to)) throw DataError(kNoService, v.number, st.name);
  Date from = a.from ? date_option("from", *a.from) : span->first;
  Date to = a.to ? date_option("to", *a.to) : span->last;
  if (to < from) throw UsageError(kToBeforeFrom, to.iso(), from.iso());
  // With the station's public address (`station public-url`) the QR code opens the web check.
  const std::string site = store::web::public_url(db, st.id).value_or(std::string());
  auto render = [&](const report::Certificate& c) {
    return a.html ? report::render_certificate_html(c, ctx.lang(), site)
                  : report::render_certificate_text(c, ctx.lang(), site);
  };
  if (!a.issue) {
    PendingOutput out(ctx, render(report::preview_certificate(db, v, st, {from, to}, today)),
                      a.out);
    out.publish(a.out ? std::optional<Text>(Text::of(kPreviewed, v.number, *a.out)) : std::nullopt);
    return 0;
  }
  // The serial is used up only if the certificate reaches its file: numbered, rendered and
  // written to a temporary file inside one transaction, committed, then put in place. The serial
  // is taken under a lock (issue_certificate), which needs each statement to see what committed.
  store::Transaction tx(db, store::Isolation::explicit_locks);
  auto c = report::issue_certificate(db, v, st, {from, to}, today, ctx.now(), "coordinator");
  PendingOutput out(ctx, render(c), a.out);
  tx.commit();
  out.publish(a.out ? std::optional<Text>(Text::of(kIssued, c.serial, *a.out)) : std::nullopt);
  return 0;
}

Command certificate_command(std::string path, Msg summary, bool issue) {
  return make_command<IssueArgs>(
      std::move(path), summary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("volunteer", po::value<std::string>()->required(), "")(
            "from", po::value<std::string>(), ctx.tr(kFrom).c_str())("to", po::value<std::string>(),
                                                                     ctx.tr(kTo).c_str())(
            "station", po::value<std::string>(), ctx.tr(kStation).c_str())(
            "format", po::value<std::string>()->default_value("text"), ctx.tr(kFormat).c_str())(
            "out,o", po::value<std::string>(), ctx.tr(kOut).c_str());
        s.positional.add("volunteer", 1);
      },
      [issue](const po::variables_map& vm, const Context&) {
        IssueArgs a;
        a.volunteer = vm["volunteer"].as<std::string>();
        a.from = opt<std::string>(vm, "from");
        a.to = opt<std::string>(vm, "to");
        a.station = opt<std::string>(vm, "station");
        a.out = opt<std::string>(vm, "out");
        std::string f = vm["format"].as<std::string>();
        if (f != "text" && f != "html") throw UsageError(kBadFormat, f);
        a.html = f == "html";
        a.issue = issue;
        return a;
      },
      run);
}

}  // namespace

void register_certificate(std::vector<Command>& out) {
  out.push_back(reading(certificate_command("certificate", kSummary, false)));
  out.push_back(certificate_command("certificate issue", kIssueSummary, true));
}

}  // namespace vstation::cli
