#include "cli/skip_args.hpp"

#include "vstation/domain/text_util.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kTemplate{"the template (its code); or --station for every template of a station",
                        "模板编号；或用 --station 指定某站点的全部模板"};
constexpr Msg kStation{"every template of this station (a public holiday)",
                       "该站点的全部模板（如法定节假日）"};
constexpr Msg kDate{"the date (2026-10-01)", "日期（2026-10-01）"};
constexpr Msg kReason{"why (a public holiday, an exam day); shown by template skips",
                      "原因（法定节假日、考试日等）；由 template skips 列出"};
constexpr Msg kOneTarget{"give a template or --station, not both",
                         "请给出模板编号或 --station，二者只能选一"};
constexpr Msg kNoTarget{"give a template (its code) or --station", "请给出模板编号或 --station"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};
constexpr Msg kBlankReason{"--reason: say why, or leave the option out; it cannot be blank",
                           "--reason：请写明原因，或省略该选项；不能为空白"};
constexpr Msg kOneTemplate{"template {}", "模板 {}"};
constexpr Msg kAllTemplates{"every template of station {}", "站点 {} 的全部模板"};
}  // namespace

void declare_skip_args(OptionSet& s, const Context& ctx, bool with_reason) {
  s.options.add_options()("template", po::value<std::string>(), ctx.tr(kTemplate).c_str())(
      "station", po::value<std::string>(), ctx.tr(kStation).c_str())(
      "date", po::value<std::string>()->required(), ctx.tr(kDate).c_str());
  if (with_reason)
    s.options.add_options()("reason", po::value<std::string>(), ctx.tr(kReason).c_str());
  s.positional.add("template", 1);
}

SkipArgs parse_skip_args(const po::variables_map& vm) {
  SkipArgs a;
  a.template_code = opt<std::string>(vm, "template");
  a.station = opt<std::string>(vm, "station");
  if (a.template_code && a.station) throw UsageError(kOneTarget);
  if (!a.template_code && !a.station) throw UsageError(kNoTarget);
  try {
    a.date = parse_date(vm["date"].as<std::string>());
  } catch (const ParseError& e) {
    throw UsageError(kAt, "date", e.text());
  }
  if (vm.count("reason")) {
    a.reason = vm["reason"].as<std::string>();
    if (is_blank(a.reason)) throw UsageError(kBlankReason);
    try {
      store::template_skips::check_reason(a.reason);
    } catch (const store::FieldError& e) {
      throw UsageError(kAt, "reason", e.text());
    }
  }
  return a;
}

planning::SkipScope resolve_skip(store::Connection& db, const SkipArgs& a) {
  try {
    return planning::skip_scope(db, a.template_code, a.station);
  } catch (const DataError& e) {
    if (a.station) throw DataError(kAt, "station", e.text());
    throw;
  }
}

Text skip_target(const SkipArgs& a) {
  return a.template_code ? Text::of(kOneTemplate, *a.template_code)
                         : Text::of(kAllTemplates, a.station.value_or(""));
}

}  // namespace vstation::cli
