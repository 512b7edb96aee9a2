#include "cli/list_filter_args.hpp"

#include "vstation/domain/calendar.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kVolunteer{"only this volunteer's", "仅此志愿者的"};
constexpr Msg kStation{"only this station's", "仅此站点的"};
constexpr Msg kWeek{
    "only this ISO week (2024-W23), a date in it, this, next or last",
    "仅此 ISO 周（2024-W23）、其中某一天的日期、本周（this）、下周（next）或上周（last）"};
constexpr Msg kFrom{"from this local day (YYYY-MM-DD), inclusive",
                    "起始日期（YYYY-MM-DD，当地日期，含当天）"};
constexpr Msg kTo{"to this local day (YYYY-MM-DD), inclusive",
                  "截止日期（YYYY-MM-DD，当地日期，含当天）"};
constexpr Msg kStatus{"only this status: {}", "仅此状态：{}"};
constexpr Msg kOption{"--{}: {}", "--{}：{}"};
constexpr Msg kWeekAndDays{"--week cannot be combined with --from or --to: give a week, or days",
                           "--week 不能与 --from 或 --to 同时使用：请给出一周，或起止日期"};
constexpr Msg kToBeforeFrom{"--to ({}) is before --from ({})", "--to（{}）早于 --from（{}）"};
constexpr Msg kNoneYet{"no {} yet", "还没有{}"};
constexpr Msg kNoneMatch{"no {} matches", "没有符合条件的{}"};

template <class F>
auto option_value(const char* name, F&& parse) {
  try {
    return parse();
  } catch (const ParseError& e) {
    throw UsageError(kOption, name, e.text());
  }
}

template <class F>
auto looked_up(const char* name, F&& resolve) {
  try {
    return resolve();
  } catch (const DataError& e) {
    throw DataError(kOption, name, e.text());
  }
}

}  // namespace

void declare_list_filters(OptionSet& s, const Context& ctx, const store::ListFilters& takes) {
  auto add = s.options.add_options();
  if (takes.volunteer) add("volunteer", po::value<std::string>(), ctx.tr(kVolunteer).c_str());
  if (takes.station) add("station", po::value<std::string>(), ctx.tr(kStation).c_str());
  if (takes.days) {
    add("week", po::value<std::string>(), ctx.tr(kWeek).c_str());
    add("from", po::value<std::string>(), ctx.tr(kFrom).c_str());
    add("to", po::value<std::string>(), ctx.tr(kTo).c_str());
  }
  if (takes.status_code)
    add("status", po::value<std::string>(), ctx.tr(kStatus, takes.status_codes()).c_str());
}

ListFilterArgs parse_list_filters(const po::variables_map& vm, const Context& ctx,
                                  const store::ListFilters& takes) {
  ListFilterArgs a;
  if (takes.volunteer) a.volunteer = opt<std::string>(vm, "volunteer");
  if (takes.station) a.station = opt<std::string>(vm, "station");
  if (takes.days) {
    if (auto w = opt<std::string>(vm, "week")) {
      if (vm.count("from") || vm.count("to")) throw UsageError(kWeekAndDays);
      // Named weeks count from today at the default zone, as `roster --week` does.
      auto days = option_value("week", [&] {
        return IsoWeek::parse_named(*w, local_date(ctx.now(), default_zone())).days();
      });
      a.from = days.first;
      a.to = days.last;
    }
    if (auto v = opt<std::string>(vm, "from"))
      a.from = option_value("from", [&] { return parse_date(*v); });
    if (auto v = opt<std::string>(vm, "to"))
      a.to = option_value("to", [&] { return parse_date(*v); });
    if (a.from && a.to && *a.to < *a.from)
      throw UsageError(kToBeforeFrom, a.to->iso(), a.from->iso());
  }
  if (takes.status_code)
    if (auto v = opt<std::string>(vm, "status"))
      a.status = option_value("status", [&] { return takes.status_code(*v); });
  return a;
}

store::ListFilter resolve_list_filter(const ListFilterArgs& a, store::Lookup& lookup) {
  store::ListFilter f;
  if (a.volunteer)
    f.volunteer = looked_up("volunteer", [&] { return lookup.volunteer(*a.volunteer); });
  if (a.station) f.station = looked_up("station", [&] { return lookup.station(*a.station); });
  f.from = a.from;
  f.to = a.to;
  f.status = a.status;
  return f;
}

std::string nothing_listed(const Context& ctx, const ListFilterArgs& a, Text title, Text noun) {
  // Like grep: filters that match nothing are the data's answer "no" (exit 1).
  if (a.any()) throw DataError(kNoneMatch, noun);
  return ctx.tr(kNoneYet, title);
}

}  // namespace vstation::cli
