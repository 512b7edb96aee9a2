// `vstation roster assign --volunteer V --shift N [--pin] [--force --reason TEXT]`: a manual
// assignment. Rules about the person (retired, suspended, under 14 without consent, not joined
// yet, an overlapping shift, a full shift) refuse it unless forced with a reason, which is
// audited; softer rules (availability, weekly maximum, rest) only warn.

#include "cli/roster_edit.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"assign a volunteer to a shift by hand", "手动安排志愿者到班次"};
constexpr Msg kPin{"pin it: roster build keeps it as it is", "锁定：重新排班时保持不变"};
constexpr Msg kDone{"{} assigned to shift {}", "已将 {} 安排到班次 {}"};
}  // namespace

void register_roster_assign(std::vector<Command>& out) {
  out.push_back(make_command<EditArgs>(
      "roster assign", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        declare_edit_args(s, ctx, "pin", kPin);
        declare_force(s, ctx);
      },
      [](const po::variables_map& vm, const Context&) {
        auto a = parse_edit_args(vm, "pin");
        a.reason = parse_force(vm);
        return a;
      },
      [](const EditArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        auto [v, shift] = resolve_edit(db, lookup, a);
        lookup.set_override(override_of(a.reason, ctx));
        auto outcome =
            planning::assign(db, lookup, v, shift, a.flag, lookup.override_given(), ctx.now());
        ctx.out() << ctx.tr(kDone, a.volunteer, a.shift) << "\n";
        ctx.err() << edit_notes(outcome, lookup, a.volunteer, ctx.lang());
        return 0;
      }));
}

}  // namespace vstation::cli
