// `vstation report quarter|month|range|since-opening`: the period report of the Youth League
// secretary, with breakdowns, in the chosen format.

#include <sstream>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "cli/report_output.hpp"
#include "vstation/report/render.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kQuarter{"report on a quarter: person-times, hours, projects, incidents, …",
                       "季度报表：服务人次、时长、项目、服务记录等"};
constexpr Msg kMonth{"report on a month", "月度报表"};
constexpr Msg kRange{"report on a range of days (--from, --to)",
                     "指定日期范围的报表（--from、--to）"};
constexpr Msg kSince{"report on everything since the station opened", "自开站以来的累计报表"};
constexpr Msg kQuarterArg{"QUARTER (2023Q2)", "季度（2023Q2）"};
constexpr Msg kMonthArg{"MONTH (2023-05)", "月份（2023-05）"};
constexpr Msg kStation{"only this station (default: every station in the database)",
                       "只统计此服务站（默认：数据库中全部站点）"};
constexpr Msg kBy{
    "breakdowns: project, category, volunteer, week, month, station (repeat or comma-separate)",
    "分项统计：project、category、volunteer、week、month、station（可重复或用逗号分隔）"};
constexpr Msg kFormat{"table (default), csv, json, html or xlsx",
                      "输出格式：table（默认）、csv、json、html 或 xlsx"};
constexpr Msg kOut{"write to FILE instead of standard output", "写入文件而不是标准输出"};
constexpr Msg kFrom{"first day (YYYY-MM-DD)", "起始日期（YYYY-MM-DD）"};
constexpr Msg kTo{"last day, inclusive (YYYY-MM-DD)", "截止日期（含当天）"};
constexpr Msg kBadBy{
    "--by: unknown breakdown '{}' (use project, category, volunteer, week, month or station)",
    "--by：未知的分项“{}”（可用 project、category、volunteer、week、month、station）"};
constexpr Msg kBadFormat{"--format: unknown format '{}' (use table, csv, json, html or xlsx)",
                         "--format：未知格式“{}”（可用 table、csv、json、html、xlsx）"};
constexpr Msg kBadPeriod{"{}", "{}"};
constexpr Msg kToBeforeFrom{"--to {} is before --from {}", "--to {} 早于 --from {}"};

enum class Which { quarter, month, range, since_opening };

struct ReportArgs {
  Which which = Which::quarter;
  std::string period;
  std::optional<std::string> from, to;
  std::optional<std::string> station;
  std::vector<report::By> by;
  report::Format format = report::Format::table;
  std::optional<std::string> out;
};

void declare(OptionSet& s, const Context& ctx, Which which) {
  if (which == Which::quarter || which == Which::month) {
    s.options.add_options()("period", po::value<std::string>()->required(), "");
    s.positional.add("period", 1);
  }
  if (which == Which::range)
    s.options.add_options()("from", po::value<std::string>()->required(), ctx.tr(kFrom).c_str())(
        "to", po::value<std::string>()->required(), ctx.tr(kTo).c_str());
  s.options.add_options()("station", po::value<std::string>(), ctx.tr(kStation).c_str())(
      "by", po::value<std::vector<std::string>>()->composing(), ctx.tr(kBy).c_str())(
      "format", po::value<std::string>()->default_value("table"), ctx.tr(kFormat).c_str())(
      "out,o", po::value<std::string>(), ctx.tr(kOut).c_str());
}

ReportArgs parse(const po::variables_map& vm, Which which) {
  ReportArgs a;
  a.which = which;
  if (vm.count("period")) a.period = vm["period"].as<std::string>();
  a.from = opt<std::string>(vm, "from");
  a.to = opt<std::string>(vm, "to");
  a.station = opt<std::string>(vm, "station");
  if (vm.count("by"))
    for (const auto& v : vm["by"].as<std::vector<std::string>>()) {
      std::stringstream in(v);
      for (std::string w; std::getline(in, w, ',');) {
        if (w.empty()) continue;
        auto b = report::parse_by(w);
        if (!b) throw UsageError(kBadBy, w);
        if (std::find(a.by.begin(), a.by.end(), *b) == a.by.end()) a.by.push_back(*b);
      }
    }
  auto f = report::parse_format(vm["format"].as<std::string>());
  if (!f) throw UsageError(kBadFormat, vm["format"].as<std::string>());
  a.format = *f;
  a.out = opt<std::string>(vm, "out");
  return a;
}

int run(const ReportArgs& a, Context& ctx) {
  auto& db = ctx.db();
  auto st = station_option(ctx, a.station);
  std::optional<StationId> scope = st ? std::optional<StationId>(st->id) : std::nullopt;
  Date today = today_at(ctx, st);
  report::ReportRequest req;
  try {
    switch (a.which) {
      case Which::quarter:
        req = report::quarter_request(Quarter::parse(a.period));
        break;
      case Which::month:
        req = report::month_request(Month::parse(a.period));
        break;
      case Which::range: {
        Date from = date_option("from", *a.from), to = date_option("to", *a.to);
        if (to < from) throw UsageError(kToBeforeFrom, to.iso(), from.iso());
        req = report::range_request({from, to});
        break;
      }
      case Which::since_opening:
        req = report::since_opening_request(db, scope, today);
        break;
    }
  } catch (const ParseError& e) {
    throw UsageError(kBadPeriod, e.text());
  }
  req.station = scope;
  req.by = a.by;
  req.as_of = today;
  req.category_chart = a.format == report::Format::html;  // only the HTML draws it
  auto r = report::compute_report(db, req);
  Content content = a.format == report::Format::xlsx ? Content::binary : Content::text;
  if (a.out && *a.out != "-") {
    PendingOutput out(ctx, report::render(r, a.format, ctx.lang()), a.out, content);
    out.publish();
  } else {
    // Standard output: written as it is made (a row per volunteer of a district is tens of MB).
    PendingOutput out(ctx, std::string(), std::nullopt, content);  // refuses binary on a terminal
    report::render(r, a.format, ctx.lang(), ctx.out());
    out.publish();
  }
  return 0;
}

Command command(std::string path, Msg summary, Msg usage, Which which) {
  return make_command<ReportArgs>(
      std::move(path), summary, usage,
      [which](OptionSet& s, const Context& ctx) { declare(s, ctx, which); },
      [which](const po::variables_map& vm, const Context&) { return parse(vm, which); }, run);
}

}  // namespace

void register_report(std::vector<Command>& out) {
  out.push_back(reading(command("report quarter", kQuarter, kQuarterArg, Which::quarter)));
  out.push_back(reading(command("report month", kMonth, kMonthArg, Which::month)));
  out.push_back(reading(command("report range", kRange, Msg{"", ""}, Which::range)));
  out.push_back(
      reading(command("report since-opening", kSince, Msg{"", ""}, Which::since_opening)));
}

}  // namespace vstation::cli
