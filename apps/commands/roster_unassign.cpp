// `vstation roster unassign --volunteer V --shift N`: takes a volunteer off a shift. It is a
// drop-out: later builds and repairs leave them off it until `roster return`.

#include "cli/roster_edit.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"take a volunteer off a shift (builds then leave them off it)",
                       "将志愿者从班次中移除（之后排班不再安排其到该班次）"};
constexpr Msg kDone{
    "{} taken off shift {}; builds leave them off it ('vstation roster return' undoes)",
    "已将 {} 从班次 {} 移除；之后排班不再安排（撤销：“vstation roster return”）"};
}  // namespace

void register_roster_unassign(std::vector<Command>& out) {
  out.push_back(make_command<EditArgs>(
      "roster unassign", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) { declare_edit_args(s, ctx, nullptr, Msg{}); },
      [](const po::variables_map& vm, const Context&) { return parse_edit_args(vm, nullptr); },
      [](const EditArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        auto [v, shift] = resolve_edit(db, lookup, a);
        planning::unassign(db, v, shift, ctx.now());
        ctx.out() << ctx.tr(kDone, a.volunteer, a.shift) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
