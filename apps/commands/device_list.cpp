// `vstation device list [--station S]`: the station's paired kiosk tablets, revoked ones too.

#include "cli/command.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/web_state.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"list the station's paired kiosk tablets", "列出站点已配对的签到平板"};
constexpr Msg kStation{"the station (default: the only one)", "站点（默认：唯一的站点）"};
constexpr Msg kNone{"no paired devices at {}", "{} 没有已配对的设备"};
constexpr Msg kId{"id", "编号"};
constexpr Msg kName{"name", "名称"};
constexpr Msg kCreated{"created", "创建时间"};
constexpr Msg kPairedAt{"link used", "链接使用时间"};
constexpr Msg kState{"state", "状态"};
constexpr Msg kNotYet{"not yet", "尚未使用"};
constexpr Msg kActive{"active", "使用中"};
constexpr Msg kRevoked{"revoked", "已吊销"};
constexpr Msg kLinkExpired{"link expired, never paired", "链接已过期，从未配对"};

struct ListArgs {
  std::optional<std::string> station;
};

int list(const ListArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  StationId station = a.station ? lookup.station(*a.station) : lookup.default_station();
  const Station& st = lookup.station_record(station);
  auto devices = store::web::devices_of(db, station);
  if (devices.empty()) {
    ctx.err() << ctx.tr(kNone, st.name) << "\n";
    return 0;
  }
  text::Table t({ctx.tr(kId), ctx.tr(kName), ctx.tr(kCreated), ctx.tr(kPairedAt), ctx.tr(kState)});
  for (const auto& d : devices) {
    auto used = store::web::device_paired_at(db, d.id);
    // Never paired and no link left to pair it with: not a working device.
    auto link = store::web::device_link_expires(db, d.id);
    const bool expired = !used && (!link || *link <= ctx.now());
    t.add({std::to_string(d.id.value), escape_controls(d.name), format_local(d.created, st.zone),
           used ? format_local(*used, st.zone) : ctx.tr(kNotYet),
           ctx.tr(d.revoked ? kRevoked : expired ? kLinkExpired : kActive)});
  }
  ctx.out() << t.render();
  return 0;
}

}  // namespace

void register_device_list(std::vector<Command>& out) {
  out.push_back(reading(make_command<ListArgs>(
      "device list", kSummary, Msg{"", ""},
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("station", po::value<std::string>(), ctx.tr(kStation).c_str());
      },
      [](const po::variables_map& vm, const Context&) {
        return ListArgs{opt<std::string>(vm, "station")};
      },
      list)));
}

}  // namespace vstation::cli
