// `vstation template skips [--station S] [--template T] [--from D] [--to D]`: the dates on which
// templates make no shift, with their reasons.

#include "vstation/planning/template_skips.hpp"

#include "cli/command.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"list the dates skipped by templates (public holidays …)",
                       "列出模板停开的日期（法定节假日等）"};
constexpr Msg kStation{"only this station's", "仅此站点"};
constexpr Msg kTemplate{"only those this template keeps (its own and its station's)",
                        "仅此模板适用的（模板自身的及其站点全站的）"};
constexpr Msg kFrom{"first day (default: any)", "起始日期（默认：不限）"};
constexpr Msg kTo{"last day (default: any)", "结束日期（默认：不限）"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};
constexpr Msg kNoTemplate{"no shift template with code '{}'", "没有编号为“{}”的班次模板"};
constexpr Msg kNone{"no skipped dates", "没有停开的日期"};
constexpr Msg kDate{"date", "日期"};
constexpr Msg kDay{"day", "星期"};
constexpr Msg kStationHead{"station", "站点"};
constexpr Msg kTemplateHead{"template", "模板"};
constexpr Msg kReason{"reason", "原因"};
constexpr Msg kEvery{"(all)", "（全部）"};

struct ListArgs {
  std::optional<std::string> station, template_code;
  DateRange days{parse_date("1900-01-01"), parse_date("2099-12-31")};
};

Date date_option(const po::variables_map& vm, const char* name, Date fallback) {
  if (!vm.count(name)) return fallback;
  try {
    return parse_date(vm[name].as<std::string>());
  } catch (const ParseError& e) {
    throw UsageError(kAt, name, e.text());
  }
}

int list(const ListArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  std::optional<StationId> station;
  if (a.station) {
    try {
      station = lookup.station(*a.station);
    } catch (const DataError& e) {
      throw DataError(kAt, "station", e.text());
    }
  }
  std::optional<TemplateId> tpl;
  if (a.template_code) {
    auto t = store::shifts::find_template(db, *a.template_code);
    if (!t) throw DataError(kAt, "template", Text::of(kNoTemplate, *a.template_code));
    tpl = t->id;
    if (station && *station != t->station)
      station = StationId{};  // no skip is both
    else
      station = t->station;
  }
  auto skips = planning::skips(db, station, tpl, a.days);
  if (skips.empty()) {
    ctx.err() << ctx.tr(kNone) << "\n";
    return 0;
  }
  std::map<TemplateId, std::string> codes;
  for (const auto& t : store::shifts::templates(db)) codes[t.id] = t.code;
  text::Table t(
      {ctx.tr(kDate), ctx.tr(kDay), ctx.tr(kStationHead), ctx.tr(kTemplateHead), ctx.tr(kReason)});
  for (const auto& s : skips)
    t.add({s.date.iso(), ctx.tr(weekday_label(s.date.weekday())), lookup.station_code(s.station),
           s.template_id ? codes[*s.template_id] : ctx.tr(kEvery), escape_controls(s.reason)});
  ctx.out() << t.render();
  return 0;
}

}  // namespace

void register_template_skips(std::vector<Command>& out) {
  out.push_back(reading(make_command<ListArgs>(
      "template skips", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("station", po::value<std::string>(), ctx.tr(kStation).c_str())(
            "template", po::value<std::string>(), ctx.tr(kTemplate).c_str())(
            "from", po::value<std::string>(), ctx.tr(kFrom).c_str())("to", po::value<std::string>(),
                                                                     ctx.tr(kTo).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        ListArgs a;
        a.station = opt<std::string>(vm, "station");
        a.template_code = opt<std::string>(vm, "template");
        a.days = {date_option(vm, "from", a.days.first), date_option(vm, "to", a.days.last)};
        return a;
      },
      list)));
}

}  // namespace vstation::cli
