// `vstation checkout --volunteer N [--at TIME] [--yes]`: the kiosk's check-out for
// coordinators and scripts, with the same rules (a very short session needs --yes).

#include "cli/command.hpp"
#include "cli/ledger_args.hpp"
#include "cli/session_text.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/text/width.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"check a volunteer out (same rules as the kiosk)",
                       "为志愿者签退（与签到机规则相同）"};
constexpr Msg kOut{"checked out {} {} at {}: credited {}, total {}",
                   "{} {} 于 {} 签退：本次计入 {}，累计 {}"};
constexpr Msg kShort{"{} checked in only {} s ago; add --yes to check out anyway",
                     "{} 仅在 {} 秒前签到；确认签退请加 --yes"};
constexpr Msg kNotIn{"{} is not checked in", "{} 尚未签到"};
}  // namespace

void register_checkout(std::vector<Command>& out) {
  out.push_back(make_command<LedgerArgs>(
      "checkout", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) { declare_ledger_args(s, ctx, false); },
      [](const po::variables_map& vm, const Context&) { return parse_ledger_args(vm); },
      [](const LedgerArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        auto who = resolve_volunteer(lookup, a);
        kiosk::Ledger ledger(db, "cli");
        auto open = ledger.open_session(who);
        const auto& v = lookup.volunteer_record(who);
        if (!open) throw kiosk::Refused(kiosk::Refusal::not_in, Text::of(kNotIn, v.number));
        Instant at = resolve_time(lookup, a, open->station, ctx.now());
        auto seconds = at.seconds - open->raw_in.seconds;
        if (seconds < kiosk::kShortSessionSeconds && !a.yes)
          throw DataError(kShort, v.number, seconds < 0 ? 0 : seconds);
        auto r = ledger.check_out(who, at);
        const auto& st = lookup.station_record(r.session.station);
        ctx.out() << ctx.tr(kOut, v.number, text::mask_name(v.name), format_local(at, st.zone),
                            duration_text(r.session.credited_minutes),
                            duration_text(r.total_minutes))
                  << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
