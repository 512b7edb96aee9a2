// `vstation certificate V` issues a numbered service certificate (text or printable HTML).

#include "vstation/report/certificate.hpp"

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "cli/report_output.hpp"
#include "vstation/report/model.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"issue a numbered volunteer service certificate",
                       "出具带编号的志愿服务证明"};
constexpr Msg kArgs{"VOLUNTEER", "志愿者编号"};
constexpr Msg kFrom{"first day of service covered (default: the station's first activity)",
                    "证明的起始日期（默认：本站首次活动日）"};
constexpr Msg kTo{"last day covered (default: today)", "证明的截止日期（默认：今天）"};
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
};

Station issuing_station(Context& ctx, const IssueArgs& a, const Volunteer& v) {
  if (auto st = station_option(ctx, a.station)) return *st;
  if (v.home_station)
    if (auto st = store::stations::get(ctx.db(), *v.home_station)) return *st;
  auto all = store::stations::all(ctx.db());
  if (all.size() != 1) throw UsageError(kWhichStation);
  return all.front();
}

int issue(const IssueArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  const Volunteer& v = lookup.volunteer_record(lookup.volunteer(a.volunteer));
  Station st = issuing_station(ctx, a, v);
  Date today = today_at(ctx, st);
  Date from = a.from ? date_option("from", *a.from) : v.join_date;
  if (!a.from)
    if (auto span = store::stats::activity_span(db, st.id)) from = std::min(from, span->first);
  Date to = a.to ? date_option("to", *a.to) : today;
  if (to < from) throw UsageError(kToBeforeFrom, to.iso(), from.iso());
  // The serial is used up only if the certificate reaches its file: numbered, rendered and
  // written to a temporary file inside one transaction, committed, then put in place.
  store::Transaction tx(db);
  auto c = report::issue_certificate(db, v, st, {from, to}, today, ctx.now());
  std::string body = a.html ? report::render_certificate_html(c, ctx.lang())
                            : report::render_certificate_text(c, ctx.lang());
  PendingOutput out(ctx, body, a.out);
  tx.commit();
  out.publish(a.out ? std::optional<Text>(Text::of(kIssued, c.serial, *a.out)) : std::nullopt);
  return 0;
}

}  // namespace

void register_certificate(std::vector<Command>& out) {
  out.push_back(make_command<IssueArgs>(
      "certificate", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("volunteer", po::value<std::string>()->required(), "")(
            "from", po::value<std::string>(), ctx.tr(kFrom).c_str())("to", po::value<std::string>(),
                                                                     ctx.tr(kTo).c_str())(
            "station", po::value<std::string>(), ctx.tr(kStation).c_str())(
            "format", po::value<std::string>()->default_value("text"), ctx.tr(kFormat).c_str())(
            "out,o", po::value<std::string>(), ctx.tr(kOut).c_str());
        s.positional.add("volunteer", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        IssueArgs a;
        a.volunteer = vm["volunteer"].as<std::string>();
        a.from = opt<std::string>(vm, "from");
        a.to = opt<std::string>(vm, "to");
        a.station = opt<std::string>(vm, "station");
        a.out = opt<std::string>(vm, "out");
        std::string f = vm["format"].as<std::string>();
        if (f != "text" && f != "html") throw UsageError(kBadFormat, f);
        a.html = f == "html";
        return a;
      },
      issue));
}

}  // namespace vstation::cli
