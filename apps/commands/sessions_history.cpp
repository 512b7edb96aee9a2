// `vstation sessions history NO`: a session's story: the raw record, then every audit row.

#include "cli/review_args.hpp"
#include "cli/session_text.hpp"
#include "vstation/domain/audit_text.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"show a session's raw record and its audit trail",
                       "显示签到记录的原始数据和审计记录"};
constexpr Msg kArgs{"NO", "编号"};
constexpr Msg kNoSession{"no session numbered {}", "没有编号为 {} 的签到记录"};
constexpr Msg kRaw{"session {} of {} at {}: raw check-in {}, raw check-out {}",
                   "签到记录 {}（{}，{}）：原始签到 {}，原始签退 {}"};
constexpr Msg kNow{"now: {}", "当前：{}"};
constexpr Msg kNoOut{"none", "无"};
constexpr Msg kNoAudit{"no changes recorded", "没有更改记录"};
constexpr Msg kWhen{"when", "时间"};
constexpr Msg kWho{"who", "操作人"};
constexpr Msg kWhat{"action", "操作"};
constexpr Msg kWhy{"reason", "原因"};
constexpr Msg kOld{"old", "原值"};
constexpr Msg kNew{"new", "新值"};
}  // namespace

void register_sessions_history(std::vector<Command>& out) {
  out.push_back(reading(make_command<ReviewArgs>(
      "sessions history", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        declare_review_args(s, ctx, false, ReviewOption::none);
      },
      [](const po::variables_map& vm, const Context&) { return parse_review_args(vm); },
      [](const ReviewArgs& a, Context& ctx) {
        auto& db = ctx.db();
        const Lang lang = ctx.lang();
        auto s = store::sessions::get(db, a.session);
        if (!s) throw DataError(kNoSession, a.session.value);
        store::Lookup lookup(db);
        const auto& st = lookup.station_record(s->station);
        ctx.out() << ctx.tr(kRaw, s->id.value, lookup.volunteer_number(s->volunteer), st.code,
                            format_local(s->raw_in, st.zone),
                            s->raw_out ? format_local(*s->raw_out, st.zone) : ctx.tr(kNoOut))
                  << "\n"
                  << ctx.tr(kNow, audit_text::value(describe(*s, st.zone), lang)) << "\n\n";
        auto rows = store::audit::of(db, "session", s->id.value);
        if (rows.empty()) {
          ctx.out() << ctx.tr(kNoAudit) << "\n";
          return 0;
        }
        text::Table t(
            {ctx.tr(kWhen), ctx.tr(kWho), ctx.tr(kWhat), ctx.tr(kWhy), ctx.tr(kOld), ctx.tr(kNew)});
        for (const auto& e : rows)
          t.add({format_local(e.at, st.zone), e.actor, audit_text::action(e.action, lang),
                 audit_text::reason(e.action, e.reason, lang), audit_text::value(e.old_value, lang),
                 audit_text::value(e.new_value, lang)});
        ctx.out() << t.render();
        return 0;
      })));
}

}  // namespace vstation::cli
