// `vstation certificate V` issues a numbered service certificate (text or printable HTML);
// `vstation certificate verify SERIAL` checks one against the records.

#include "cli/command.hpp"
#include "cli/report_output.hpp"
#include "vstation/report/certificate.hpp"
#include "vstation/report/model.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"issue a numbered volunteer service certificate", "出具带编号的志愿服务证明"};
constexpr Msg kArgs{"VOLUNTEER", "志愿者编号"};
constexpr Msg kVerifySummary{"check a certificate against the records", "核验志愿服务证明与记录是否一致"};
constexpr Msg kVerifyArgs{"SERIAL", "证明编号"};
constexpr Msg kFrom{"first day of service covered (default: the station's first activity)",
                    "证明的起始日期（默认：本站首次活动日）"};
constexpr Msg kTo{"last day covered (default: today)", "证明的截止日期（默认：今天）"};
constexpr Msg kStation{"issuing station (default: the volunteer's home station, or the only one)",
                       "出具证明的服务站（默认：志愿者所属站点，或唯一站点）"};
constexpr Msg kFormat{"text (default) or html", "输出格式：text（默认）或 html"};
constexpr Msg kOut{"write to FILE instead of standard output", "写入文件而不是标准输出"};
constexpr Msg kHoursOpt{"also check the hours printed on the certificate", "同时核对证明上印的时长"};
constexpr Msg kCodeOpt{"also check the verification code printed on the certificate", "同时核对证明上印的校验码"};
constexpr Msg kUnknownVolunteer{"unknown volunteer '{}'", "未知志愿者“{}”"};
constexpr Msg kWhichStation{"the database has several stations: name the issuing one with --station",
                            "数据库中有多个服务站，请用 --station 指定出具单位"};
constexpr Msg kBadFormat{"--format: unknown format '{}' (use text or html)", "--format：未知格式“{}”（可用 text 或 html）"};
constexpr Msg kToBeforeFrom{"--to {} is before --from {}", "--to {} 早于 --from {}"};
constexpr Msg kIssued{"Issued certificate {}.", "已出具证明 {}。"};
constexpr Msg kNoSuch{"no certificate with serial number '{}'", "没有编号为“{}”的证明"};
constexpr Msg kMatches{"Certificate {} matches the records: {} ({}), {} to {}, {} hours, {} person-times, issued {} by {}.",
                       "证明 {} 与记录一致：{}（{}），{} 至 {}，{} 小时，{} 人次，{} 由{}出具。"};
constexpr Msg kDiffers{"Certificate {} does NOT match the records: issued for {} hours, the records now give {} hours.",
                       "证明 {} 与记录不一致：出具时为 {} 小时，按现有记录为 {} 小时。"};
constexpr Msg kDiffersSame{"Certificate {} does NOT match the records: the records behind it have changed since it was issued.",
                           "证明 {} 与记录不一致：出具后相关记录已被修改。"};
constexpr Msg kPrintedHours{"The printed hours {} do NOT match the certificate's {} hours.",
                            "证明上印的时长 {} 与该证明的 {} 小时不一致。"};
constexpr Msg kPrintedCode{"The printed verification code {} does NOT match this certificate.",
                           "证明上印的校验码 {} 与该证明不符。"};

struct IssueArgs {
  std::string volunteer;
  std::optional<std::string> from, to, station, out;
  bool html = false;
};

struct VerifyArgs {
  std::string serial;
  std::optional<std::string> hours, code;
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
  auto v = store::volunteers::find(db, a.volunteer);
  if (!v) throw DataError(kUnknownVolunteer, a.volunteer);
  Station st = issuing_station(ctx, a, *v);
  Date today = today_at(ctx, st);
  Date from = a.from ? date_option("from", *a.from) : v->join_date;
  if (!a.from)
    if (auto span = store::stats::activity_span(db, st.id)) from = std::min(from, span->first);
  Date to = a.to ? date_option("to", *a.to) : today;
  if (to < from) throw UsageError(kToBeforeFrom, to.iso(), from.iso());
  auto c = report::issue_certificate(db, *v, st, {from, to}, today, ctx.now());
  std::string body = a.html ? report::render_certificate_html(c, ctx.lang()) : report::render_certificate_text(c, ctx.lang());
  write_output(ctx, a.out, body);
  if (a.out) ctx.out() << ctx.tr(kIssued, c.serial) << "\n";
  return 0;
}

int verify(const VerifyArgs& a, Context& ctx) {
  auto res = report::verify_certificate(ctx.db(), a.serial);
  if (!res) throw DataError(kNoSuch, a.serial);
  const auto& c = res->now;
  std::string stored_hours = report::format_value(report::Unit::hours, report::hours(res->stored.minutes));
  std::string now_hours = report::format_value(report::Unit::hours, report::hours(c.service.credited_minutes));
  int rc = 0;
  if (res->matches) {
    ctx.out() << ctx.tr(kMatches, c.serial, c.name, c.volunteer_number, c.period.first.iso(), c.period.last.iso(),
                        now_hours, c.service.person_times, c.issued_on.iso(), c.station_name)
              << "\n";
  } else {
    ctx.out() << (stored_hours != now_hours ? ctx.tr(kDiffers, c.serial, stored_hours, now_hours)
                                            : ctx.tr(kDiffersSame, c.serial))
              << "\n";
    rc = 1;
  }
  if (a.hours && *a.hours != stored_hours) {
    ctx.out() << ctx.tr(kPrintedHours, *a.hours, stored_hours) << "\n";
    rc = 1;
  }
  if (a.code) {
    std::string given, want = res->stored.digest.substr(0, 16);
    for (char ch : *a.code)
      if (ch != '-' && ch != ' ') given += char(std::tolower(static_cast<unsigned char>(ch)));
    if (given != want) {
      ctx.out() << ctx.tr(kPrintedCode, *a.code) << "\n";
      rc = 1;
    }
  }
  return rc;
}

}  // namespace

void register_certificate(std::vector<Command>& out) {
  out.push_back(make_command<IssueArgs>(
      "certificate", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("volunteer", po::value<std::string>()->required(), "")(
            "from", po::value<std::string>(), ctx.tr(kFrom).c_str())("to", po::value<std::string>(), ctx.tr(kTo).c_str())(
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
  out.push_back(make_command<VerifyArgs>(
      "certificate verify", kVerifySummary, kVerifyArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("serial", po::value<std::string>()->required(), "")(
            "hours", po::value<std::string>(), ctx.tr(kHoursOpt).c_str())("code", po::value<std::string>(),
                                                                          ctx.tr(kCodeOpt).c_str());
        s.positional.add("serial", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        return VerifyArgs{vm["serial"].as<std::string>(), opt<std::string>(vm, "hours"), opt<std::string>(vm, "code")};
      },
      verify));
}

}  // namespace vstation::cli
