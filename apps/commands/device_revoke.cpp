// `vstation device revoke ID`: a paired kiosk tablet stops working at once (its sessions end).

#include <charconv>

#include "cli/command.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"revoke a paired kiosk tablet", "吊销已配对的签到平板"};
constexpr Msg kArgs{"ID", "设备编号"};
constexpr Msg kBadId{"device id must be a positive number, not '{}'",
                     "设备编号须为正整数，而不是“{}”"};
constexpr Msg kNoDevice{"no active paired device {} (see 'vstation device list')",
                        "没有使用中的已配对设备 {}（见“vstation device list”）"};
constexpr Msg kDone{"device {} revoked; it is signed out", "设备 {} 已吊销并已登出"};

struct RevokeArgs {
  PairedDeviceId device;
};

int revoke(const RevokeArgs& a, Context& ctx) {
  auto& db = ctx.db();
  bool done = retry_writes(ctx, [&] {
    if (!store::web::revoke_device(db, a.device)) return false;
    store::AuditEntry e;
    e.at = ctx.now();
    e.actor = "coordinator";
    e.entity = "device";
    e.entity_id = a.device.value;
    e.action = "revoke";
    store::audit::append(db, e);
    return true;
  });
  if (!done) throw DataError(kNoDevice, a.device.value);
  ctx.out() << ctx.tr(kDone, a.device.value) << "\n";
  return 0;
}

}  // namespace

void register_device_revoke(std::vector<Command>& out) {
  out.push_back(make_command<RevokeArgs>(
      "device revoke", kSummary, kArgs,
      [](OptionSet& s, const Context&) {
        s.options.add_options()("id", po::value<std::string>()->required(), "");
        s.positional.add("id", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        auto s = vm["id"].as<std::string>();
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec != std::errc{} || end != s.data() + s.size() || n <= 0) throw UsageError(kBadId, s);
        return RevokeArgs{PairedDeviceId{n}};
      },
      revoke));
}

}  // namespace vstation::cli
