// `vstation checkout --volunteer N [--at TIME] [--yes] [--left TIME]`: the kiosk's check-out for
// coordinators and scripts, with the same rules: a very short session needs --yes; a check-out
// past the session's deadline is kept as a forgotten check-out for review, and --left records
// when the volunteer says they left.

#include "cli/ledger_for.hpp"
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
constexpr Msg kLate{
    "{} {} checked out at {}, past the session's deadline {}: kept as a forgotten "
    "check-out, credited nothing until the coordinator reviews session {}",
    "{} {} 于 {} 签退，已超过该记录的签退时限 {}：按忘记签退保留，待站长审核签到记录 {} "
    "后才计入时长"};
constexpr Msg kProposed{
    "they say they left at {}: recorded for the coordinator "
    "(vstation sessions confirm {} --as-proposed)",
    "本人称于 {} 离开：已记录，待站长审核（vstation sessions confirm {} --as-proposed）"};
constexpr Msg kAsk{
    "ask them when they left; the coordinator decides with: vstation sessions "
    "confirm|fix {}",
    "请询问其离开时间；由站长处理：vstation sessions confirm|fix {}"};
constexpr Msg kShort{"{} checked in only {} s ago; add --yes to check out anyway",
                     "{} 仅在 {} 秒前签到；确认签退请加 --yes"};
constexpr Msg kNotIn{"{} is not checked in", "{} 尚未签到"};
constexpr Msg kNotLate{
    "--left is for a forgotten check-out; {}'s check-out at {} is before the "
    "deadline {} and is credited as it is",
    "--left 仅用于忘记签退；{} 于 {} 签退未超过时限 {}，将按实际时间计入"};
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
        auto ledger = ledger_for(ctx, "cli");
        auto open = ledger.open_session(who);
        const auto& v = lookup.volunteer_record(who);
        if (!open) throw kiosk::Refused(kiosk::Refusal::not_in, Text::of(kNotIn, v.number));
        const auto& st = lookup.station_record(open->station);
        Instant at = resolve_time(lookup, a, open->station, ctx.now());
        std::optional<Instant> left;
        if (a.left) left = resolve_left(lookup, *a.left, *open, ctx.now());
        auto seconds = at.seconds - open->raw_in.seconds;
        if (seconds < kiosk::kShortSessionSeconds && seconds >= 0 && !a.yes)
          throw DataError(kShort, v.number, seconds);
        // The check-out and the volunteer's answer are one change: both or neither.
        auto r = retry_writes(ctx, [&] {
          auto result = ledger.check_out(who, at);
          if (left && !result.overdue)
            throw DataError(kNotLate, v.number, format_local(at, st.zone),
                            format_local(result.deadline, st.zone));
          if (left) ledger.propose(result.session.id, *left, at);
          return result;
        });
        std::string name = text::mask_name(v.name);
        if (!r.overdue) {
          ctx.out() << ctx.tr(kOut, v.number, name, format_local(at, st.zone),
                              duration_text(r.session.credited_minutes),
                              duration_text(r.total_minutes))
                    << "\n";
          return 0;
        }
        ctx.out() << ctx.tr(kLate, v.number, name, format_local(at, st.zone),
                            format_local(r.deadline, st.zone), r.session.id.value)
                  << "\n";
        ctx.out() << (left ? ctx.tr(kProposed, format_local(*left, st.zone), r.session.id.value)
                           : ctx.tr(kAsk, r.session.id.value))
                  << "\n";
        return 0;
      }));
}

}  // namespace vstation::cli
