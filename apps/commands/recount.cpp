// `vstation recount`: the maintained totals (store/credit_totals.hpp, store/quarter_service.hpp,
// store/shift_fill.hpp, store/day_totals.hpp, store/project_shifts.hpp,
// store/incident_totals.hpp) made again from the records they sum, for when `vstation check` finds
// they disagree.

#include "cli/command.hpp"
#include "vstation/store/credit_totals.hpp"
#include "vstation/store/day_totals.hpp"
#include "vstation/store/incident_totals.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/project_shifts.hpp"
#include "vstation/store/quarter_service.hpp"
#include "vstation/store/shift_fill.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kSummary{
    "rebuild the totals the reports read (credit, quarter walk-ins and shifts, shift fill, day "
    "totals, projects' shifts, incidents) from the records",
    "按原始记录重建报表所用的汇总表（累计时长、季度临时签到与班次、班次到岗人数、日汇总、项目班次、"
    "服务日志）"};
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
constexpr Msg kDaysAgreed{"the day totals agree with the sessions and shifts; nothing changed",
                          "日汇总表与签到记录和班次一致，未作改动"};
constexpr Msg kDaysRebuilt{
    "the day totals were rebuilt from the sessions and shifts: {} rows corrected",
    "已按签到记录和班次重建日汇总表：更正 {} 行"};
constexpr Msg kProjectsAgreed{"the project totals agree with the shifts; nothing changed",
                              "项目汇总表与班次记录一致，未作改动"};
constexpr Msg kProjectsRebuilt{"the project totals were rebuilt from the shifts: {} rows corrected",
                               "已按班次记录重建项目汇总表：更正 {} 行"};
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

constexpr Msg kMissing{
    "{} is missing, where the database keeps figures it derives from the records: someone "
    "dropped it, so nothing can be recounted; restore the database from a backup (nothing was "
    "changed)",
    "数据库存放派生汇总数据的 {} "
    "已不存在：有人删除了它，无法重新统计；请用备份恢复数据库（未作任何更改）"};

struct NoArgs {};

}  // namespace

void register_recount(std::vector<Command>& out) {
  // Only an existing database: recounting a new, empty one would say nothing useful.
  out.push_back(reading(make_command<NoArgs>(
      "recount", kSummary, Msg{"", ""}, [](OptionSet&, const Context&) {},
      [](const po::variables_map&, const Context&) { return NoArgs{}; },
      [](const NoArgs&, Context& ctx) {
        // Before any rebuild: each commits on its own.
        if (auto missing = store::missing_derived(ctx.db()); !missing.empty())
          throw DataError(kMissing, missing.front());
        std::int64_t credit = store::credit::rebuild(ctx.db());
        ctx.out() << (credit == 0 ? ctx.tr(kAgreed) : ctx.tr(kRebuilt, credit)) << "\n";
        std::int64_t quarters = store::quarter_service::rebuild(ctx.db());
        ctx.out() << (quarters == 0 ? ctx.tr(kQuarterAgreed) : ctx.tr(kQuarterRebuilt, quarters))
                  << "\n";
        std::int64_t shifts = store::shift_fill::rebuild(ctx.db());
        ctx.out() << (shifts == 0 ? ctx.tr(kFillAgreed) : ctx.tr(kFillRebuilt, shifts)) << "\n";
        // After the shift fill: the days sum the shifts' counts.
        std::int64_t days = store::day_totals::rebuild(ctx.db());
        ctx.out() << (days == 0 ? ctx.tr(kDaysAgreed) : ctx.tr(kDaysRebuilt, days)) << "\n";
        std::int64_t projects = store::project_shifts::rebuild(ctx.db());
        ctx.out() << (projects == 0 ? ctx.tr(kProjectsAgreed) : ctx.tr(kProjectsRebuilt, projects))
                  << "\n";
        std::int64_t incidents = store::incident_totals::rebuild(ctx.db());
        ctx.out() << (incidents == 0 ? ctx.tr(kIncidentsAgreed)
                                     : ctx.tr(kIncidentsRebuilt, incidents))
                  << "\n";
        return 0;
      })));
}

}  // namespace vstation::cli
