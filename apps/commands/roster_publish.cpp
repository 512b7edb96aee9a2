// `vstation roster publish --week W --station S`: the coordinator announces the station's week:
// the week is stamped as published (when, by whom, its digest) and the board then says whether
// it changed since (planning::publish_week, the rule the web's Publish button uses too).

#include "cli/roster_args.hpp"
#include "vstation/planning/roster_plan.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"publish a station's week: stamp its roster as announced",
                       "发布站点一周排班：将排班标记为已公布"};
constexpr Msg kDone{"Roster {} of {} published at {}.", "{1} 的 {0} 排班已于 {2} 发布。"};
constexpr Msg kAgain{"(It was published before, at {}; the new stamp replaces it.)",
                     "（此前已于 {} 发布；新的发布时间将取代它。）"};
constexpr Msg kNeedsStation{"roster publish needs --station S",
                            "roster publish 需要 --station 站点"};
}  // namespace

void register_roster_publish(std::vector<Command>& out) {
  out.push_back(make_command<RosterArgs>(
      "roster publish", kSummary, Msg{"--week W --station S", "--week 周 --station 站点"},
      [](OptionSet& s, const Context& ctx) { declare_roster_args(s, ctx, false); },
      [](const po::variables_map& vm, const Context& ctx) {
        auto a = parse_roster_args(vm, ctx);
        if (!a.station) throw UsageError(kNeedsStation);
        return a;
      },
      [](const RosterArgs& a, Context& ctx) {
        auto& db = ctx.db();
        auto scope = scope_of(a, db);
        store::Lookup lookup(db);
        const Station& st = lookup.station_record(*scope.station);
        auto before = planning::publish_state(db, scope).published;
        auto p = planning::publish_week(db, scope, ctx.now(), "coordinator");
        const auto when = [&](Instant t) {
          return local_date(t, st.zone).iso() + " " + local_time(t, st.zone).hhmm();
        };
        ctx.out() << ctx.tr(kDone, p.week, st.code, when(p.at)) << "\n";
        if (before) ctx.out() << ctx.tr(kAgain, when(before->at)) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
