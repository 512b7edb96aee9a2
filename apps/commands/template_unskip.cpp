// `vstation template unskip TEMPLATE|--station S --date D`: undoes `template skip`; the next
// `roster build` of that week makes the shifts again.

#include "cli/skip_args.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"undo a skipped date: the template runs again that day",
                       "撤销停开：模板在该日恢复生成班次"};
constexpr Msg kUsage{"[TEMPLATE]", "[模板编号]"};
constexpr Msg kUnskipped{
    "{} runs again on {} ({}); the next roster build of that week makes its shifts",
    "{} 在 {}（{}）恢复开班；下次生成该周排班时将生成班次"};
}  // namespace

void register_template_unskip(std::vector<Command>& out) {
  out.push_back(make_command<SkipArgs>(
      "template unskip", kSummary, kUsage,
      [](OptionSet& s, const Context& ctx) { declare_skip_args(s, ctx, false); },
      [](const po::variables_map& vm, const Context&) { return parse_skip_args(vm); },
      [](const SkipArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Transaction tx(db);
        planning::unskip_date(db, resolve_skip(db, a), a.date);
        tx.commit();
        ctx.out() << ctx.tr(kUnskipped, skip_target(a), a.date.iso(),
                            Text(weekday_label(a.date.weekday())))
                  << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
