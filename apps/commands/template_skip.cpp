// `vstation template skip TEMPLATE|--station S --date D [--reason TEXT]`: the template (or every
// template of the station) makes no shift on that date, e.g. a public holiday. Shifts already
// made that day stay; each is named with the command that cancels it.

#include "cli/skip_args.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{
    "skip a date: a template (or every template of a station) makes no shift then",
    "停开某日：模板（或某站点的全部模板）在该日不生成班次"};
constexpr Msg kUsage{"[TEMPLATE]", "[模板编号]"};
constexpr Msg kSkipped{"skipped {} ({}): {} makes no shift that day",
                       "已停开 {}（{}）：{} 在该日不生成班次"};
constexpr Msg kBecause{"reason: {}", "原因：{}"};
constexpr Msg kExisting{
    "shift {} on that date ({}–{}) already exists and stays; cancel it with: vstation shift "
    "retire {}",
    "该日的班次 {}（{}–{}）已经生成，仍保留；如需取消：vstation shift retire {}"};
}  // namespace

void register_template_skip(std::vector<Command>& out) {
  out.push_back(make_command<SkipArgs>(
      "template skip", kSummary, kUsage,
      [](OptionSet& s, const Context& ctx) { declare_skip_args(s, ctx, true); },
      [](const po::variables_map& vm, const Context&) { return parse_skip_args(vm); },
      [](const SkipArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Transaction tx(db);
        auto scope = resolve_skip(db, a);
        auto result = planning::skip_date(db, scope, a.date, a.reason);
        tx.commit();
        ctx.out() << ctx.tr(kSkipped, a.date.iso(), Text(weekday_label(a.date.weekday())),
                            skip_target(a))
                  << "\n";
        if (!a.reason.empty()) ctx.out() << ctx.tr(kBecause, a.reason) << "\n";
        auto st = store::stations::get(db, scope.station);
        for (const auto& s : result.existing)
          ctx.err() << ctx.tr(kExisting, s.id.value, local_time(s.time.begin, st->zone).hhmm(),
                              local_time(s.time.end, st->zone).hhmm(), s.id.value)
                    << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
