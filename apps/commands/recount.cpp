// `vstation recount`: the maintained totals (store/credit_totals.hpp, store/quarter_service.hpp,
// store/incident_totals.hpp, store/shift_fill.hpp) made again from the records they sum, for when
// `vstation check` finds they disagree.

#include "cli/command.hpp"
#include "vstation/store/credit_totals.hpp"
#include "vstation/store/incident_totals.hpp"
#include "vstation/store/quarter_service.hpp"
#include "vstation/store/shift_fill.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{
    "rebuild the totals the reports read (credit, quarter walk-ins and shifts, incidents, shift "
    "fill) from the records",
    "按原始记录重建报表所用的汇总表（累计时长、季度临时签到与班次、服务日志、班次到岗人数）"};
constexpr Msg kAgreed{"the credit totals agree with the sessions; nothing changed",
                      "累计时长表与签到记录一致，未作改动"};
constexpr Msg kRebuilt{"the credit totals were rebuilt from the sessions: {} rows corrected",
                       "已按签到记录重建累计时长表：更正 {} 行"};
constexpr Msg kQuarterAgreed{
    "the quarter totals of walk-ins and shifts agree with the sessions; nothing changed",
    "季度临时签到与班次汇总表与签到记录一致，未作改动"};
constexpr Msg kQuarterRebuilt{
    "the quarter totals of walk-ins and shifts were rebuilt from the sessions: {} rows corrected",
    "已按签到记录重建季度临时签到与班次汇总表：更正 {} 行"};
constexpr Msg kIncidentsAgreed{"the incident totals agree with the service log; nothing changed",
                               "服务日志汇总表与服务日志一致，未作改动"};
constexpr Msg kIncidentsRebuilt{
    "the incident totals were rebuilt from the service log: {} rows corrected",
    "已按服务日志重建服务日志汇总表：更正 {} 行"};
constexpr Msg kFillAgreed{"the shifts' credited volunteers agree with the sessions; nothing changed",
                         "班次的获计时长人数与签到记录一致，未作改动"};
constexpr Msg kFillRebuilt{
    "the shifts' credited volunteers were counted again from the sessions: {} shifts corrected",
    "已按签到记录重新统计班次的获计时长人数：更正 {} 个班次"};

struct NoArgs {};

}  // namespace

void register_recount(std::vector<Command>& out) {
  // Only an existing database: recounting a new, empty one would say nothing useful.
  out.push_back(reading(make_command<NoArgs>(
      "recount", kSummary, Msg{"", ""}, [](OptionSet&, const Context&) {},
      [](const po::variables_map&, const Context&) { return NoArgs{}; },
      [](const NoArgs&, Context& ctx) {
        std::int64_t credit = store::credit::rebuild(ctx.db());
        ctx.out() << (credit == 0 ? ctx.tr(kAgreed) : ctx.tr(kRebuilt, credit)) << "\n";
        std::int64_t quarters = store::quarter_service::rebuild(ctx.db());
        ctx.out() << (quarters == 0 ? ctx.tr(kQuarterAgreed) : ctx.tr(kQuarterRebuilt, quarters))
                  << "\n";
        std::int64_t incidents = store::incident_totals::rebuild(ctx.db());
        ctx.out() << (incidents == 0 ? ctx.tr(kIncidentsAgreed)
                                     : ctx.tr(kIncidentsRebuilt, incidents))
                  << "\n";
        std::int64_t shifts = store::shift_fill::rebuild(ctx.db());
        ctx.out() << (shifts == 0 ? ctx.tr(kFillAgreed) : ctx.tr(kFillRebuilt, shifts)) << "\n";
        return 0;
      })));
}

}  // namespace vstation::cli
