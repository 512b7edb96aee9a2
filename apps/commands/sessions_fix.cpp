// `vstation sessions fix NO --in T --out T --reason R`: sets the effective times; the raw
// instants stay as they were and the change is audited.

#include "cli/review_args.hpp"
#include "cli/session_text.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"correct a session's times (audited)", "更正签到记录的时间（留审计记录）"};
constexpr Msg kArgs{"NO --in TIME --out TIME --reason TEXT",
                    "编号 --in 时间 --out 时间 --reason 原因"};
constexpr Msg kDone{"session {} corrected: credited {}", "签到记录 {} 已更正：计入 {}"};
constexpr Msg kNoSession{"no session numbered {}", "没有编号为 {} 的签到记录"};
constexpr Msg kAtOption{"--{}: {}", "--{}：{}"};
}  // namespace

void register_sessions_fix(std::vector<Command>& out) {
  out.push_back(make_command<ReviewArgs>(
      "sessions fix", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) { declare_review_args(s, ctx, true, true); },
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
        kiosk::Ledger ledger(db, "coordinator");
        auto s = ledger.fix(a.session, in, out_at, ctx.now(), a.reason);
        ctx.out() << ctx.tr(kDone, s.id.value, duration_text(s.credited_minutes)) << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
