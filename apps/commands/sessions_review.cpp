// `vstation sessions review`: closes what is overdue, then lists the sessions waiting for the
// coordinator: forgotten check-outs (with a late check-out if one was recorded, and the time the
// volunteer says they left) and walk-ins.

#include "cli/ledger_for.hpp"
#include "cli/command.hpp"
#include "cli/session_text.hpp"
#include "vstation/domain/calendar.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/session_queries.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"list sessions awaiting review (forgotten check-outs, walk-ins)",
                       "列出待审核的签到记录（忘记签退、临时签到）"};
constexpr Msg kStation{"only this station", "仅此站点"};
constexpr Msg kNone{"nothing to review", "没有待审核的记录"};
constexpr Msg kAutoClosed{"auto-closed {} overdue session(s) just now",
                          "刚刚自动关闭了 {} 条超时记录"};
constexpr Msg kHeaders{
    "no.|volunteer|name|station|time|shift|status|credited min|checked out|says left|overdue",
    "编号|志愿者|姓名|站点|时间|班次|状态|计入分钟|签退记录|本人称离开|超期"};
constexpr Msg kOverdue{"{} working days", "{} 个工作日"};
constexpr Msg kHint{
    "Decide with: vstation sessions confirm NO [--as-proposed] | fix NO | reject NO",
    "处理：vstation sessions confirm 编号 [--as-proposed] | fix 编号 | reject 编号"};

struct ReviewListArgs {
  std::optional<std::string> station;
};

std::vector<std::string> split_headers(Lang lang) {
  std::vector<std::string> out;
  std::string h(Text(kHeaders).render(lang));
  std::size_t start = 0;
  for (auto pos = h.find('|'); pos != std::string::npos; pos = h.find('|', start)) {
    out.push_back(h.substr(start, pos - start));
    start = pos + 1;
  }
  out.push_back(h.substr(start));
  return out;
}

}  // namespace

void register_sessions_review(std::vector<Command>& out) {
  out.push_back(make_command<ReviewListArgs>(
      "sessions review", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("station", po::value<std::string>(), ctx.tr(kStation).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        return ReviewListArgs{opt<std::string>(vm, "station")};
      },
      [](const ReviewListArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        std::optional<StationId> st;
        if (a.station) st = lookup.station(*a.station);
        auto ledger = ledger_for(ctx, "cli");
        auto closed = ledger.auto_close_due(ctx.now(), {st, std::nullopt});
        if (!closed.empty()) ctx.err() << ctx.tr(kAutoClosed, closed.size()) << "\n";
        auto pending = store::session_queries::needing_review(db, st);
        if (pending.empty()) {
          ctx.out() << ctx.tr(kNone) << "\n";
          return 0;
        }
        text::Table t(split_headers(ctx.lang()));
        for (const auto& s : pending) {
          auto row = session_row(s, lookup, ctx.lang());
          TimeZone off = lookup.station_record(s.station).zone;
          // Late check-outs and answers are shown as times, with the date when it is another day.
          auto when = [&](const std::optional<Instant>& t) -> std::string {
            if (!t) return "";
            bool same_day = local_date(*t, off) == local_date(s.effective_in, off);
            return same_day ? local_time(*t, off).hhmm() : format_local(*t, off);
          };
          row.push_back(s.status == SessionStatus::auto_closed ? when(s.raw_out) : "");
          row.push_back(when(s.proposed_out));
          int days =
              working_days_between(local_date(s.effective_in, off), local_date(ctx.now(), off));
          row.push_back(days > kReviewDeadlineWorkingDays ? ctx.tr(kOverdue, days) : "");
          t.add(std::move(row));
        }
        ctx.out() << t.render() << "\n" << ctx.tr(kHint) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
