// `vstation roster build --week W [--station S] [--time-limit 10s] [--seed N]`: makes the
// week's shifts from the templates, assigns volunteers, and says why every gap is a gap.

#include <fmt/format.h>

#include <algorithm>

#include "cli/roster_args.hpp"
#include "cli/roster_text.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"build the week's roster (keeps pinned and manual assignments)",
                       "生成一周排班（保留锁定和手动安排）"};
constexpr Msg kDone{
    "Roster {}: {} shifts ({} new from templates), {} assignments (+{} −{}), score {}, {} s",
    "排班 {}：{} 个班次（新建 {} 个），{} 条安排（+{} −{}），评分 {}，用时 {} 秒"};
constexpr Msg kChanged{"the roster of {} changed while it was being built; nothing was saved, run it again",
                       "构建期间 {} 的排班被修改；未保存任何内容，请重新运行"};
constexpr Msg kNoShifts{"{} has no shifts: add shift templates or shifts first",
                        "{} 没有班次：请先添加班次模板或班次"};
}  // namespace

void register_roster_build(std::vector<Command>& out) {
  out.push_back(make_command<RosterArgs>(
      "roster build", kSummary, Msg{"--week W", "--week 周"},
      [](OptionSet& s, const Context& ctx) { declare_roster_args(s, ctx, true); },
      [](const po::variables_map& vm, const Context& ctx) { return parse_roster_args(vm, ctx); },
      [](const RosterArgs& a, Context& ctx) {
        auto& db = ctx.db();
        auto scope = scope_of(a, db);
        int created = 0;
        {
          store::Transaction tx(db);
          created = planning::materialise_shifts(db, scope);
          tx.commit();
        }
        // The search runs without holding the write lock, so kiosks keep checking people in;
        // the save then checks that nobody changed the week's roster meanwhile.
        auto wp = planning::build_problem(db, scope);
        if (wp.shifts.empty()) throw DataError(kNoShifts, a.week.str());
        roster::SolveOptions options;
        apply_budget(options, a);
        options.seed = a.seed;
        auto result = roster::solve_station(wp.problem, options);
        store::Transaction tx(db);
        auto now = planning::current_assignments(db, wp);
        auto before = wp.problem.existing;
        std::sort(now.begin(), now.end());
        std::sort(before.begin(), before.end());
        if (now != before) throw DataError(kChanged, a.week.str());
        auto [added, removed] = planning::save_roster(db, wp, result);
        tx.commit();
        store::Lookup lookup(db);
        ctx.out() << ctx.tr(kDone, a.week.str(), wp.shifts.size(), created,
                            result.assignments.size(), added, removed, result.score,
                            fmt::format("{:.1f}", result.seconds))
                  << "\n\n"
                  << render_grid(result, wp, lookup, ctx.lang()) << "\n"
                  << render_breakdown(result, ctx.lang()) << "\n"
                  << render_gaps(result, wp, lookup, ctx.lang());
        return 0;
      }));
}

}  // namespace vstation::cli
