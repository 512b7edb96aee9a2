// `vstation recount`: the maintained credit totals (store/credit_totals.hpp) made again from the
// sessions, for when `vstation check` finds they disagree.

#include "cli/command.hpp"
#include "vstation/store/credit_totals.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{"rebuild the credit totals the reports read from the sessions",
                       "按签到记录重建报表所用的累计时长表"};
constexpr Msg kAgreed{"the credit totals agree with the sessions; nothing changed",
                      "累计时长表与签到记录一致，未作改动"};
constexpr Msg kRebuilt{"the credit totals were rebuilt from the sessions: {} rows corrected",
                       "已按签到记录重建累计时长表：更正 {} 行"};

struct NoArgs {};

}  // namespace

void register_recount(std::vector<Command>& out) {
  // Only an existing database: recounting a new, empty one would say nothing useful.
  out.push_back(reading(make_command<NoArgs>(
      "recount", kSummary, Msg{"", ""}, [](OptionSet&, const Context&) {},
      [](const po::variables_map&, const Context&) { return NoArgs{}; },
      [](const NoArgs&, Context& ctx) {
        std::int64_t changed = store::credit::rebuild(ctx.db());
        ctx.out() << (changed == 0 ? ctx.tr(kAgreed) : ctx.tr(kRebuilt, changed)) << "\n";
        return 0;
      })));
}

}  // namespace vstation::cli
