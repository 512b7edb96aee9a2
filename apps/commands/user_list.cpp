// `vstation user list`: every staff account with its role, station and state.

#include "cli/command.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/kiosk/pin_check.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"list the staff accounts", "列出工作人员账户"};
constexpr Msg kNone{"no staff accounts; add one with 'vstation user add'",
                    "没有工作人员账户；请用“vstation user add”添加"};
constexpr Msg kLogin{"login", "登录名"};
constexpr Msg kName{"name", "名称"};
constexpr Msg kRole{"role", "角色"};
constexpr Msg kStation{"station", "站点"};
constexpr Msg kCreated{"created", "创建时间"};
constexpr Msg kState{"state", "状态"};
constexpr Msg kEvery{"(every station)", "（全部站点）"};
constexpr Msg kActive{"active", "使用中"};
constexpr Msg kLocked{"locked until {}", "锁定至 {}"};
constexpr Msg kRetired{"retired {}", "已停用 {}"};

struct ListArgs {};

int list(const ListArgs&, Context& ctx) {
  auto& db = ctx.db();
  auto accounts = store::staff::all(db);
  if (accounts.empty()) {
    ctx.err() << ctx.tr(kNone) << "\n";
    return 0;
  }
  store::Lookup lookup(db);
  // Times in the account's station's zone; the district's in the first station's.
  auto stations = store::stations::all(db);
  const TimeZone fallback = stations.empty() ? TimeZone() : stations.front().zone;
  text::Table t({ctx.tr(kLogin), ctx.tr(kName), ctx.tr(kRole), ctx.tr(kStation), ctx.tr(kCreated),
                 ctx.tr(kState)});
  for (const auto& a : accounts) {
    const TimeZone zone = a.station ? lookup.station_record(*a.station).zone : fallback;
    auto lock = store::staff::lockout(db, a.id);
    std::string state = a.retired ? ctx.tr(kRetired, format_local(*a.retired, zone))
                        : kiosk::locked_at(lock, ctx.now())
                            ? ctx.tr(kLocked, format_local(*lock.locked_until, zone))
                            : ctx.tr(kActive);
    t.add({a.login, escape_controls(a.name), ctx.tr(label_of(a.role)),
           a.station ? lookup.station_code(*a.station) : ctx.tr(kEvery),
           format_local(a.created, zone), state});
  }
  ctx.out() << t.render();
  return 0;
}

}  // namespace

void register_user_list(std::vector<Command>& out) {
  out.push_back(reading(make_command<ListArgs>(
      "user list", kSummary, Msg{"", ""}, [](OptionSet&, const Context&) {},
      [](const po::variables_map&, const Context&) { return ListArgs{}; }, list)));
}

}  // namespace vstation::cli
