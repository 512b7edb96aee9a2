// `vstation badge V [--format svg|png|text] [--out FILE] [--reissue | --revoke]`: the
// volunteer's QR badge. The code holds an opaque random token, never a phone or ID number;
// reissuing makes every earlier badge of the volunteer stop working.

#include "vstation/kiosk/badge.hpp"

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "vstation/kiosk/credentials.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"print a volunteer's QR badge (SVG, PNG or terminal)",
                       "打印志愿者的二维码志愿者证（SVG、PNG 或终端）"};
constexpr Msg kArgs{"VOLUNTEER", "志愿者编号"};
constexpr Msg kFormat{"svg, png or text (default: text)", "svg、png 或 text（默认 text）"};
constexpr Msg kOut{"write to FILE (needed for png)", "写入文件（png 格式必需）"};
constexpr Msg kReissue{"issue a new token; earlier badges stop working", "签发新令牌；旧证件失效"};
constexpr Msg kRevoke{"revoke the badge; scanning it is refused", "吊销证件；扫描将被拒绝"};
constexpr Msg kBadFormat{"--format must be svg, png or text, not '{}'",
                         "--format 只能是 svg、png 或 text，而不是“{}”"};
constexpr Msg kPngNeedsOut{"a PNG badge needs --out FILE", "PNG 格式需要 --out 文件"};
constexpr Msg kBoth{"--reissue and --revoke exclude each other",
                    "--reissue 与 --revoke 不能同时使用"};
constexpr Msg kRevoked{"badge of {} revoked", "{} 的志愿者证已吊销"};
constexpr Msg kNoBadge{"{} has no badge to revoke; nothing was changed",
                       "{} 没有可吊销的志愿者证；未做任何更改"};
constexpr Msg kRevokeAlone{"--revoke writes no badge: leave out --{}",
                           "--revoke 不输出志愿者证：请去掉 --{}"};
constexpr Msg kWritten{"badge of {} written to {}", "{} 的志愿者证已写入 {}"};

struct BadgeArgs {
  std::string volunteer;
  std::string format = "text";
  std::optional<std::string> out;
  bool reissue = false;
  bool revoke = false;
};
}  // namespace

void register_badge(std::vector<Command>& out) {
  out.push_back(make_command<BadgeArgs>(
      "badge", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("volunteer", po::value<std::string>()->required(), "")(
            "format", po::value<std::string>()->default_value("text"), ctx.tr(kFormat).c_str())(
            "out,o", po::value<std::string>(), ctx.tr(kOut).c_str())(
            "reissue", ctx.tr(kReissue).c_str())("revoke", ctx.tr(kRevoke).c_str());
        s.positional.add("volunteer", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        BadgeArgs a;
        a.volunteer = vm["volunteer"].as<std::string>();
        a.format = vm["format"].as<std::string>();
        a.out = opt<std::string>(vm, "out");
        a.reissue = vm.count("reissue") > 0;
        a.revoke = vm.count("revoke") > 0;
        if (a.format != "svg" && a.format != "png" && a.format != "text")
          throw UsageError(kBadFormat, a.format);
        if (a.format == "png" && !a.out && !a.revoke) throw UsageError(kPngNeedsOut);
        if (a.reissue && a.revoke) throw UsageError(kBoth);
        if (a.revoke && a.out) throw UsageError(kRevokeAlone, "out");
        if (a.revoke && !vm["format"].defaulted()) throw UsageError(kRevokeAlone, "format");
        return a;
      },
      [](const BadgeArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Lookup lookup(db);
        VolunteerId v = lookup.volunteer(a.volunteer);
        if (a.revoke) {
          retry_writes(ctx, [&] {
            if (!store::identity::badge_token(db, v)) throw DataError(kNoBadge, a.volunteer);
            store::identity::set_badge_token(db, v, std::nullopt);
            return 0;
          });
          ctx.out() << ctx.tr(kRevoked, a.volunteer) << "\n";
          return 0;
        }
        // A new token replaces the old one only once its badge is written: the old badge keeps
        // working if the file cannot be.
        const Volunteer& vol = lookup.volunteer_record(v);
        kiosk::refuse_erased(vol);  // before anything is printed
        auto token = store::identity::badge_token(db, v);
        bool fresh = !token || a.reissue;
        if (fresh) token = kiosk::new_badge_token();
        auto qr = kiosk::qr_encode(kiosk::badge_payload(*token));
        std::string caption = kiosk::badge_caption(vol);
        std::string body = a.format == "svg"   ? kiosk::badge_svg(qr, caption)
                           : a.format == "png" ? kiosk::badge_png(qr)
                                               : kiosk::badge_terminal(qr) + caption + "\n";
        PendingOutput out(ctx, body, a.out, a.format == "png" ? Content::binary : Content::text);
        if (fresh)
          retry_writes(ctx, [&] {
            kiosk::replace_badge(db, v, *token);
            return 0;
          });
        out.publish(a.out ? std::optional<Text>(Text::of(kWritten, a.volunteer, *a.out))
                          : std::nullopt);
        return 0;
      }));
}

}  // namespace vstation::cli
