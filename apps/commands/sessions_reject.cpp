// `vstation sessions reject NO --reason R [--yes]`: the session counts for nothing (audited).
// A session not awaiting review (an ordinary check-out, a confirmed one) is credited; rejecting
// it shows what changes and needs --yes.

#include "cli/ledger_for.hpp"
#include "cli/review_args.hpp"
#include "cli/session_text.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/review.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"reject a session: it credits nothing (audited)",
                       "驳回签到记录：不计入时长（留审计记录）"};
constexpr Msg kArgs{"NO --reason TEXT", "编号 --reason 原因"};
constexpr Msg kDone{"session {} rejected", "签到记录 {} 已驳回"};
constexpr Msg kNoSession{"no session numbered {}", "没有编号为 {} 的签到记录"};
constexpr Msg kNotAwaiting{"session {} is not awaiting review (it is {}); add --yes to reject it",
                           "签到记录 {} 并非待审核（状态为{}）；确认驳回请加 --yes"};
}  // namespace

void register_sessions_reject(std::vector<Command>& out) {
  out.push_back(make_command<ReviewArgs>(
      "sessions reject", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        declare_review_args(s, ctx, true, ReviewOption::yes);
      },
      [](const po::variables_map& vm, const Context&) { return parse_review_args(vm); },
      [](const ReviewArgs& a, Context& ctx) {
        auto before = store::sessions::get(ctx.db(), a.session);
        if (!before) throw DataError(kNoSession, a.session.value);
        if (!kiosk::awaiting_review(*before) && !a.yes) {
          Session after = *before;
          after.status = SessionStatus::rejected;
          after.credited_minutes = 0;
          store::Lookup lookup(ctx.db());
          ctx.out() << session_change(*before, after, lookup, ctx.lang()) << "\n";
          throw DataError(kNotAwaiting, a.session.value, label_of(before->status));
        }
        auto ledger = ledger_for(ctx, "coordinator");
        auto s = ledger.reject(a.session, ctx.now(), a.reason);
        ctx.out() << ctx.tr(kDone, s.id.value) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
