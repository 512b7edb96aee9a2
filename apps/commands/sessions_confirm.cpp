// `vstation sessions confirm NO [--as-proposed] [--reason R]`: a forgotten check-out is
// credited to the rostered end, or to the time the volunteer said they left; a walk-in is
// accepted as it is.

#include "cli/ledger_for.hpp"
#include "cli/review_args.hpp"
#include "cli/session_text.hpp"
#include "vstation/kiosk/ledger.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"confirm a session awaiting review", "确认一条待审核的签到记录"};
constexpr Msg kArgs{"NO [--as-proposed]", "编号 [--as-proposed]"};
constexpr Msg kDone{"session {} confirmed: credited {}", "签到记录 {} 已确认：计入 {}"};
}  // namespace

void register_sessions_confirm(std::vector<Command>& out) {
  out.push_back(make_command<ReviewArgs>(
      "sessions confirm", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        declare_review_args(s, ctx, false, ReviewOption::as_proposed);
      },
      [](const po::variables_map& vm, const Context&) { return parse_review_args(vm); },
      [](const ReviewArgs& a, Context& ctx) {
        auto ledger = ledger_for(ctx, "coordinator");
        auto s =
            ledger.confirm(a.session, ctx.now(), a.reason,
                           a.as_proposed ? kiosk::ConfirmAs::proposed : kiosk::ConfirmAs::rostered);
        ctx.out() << ctx.tr(kDone, s.id.value, duration_text(s.credited_minutes)) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
