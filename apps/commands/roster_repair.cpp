// `vstation roster repair --week W --volunteer V`: a volunteer drops out; their shifts are
// refilled while as few other assignments as possible change. Every change is listed.

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
constexpr Msg kAdded{"  + {} on {}", "  + {} 安排到 {}"};
constexpr Msg kRemoved{"  − {} off {}", "  − {} 移出 {}"};
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
        store::Transaction tx(db);
        auto wp = planning::build_problem(db, scope);
        roster::SolveOptions options;
        apply_budget(options, a.roster);
        options.seed = a.roster.seed;
        // The dropped volunteer's own assignments are not coordinator pins any more.
        std::erase_if(wp.problem.pinned,
                      [&](const roster::Assignment& x) { return x.volunteer == dropped.value; });
        auto result = roster::repair_station(wp.problem, {dropped.value}, options);
        std::map<std::int64_t, const Shift*> shifts;
        for (const auto& s : wp.shifts) shifts[s.id.value] = &s;
        int dropped_shifts = 0, others = 0;
        std::string lines;
        for (const auto& c : result.changes) {
          ShiftId sid{c.assignment.shift};
          VolunteerId vid{c.assignment.volunteer};
          auto existing = store::assignments::find(db, sid, vid);
          if (c.kind == roster::ChangeKind::removed) {
            if (!existing) continue;
            if (vid == dropped) {
              existing->status = AssignmentStatus::cancelled;  // the drop-out stays on record
              existing->pinned = false;
              store::assignments::update(db, *existing);
              ++dropped_shifts;
              continue;
            }
            store::assignments::remove(db, existing->id);
            lines += ctx.tr(kRemoved, lookup.volunteer_number(vid),
                            shift_label(*shifts.at(sid.value), lookup)) +
                     "\n";
          } else {
            if (existing) {
              existing->status = AssignmentStatus::planned;
              store::assignments::update(db, *existing);
            } else {
              Assignment as;
              as.shift = sid;
              as.volunteer = vid;
              store::assignments::insert(db, as);
            }
            lines += ctx.tr(kAdded, lookup.volunteer_number(vid),
                            shift_label(*shifts.at(sid.value), lookup)) +
                     "\n";
          }
          ++others;
        }
        tx.commit();
        ctx.out() << ctx.tr(kDropped, a.volunteer, dropped_shifts, a.roster.week.str()) << "\n"
                  << ctx.tr(kChanges, others) << "\n"
                  << lines << "\n"
                  << render_gaps(result.roster, wp, lookup, ctx.lang());
        return 0;
      }));
}

}  // namespace vstation::cli
