// `vstation roster assign --volunteer V --shift N [--pin]`: a manual assignment. It stands even
// when it breaks a rule (the coordinator decides), but every broken rule is said.

#include "cli/roster_edit.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"assign a volunteer to a shift by hand", "手动安排志愿者到班次"};
constexpr Msg kPin{"pin it: roster build keeps it as it is", "锁定：重新排班时保持不变"};
constexpr Msg kDone{"{} assigned to shift {}", "已将 {} 安排到班次 {}"};
constexpr Msg kAlready{"{} is already on shift {}", "{} 已在班次 {} 上"};
}  // namespace

void register_roster_assign(std::vector<Command>& out) {
  out.push_back(make_command<EditArgs>(
      "roster assign", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) { declare_edit_args(s, ctx, "pin", kPin); },
      [](const po::variables_map& vm, const Context&) { return parse_edit_args(vm, "pin"); },
      [](const EditArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        store::Transaction tx(db);
        auto [v, shift] = resolve_edit(db, lookup, a);
        if (auto existing = store::assignments::find(db, shift.id, v)) {
          if (existing->status != AssignmentStatus::cancelled)
            throw DataError(kAlready, a.volunteer, a.shift);
          existing->status = AssignmentStatus::planned;
          existing->source = AssignmentSource::manual;
          existing->pinned = a.flag;
          store::assignments::update(db, *existing);
        } else {
          Assignment as;
          as.shift = shift.id;
          as.volunteer = v;
          as.source = AssignmentSource::manual;
          as.pinned = a.flag;
          store::assignments::insert(db, as);
        }
        tx.commit();
        ctx.out() << ctx.tr(kDone, a.volunteer, a.shift) << "\n";
        ctx.err() << edit_warnings(db, lookup, v, shift, ctx.lang());
        return 0;
      }));
}

}  // namespace vstation::cli
