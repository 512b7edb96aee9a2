// `vstation sessions list [--volunteer V] [--station S] [--from DAY] [--to DAY] [--status S]`:
// sessions with their numbers, for the coordinator to find the one to confirm, fix or reject.

#include "cli/command.hpp"
#include "cli/session_text.hpp"
#include "vstation/store/session_queries.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{
    "list sessions with their numbers (filter by volunteer, station, days, status)",
    "列出签到记录及编号（可按志愿者、站点、日期、状态筛选）"};
constexpr Msg kVolunteer{"only this volunteer's", "仅此志愿者"};
constexpr Msg kStation{"only this station's", "仅此站点"};
constexpr Msg kFrom{"from this local day (YYYY-MM-DD)", "起始日期（YYYY-MM-DD，当地日期）"};
constexpr Msg kTo{"to this local day, inclusive", "截止日期（含当天）"};
constexpr Msg kStatus{"only this status: open, closed, auto_closed, confirmed, corrected, rejected",
                      "仅此状态：open、closed、auto_closed、confirmed、corrected、rejected"};
constexpr Msg kHeaders{"no.|volunteer|name|station|time|shift|status|credited min",
                       "编号|志愿者|姓名|站点|时间|班次|状态|计入分钟"};
constexpr Msg kNone{"no sessions match", "没有符合条件的签到记录"};
constexpr Msg kOption{"--{}: {}", "--{}：{}"};
constexpr Msg kToBeforeFrom{"--to ({}) is before --from ({})", "--to（{}）早于 --from（{}）"};

struct ListArgs {
  std::optional<std::string> volunteer, station;
  std::optional<Date> from, to;
  std::optional<SessionStatus> status;
};

template <class F>
auto option_value(const char* name, F&& parse) {
  try {
    return parse();
  } catch (const ParseError& e) {
    throw UsageError(kOption, name, e.text());
  }
}

ListArgs parse(const po::variables_map& vm) {
  ListArgs a;
  a.volunteer = opt<std::string>(vm, "volunteer");
  a.station = opt<std::string>(vm, "station");
  if (auto v = opt<std::string>(vm, "from"))
    a.from = option_value("from", [&] { return parse_date(*v); });
  if (auto v = opt<std::string>(vm, "to"))
    a.to = option_value("to", [&] { return parse_date(*v); });
  if (auto v = opt<std::string>(vm, "status"))
    a.status = option_value("status", [&] { return parse_enum<SessionStatus>(*v); });
  if (a.from && a.to && *a.to < *a.from)
    throw UsageError(kToBeforeFrom, a.to->iso(), a.from->iso());
  return a;
}

std::vector<std::string> headers(Lang lang) {
  std::vector<std::string> out;
  std::string h = Text(kHeaders).render(lang);
  for (std::size_t start = 0;;) {
    auto bar = h.find('|', start);
    out.push_back(h.substr(start, bar - start));
    if (bar == std::string::npos) return out;
    start = bar + 1;
  }
}

int run(const ListArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  store::session_queries::SessionFilter f;
  auto named = [](const char* name, auto&& resolve) {
    try {
      return resolve();
    } catch (const DataError& e) {
      throw DataError(kOption, name, e.text());
    }
  };
  if (a.volunteer) f.volunteer = named("volunteer", [&] { return lookup.volunteer(*a.volunteer); });
  if (a.station) f.station = named("station", [&] { return lookup.station(*a.station); });
  f.from = a.from;
  f.to = a.to;
  f.status = a.status;
  auto found = store::session_queries::find(db, f);
  if (found.empty()) {
    ctx.err() << ctx.tr(kNone) << "\n";
    return 0;
  }
  text::Table t(headers(ctx.lang()));
  for (const auto& s : found) t.add(session_row(s, lookup, ctx.lang()));
  ctx.out() << t.render();
  return 0;
}

}  // namespace

void register_sessions_list(std::vector<Command>& out) {
  out.push_back(reading(make_command<ListArgs>(
      "sessions list", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("volunteer", po::value<std::string>(), ctx.tr(kVolunteer).c_str())(
            "station", po::value<std::string>(), ctx.tr(kStation).c_str())(
            "from", po::value<std::string>(), ctx.tr(kFrom).c_str())(
            "to", po::value<std::string>(), ctx.tr(kTo).c_str())("status", po::value<std::string>(),
                                                                 ctx.tr(kStatus).c_str());
      },
      [](const po::variables_map& vm, const Context&) { return parse(vm); }, run)));
}

}  // namespace vstation::cli
