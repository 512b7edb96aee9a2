// `vstation sessions fix NO --in T --out T --reason R [--yes]`: sets the effective times; the
// raw instants stay as they were and the change is audited. A fix that takes the session off
// its shift or leaves it credited nothing shows what changes and needs --yes.

#include "cli/ledger_for.hpp"
#include "cli/review_args.hpp"
#include "cli/session_text.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/kiosk/review.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"correct a session's times (audited)", "更正签到记录的时间（留审计记录）"};
constexpr Msg kArgs{"NO --in TIME --out TIME --reason TEXT",
                    "编号 --in 时间 --out 时间 --reason 原因"};
constexpr Msg kDone{"session {} corrected: credited {}", "签到记录 {} 已更正：计入 {}"};
constexpr Msg kNoSession{"no session numbered {}", "没有编号为 {} 的签到记录"};
constexpr Msg kAtOption{"--{}: {}", "--{}：{}"};
constexpr Msg kOffShift{"  the new check-in is outside its shift {}",
                        "  新的签到时间不在其班次 {} 内"};
constexpr Msg kNothing{"  it would be credited nothing", "  将不计入任何时长"};
constexpr Msg kNeedsYes{"session {}: add --yes to make this change",
                        "签到记录 {}：确认更改请加 --yes"};
}  // namespace

void register_sessions_fix(std::vector<Command>& out) {
  out.push_back(make_command<ReviewArgs>(
      "sessions fix", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        declare_review_args(s, ctx, true, ReviewOption::times | ReviewOption::yes);
      },
      [](const po::variables_map& vm, const Context&) { return parse_review_args(vm); },
      [](const ReviewArgs& a, Context& ctx) {
        auto& db = ctx.db();
        auto session = store::sessions::get(db, a.session);
        if (!session) throw DataError(kNoSession, a.session.value);
        TimeZone off = store::stations::get(db, session->station)->zone;
        auto when = [&](const char* name, const std::string& v) {
          try {
            return parse_instant(v, off);
          } catch (const ParseError& e) {
            throw UsageError(kAtOption, name, e.text());
          }
        };
        Instant in = when("in", *a.in), out_at = when("out", *a.out);
        auto ledger = ledger_for(ctx, "coordinator");
        if (!a.yes) {
          Session after = ledger.preview_fix(a.session, in, out_at, ctx.now());
          store::Lookup lookup(db);
          std::optional<Shift> shift;
          if (session->shift) shift = store::shifts::get(db, *session->shift);
          auto concerns =
              kiosk::fix_concerns(after, shift, lookup.station_record(session->station).settings);
          if (concerns.any()) {
            ctx.out() << session_change(*session, after, lookup, ctx.lang()) << "\n";
            if (concerns.off_shift)
              ctx.out() << ctx.tr(kOffShift, shift_label(*shift, lookup)) << "\n";
            if (concerns.nothing_credited) ctx.out() << ctx.tr(kNothing) << "\n";
            throw DataError(kNeedsYes, a.session.value);
          }
        }
        auto s = ledger.fix(a.session, in, out_at, ctx.now(), a.reason);
        ctx.out() << ctx.tr(kDone, s.id.value, duration_text(s.credited_minutes)) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
