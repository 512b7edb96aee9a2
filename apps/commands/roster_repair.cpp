// `vstation roster repair --week W --volunteer V`: a volunteer drops out; their shifts are
// refilled while as few other assignments as possible change. The drop-out is remembered
// (later builds leave them off those shifts); every change is listed, then the week as saved.

#include "cli/roster_args.hpp"
#include "cli/roster_text.hpp"
#include "cli/session_text.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{
    "refill the week after a volunteer drops out, changing as little as possible",
    "志愿者退出后补排本周，尽量少改动其他安排"};
constexpr Msg kVolunteer{"the volunteer who drops out", "退出的志愿者"};
constexpr Msg kDropped{"{} drops out of {} shift(s) in {}.", "{0} 退出 {2} 中的 {1} 个班次。"};
constexpr Msg kChanges{"Repair: {} change(s) to other assignments.",
                       "补排：对其他安排改动 {} 处。"};
constexpr Msg kAdded{"  + {} on #{} {}", "  + {} 安排到 #{} {}"};
constexpr Msg kRemoved{"  − {} off #{} {}", "  − {} 移出 #{} {}"};
constexpr Msg kAt{"--{}: {}", "--{}：{}"};

struct RepairArgs {
  RosterArgs roster;
  std::string volunteer;
};
}  // namespace

void register_roster_repair(std::vector<Command>& out) {
  out.push_back(make_command<RepairArgs>(
      "roster repair", kSummary, Msg{"--week W --volunteer V", "--week 周 --volunteer 志愿者"},
      [](OptionSet& s, const Context& ctx) {
        declare_roster_args(s, ctx, true);
        s.options.add_options()("volunteer", po::value<std::string>()->required(),
                                ctx.tr(kVolunteer).c_str());
      },
      [](const po::variables_map& vm, const Context& ctx) {
        return RepairArgs{parse_roster_args(vm, ctx), vm["volunteer"].as<std::string>()};
      },
      [](const RepairArgs& a, Context& ctx) {
        auto& db = ctx.db();
        auto scope = scope_of(a.roster, db);
        store::Lookup lookup(db);
        VolunteerId dropped;
        try {
          dropped = lookup.volunteer(a.volunteer);
        } catch (const DataError& e) {
          throw DataError(kAt, "volunteer", e.text());
        }
        auto o = planning::repair_week(db, scope, dropped, solve_options(a.roster), ctx.clock());
        std::string lines;
        for (const auto& c : o.changes) {
          auto shift = store::shifts::get(db, ShiftId{c.assignment.shift});
          lines += ctx.tr(c.kind == roster::ChangeKind::added ? kAdded : kRemoved,
                          lookup.volunteer_number(VolunteerId{c.assignment.volunteer}),
                          c.assignment.shift, shift_label(*shift, lookup)) +
                   "\n";
        }
        auto week = planning::stored_week(db, scope, ctx.now());
        const auto width = output_columns();
        ctx.out() << ctx.tr(kDropped, a.volunteer, o.dropped_shifts, a.roster.week.str()) << "\n"
                  << ctx.tr(kChanges, o.changes.size()) << "\n"
                  << lines << "\n"
                  << render_days(week, a.roster.week, lookup, ctx.lang(), width) << "\n"
                  << render_gaps(week, a.roster.week, db, lookup, ctx.lang(), false, width);
        return 0;
      }));
}

}  // namespace vstation::cli
