// `vstation roster build --week W [--station S] [--fresh] [--time-limit 10s] [--seed N]`: makes
// the week's shifts from the templates and rosters them; a week that already has a roster
// changes as little as possible. Prints the week as saved, and every gap with who could fill it.

#include <fmt/format.h>

#include <set>

#include "cli/roster_args.hpp"
#include "cli/roster_text.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"build the week's roster (keeps pinned and manual assignments)",
                       "生成一周排班（保留锁定和手动安排）"};
constexpr Msg kFresh{"start over instead of changing the week's roster as little as possible",
                     "重新排班，而不是尽量少改动本周已有排班"};
constexpr Msg kDone{"Roster {}: {} shifts ({} new from templates), {} change(s) (+{} −{}), score {}",
                    "排班 {}：{} 个班次（新建 {} 个），改动 {} 处（+{} −{}），评分 {}"};
constexpr Msg kDoneFresh{
    "Roster {} built afresh: {} shifts ({} new from templates), {} change(s) (+{} −{}), score {}",
    "排班 {} 已重新生成：{} 个班次（新建 {} 个），改动 {} 处（+{} −{}），评分 {}"};
// Only a timed search says how long it took: a fixed budget prints the same on every machine.
constexpr Msg kSeconds{", {} s", "，用时 {} 秒"};

constexpr Msg kSkippedTitle{"Not made from templates:", "未按模板生成的班次："};

// Why template shifts were left out; a withdrawn or ended project once per template.
std::string skipped_lines(const std::vector<planning::SkippedShift>& skipped, Lang lang) {
  std::string out;
  std::set<std::int64_t> told;
  for (const auto& s : skipped) {
    bool per_template = s.reason == planning::SkipReason::project_retired ||
                        s.reason == planning::SkipReason::project_ended;
    if (per_template && !told.insert(s.template_id.value).second) continue;
    out += "  " + planning::skipped_text(s).render(lang) + "\n";
  }
  return out.empty() ? out : Text(kSkippedTitle).render(lang) + "\n" + out + "\n";
}

struct BuildArgs {
  RosterArgs roster;
  bool fresh = false;
};
}  // namespace

void register_roster_build(std::vector<Command>& out) {
  out.push_back(make_command<BuildArgs>(
      "roster build", kSummary, Msg{"--week W", "--week 周"},
      [](OptionSet& s, const Context& ctx) {
        declare_roster_args(s, ctx, true);
        s.options.add_options()("fresh", ctx.tr(kFresh).c_str());
      },
      [](const po::variables_map& vm, const Context& ctx) {
        return BuildArgs{parse_roster_args(vm, ctx), vm.count("fresh") > 0};
      },
      [](const BuildArgs& a, Context& ctx) {
        auto& db = ctx.db();
        auto scope = scope_of(a.roster, db);
        auto o = planning::build_week(db, scope, solve_options(a.roster), a.fresh, ctx.clock());
        auto week = planning::stored_week(db, scope, ctx.now());
        store::Lookup lookup(db);
        const auto width = output_columns();
        ctx.out() << ctx.tr(a.fresh ? kDoneFresh : kDone, a.roster.week.str(), o.shifts, o.created,
                            o.added + o.removed, o.added, o.removed, week.roster.score)
                  << (a.roster.time_limit_given ? ctx.tr(kSeconds, fmt::format("{:.1f}", o.seconds))
                                                : "")
                  << "\n\n"
                  << skipped_lines(o.skipped, ctx.lang())
                  << render_days(week, a.roster.week, lookup, ctx.lang(), width) << "\n"
                  << render_gaps(week, a.roster.week, db, lookup, ctx.lang(), false, width);
        return 0;
      }));
}

}  // namespace vstation::cli
