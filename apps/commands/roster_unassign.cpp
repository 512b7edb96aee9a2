// `vstation roster unassign --volunteer V --shift N`: takes a volunteer off a shift.

#include "cli/roster_edit.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"take a volunteer off a shift", "将志愿者从班次中移除"};
constexpr Msg kDone{"{} taken off shift {}", "已将 {} 从班次 {} 移除"};
constexpr Msg kNotOn{"{} is not on shift {}", "{} 不在班次 {} 上"};
}  // namespace

void register_roster_unassign(std::vector<Command>& out) {
  out.push_back(make_command<EditArgs>(
      "roster unassign", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) { declare_edit_args(s, ctx, nullptr, Msg{}); },
      [](const po::variables_map& vm, const Context&) { return parse_edit_args(vm, nullptr); },
      [](const EditArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        store::Transaction tx(db);
        auto [v, shift] = resolve_edit(db, lookup, a);
        auto existing = store::assignments::find(db, shift.id, v);
        if (!existing || existing->status == AssignmentStatus::cancelled)
          throw DataError(kNotOn, a.volunteer, a.shift);
        store::assignments::remove(db, existing->id);
        tx.commit();
        ctx.out() << ctx.tr(kDone, a.volunteer, a.shift) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
