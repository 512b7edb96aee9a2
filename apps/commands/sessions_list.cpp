// `vstation sessions list [--volunteer V] [--station S] [--week W | --from DAY --to DAY] [--status
// S]`: sessions with their numbers, for the coordinator to find the one to confirm, fix or reject.

#include "cli/command.hpp"
#include "cli/list_filter_args.hpp"
#include "cli/session_text.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/session_queries.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{
    "list sessions with their numbers (filter by volunteer, station, days, status)",
    "列出签到记录及编号（可按志愿者、站点、日期、状态筛选）"};
constexpr Msg kHeaders{"no.|volunteer|name|station|time|shift|status|credited min",
                       "编号|志愿者|姓名|站点|时间|班次|状态|计入分钟"};

// The filters the sessions kind declares (store::ListFilters), as every list command takes them.
const store::RecordKind& sessions_kind() {
  return *store::find_kind("sessions");
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

int run(const ListFilterArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  auto f = resolve_list_filter(a, lookup);
  std::optional<SessionStatus> status;
  if (f.status) status = parse_enum<SessionStatus>(*f.status);
  auto found = store::session_queries::find(db, {f.volunteer, f.station, f.from, f.to, status});
  if (found.empty()) {
    const auto& k = sessions_kind();
    ctx.err() << nothing_listed(ctx, a, Text(k.title()), Text(k.noun())) << "\n";
    return 0;
  }
  text::Table t(headers(ctx.lang()));
  for (const auto& s : found) t.add(session_row(s, lookup, ctx.lang()));
  ctx.out() << t.render();
  return 0;
}

}  // namespace

void register_sessions_list(std::vector<Command>& out) {
  out.push_back(reading(make_command<ListFilterArgs>(
      "sessions list", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        declare_list_filters(s, ctx, sessions_kind().filters());
      },
      [](const po::variables_map& vm, const Context& ctx) {
        return parse_list_filters(vm, ctx, sessions_kind().filters());
      },
      run)));
}

}  // namespace vstation::cli
