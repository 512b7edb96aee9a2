// `vstation roster pin --volunteer V --shift N [--off]`: a pinned assignment is kept as it is
// by `roster build` and `roster repair`.

#include "cli/roster_edit.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"pin (or with --off unpin) an assignment",
                       "锁定（或用 --off 解锁）一条安排"};
constexpr Msg kOff{"unpin instead", "改为解锁"};
constexpr Msg kPinned{"{} pinned on shift {}", "{} 在班次 {} 上已锁定"};
constexpr Msg kUnpinned{"{} unpinned on shift {}", "{} 在班次 {} 上已解锁"};
}  // namespace

void register_roster_pin(std::vector<Command>& out) {
  out.push_back(make_command<EditArgs>(
      "roster pin", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) { declare_edit_args(s, ctx, "off", kOff); },
      [](const po::variables_map& vm, const Context&) { return parse_edit_args(vm, "off"); },
      [](const EditArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        auto [v, shift] = resolve_edit(db, lookup, a);
        planning::set_pinned(db, v, shift, !a.flag);
        ctx.out() << ctx.tr(a.flag ? kUnpinned : kPinned, a.volunteer, a.shift) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
