// `vstation checkin --volunteer N [--station S] [--at TIME]`: the kiosk's check-in for
// coordinators and scripts, with the same rules.

#include "cli/ledger_for.hpp"
#include "cli/command.hpp"
#include "cli/ledger_args.hpp"
#include "cli/session_text.hpp"
#include "vstation/kiosk/ledger.hpp"
#include "vstation/text/width.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"check a volunteer in (same rules as the kiosk)",
                       "为志愿者签到（与签到机规则相同）"};
constexpr Msg kIn{"checked in {} {} at {} for {}", "{} {} 于 {} 签到：{}"};
constexpr Msg kWalkIn{"walk-in, flagged for the coordinator's review",
                      "临时签到，已标记待站长审核"};
}  // namespace

void register_checkin(std::vector<Command>& out) {
  out.push_back(make_command<LedgerArgs>(
      "checkin", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) { declare_ledger_args(s, ctx, true); },
      [](const po::variables_map& vm, const Context&) { return parse_ledger_args(vm); },
      [](const LedgerArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        auto who = resolve_volunteer(lookup, a);
        StationId station = resolve_station(lookup, a, who);
        Instant at = resolve_time(lookup, a, station, ctx.now());
        auto ledger = ledger_for(ctx, "cli");
        auto r = ledger.check_in(who, station, at);
        const auto& v = lookup.volunteer_record(who);
        const auto& st = lookup.station_record(station);
        Text what = r.shift ? shift_label(*r.shift, lookup) : Text(kWalkIn);
        ctx.out() << ctx.tr(kIn, v.number, text::mask_name(v.name), format_local(at, st.zone), what)
                  << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
