// `vstation roster show --week W [--station S]`: the week's roster as it stands (after manual
// edits too), with its score by rule and the reason for every gap.

#include "cli/roster_args.hpp"
#include "cli/roster_text.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"show the week's roster, its score and its gaps", "显示一周排班、评分和空缺"};
constexpr Msg kNoShifts{"{} has no shifts yet; run 'vstation roster build --week {}'",
                        "{} 还没有班次；请运行“vstation roster build --week {}”"};
}  // namespace

void register_roster_show(std::vector<Command>& out) {
  out.push_back(make_command<RosterArgs>(
      "roster show", kSummary, Msg{"--week W", "--week 周"},
      [](OptionSet& s, const Context& ctx) { declare_roster_args(s, ctx, false); },
      [](const po::variables_map& vm, const Context&) { return parse_roster_args(vm); },
      [](const RosterArgs& a, Context& ctx) {
        auto& db = ctx.db();
        auto scope = scope_of(a, db);
        auto wp = planning::build_problem(db, scope);
        if (wp.shifts.empty()) throw DataError(kNoShifts, a.week.str(), a.week.str());
        auto result = roster::evaluate_station(wp.problem, planning::current_assignments(db, wp));
        store::Lookup lookup(db);
        ctx.out() << render_grid(result, wp, lookup, ctx.lang()) << "\n"
                  << render_breakdown(result, ctx.lang()) << "\n"
                  << render_gaps(result, wp, lookup, ctx.lang());
        return 0;
      }));
}

}  // namespace vstation::cli
