// `vstation roster return --week W --volunteer V [--shift N]`: clears a volunteer's drop-outs,
// so the next build or repair may place them on those shifts again.

#include "cli/roster_args.hpp"
#include "cli/roster_edit.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"let builds place a volunteer again on shifts they dropped out of",
                       "允许排班再次将志愿者安排到其退出的班次"};
constexpr Msg kVolunteer{"the volunteer who is back", "回来的志愿者"};
constexpr Msg kShift{"only this shift", "仅此班次"};
constexpr Msg kDone{"{}: {} drop-out(s) cleared in {}; the next build may place them again",
                    "{}：已清除 {2} 中的 {1} 次退出；下次排班可再次安排"};
constexpr Msg kNoShift{"--shift: no shift numbered {}", "--shift：没有班次号为 {} 的班次"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};

struct ReturnArgs {
  RosterArgs roster;
  std::string volunteer;
  std::optional<std::int64_t> shift;
};
}  // namespace

void register_roster_return(std::vector<Command>& out) {
  out.push_back(make_command<ReturnArgs>(
      "roster return", kSummary, Msg{"--week W --volunteer V", "--week 周 --volunteer 志愿者"},
      [](OptionSet& s, const Context& ctx) {
        declare_roster_args(s, ctx, false);
        s.options.add_options()("volunteer", po::value<std::string>()->required(),
                                ctx.tr(kVolunteer).c_str())("shift", po::value<std::int64_t>(),
                                                            ctx.tr(kShift).c_str());
      },
      [](const po::variables_map& vm, const Context& ctx) {
        return ReturnArgs{parse_roster_args(vm, ctx), vm["volunteer"].as<std::string>(),
                          opt<std::int64_t>(vm, "shift")};
      },
      [](const ReturnArgs& a, Context& ctx) {
        auto& db = ctx.db();
        auto scope = scope_of(a.roster, db);
        store::Lookup lookup(db);
        VolunteerId v;
        try {
          v = lookup.volunteer(a.volunteer);
        } catch (const DataError& e) {
          throw DataError(kAt, "volunteer", e.text());
        }
        std::optional<ShiftId> only;
        if (a.shift) only = ShiftId{*a.shift};
        if (only && !store::shifts::get(db, *only)) throw DataError(kNoShift, *a.shift);
        int n = planning::clear_dropouts(db, scope, v, only, ctx.now());
        ctx.out() << ctx.tr(kDone, a.volunteer, n, a.roster.week.str()) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
