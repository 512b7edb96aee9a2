// `vstation sessions reject NO --reason R`: the session counts for nothing (audited).

#include "cli/review_args.hpp"
#include "vstation/kiosk/ledger.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"reject a session: it credits nothing (audited)",
                       "驳回签到记录：不计入时长（留审计记录）"};
constexpr Msg kArgs{"NO --reason TEXT", "编号 --reason 原因"};
constexpr Msg kDone{"session {} rejected", "签到记录 {} 已驳回"};
}  // namespace

void register_sessions_reject(std::vector<Command>& out) {
  out.push_back(make_command<ReviewArgs>(
      "sessions reject", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) { declare_review_args(s, ctx, true, false); },
      [](const po::variables_map& vm, const Context&) { return parse_review_args(vm); },
      [](const ReviewArgs& a, Context& ctx) {
        kiosk::Ledger ledger(ctx.db(), "coordinator");
        auto s = ledger.reject(a.session, ctx.now(), a.reason);
        ctx.out() << ctx.tr(kDone, s.id.value) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
