// `vstation user add LOGIN --role coordinator|secretary|district [--station S] [--name NAME]`:
// a staff account for the web face; its password is one line on standard input (never echoed),
// stored only as an Argon2id hash.

#include "cli/command.hpp"
#include "cli/password_input.hpp"
#include "cli/staff_text.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/staff.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kSummary{"add a staff account (coordinator, secretary, district) for the web face",
                       "为网页端添加工作人员账户（站长、秘书、区级管理）"};
constexpr Msg kArgs{"LOGIN", "登录名"};
constexpr Msg kRole{"coordinator, secretary or district", "coordinator、secretary 或 district"};
constexpr Msg kStation{"the station of a coordinator or secretary (required for them)",
                       "站长或秘书所属站点（二者必填）"};
constexpr Msg kName{"the name shown (default: the login)", "显示名称（默认：登录名）"};
constexpr Msg kAtRole{"--role: {}", "--role：{}"};
constexpr Msg kDistrictStation{"a district account sees every station: leave out --station",
                               "区级管理账户可查看所有站点：请勿指定 --station"};
constexpr Msg kNeedsStation{"a {} account belongs to a station: give --station",
                            "{}账户属于某个站点：请指定 --station"};
constexpr Msg kTaken{"the login name '{}' is taken (see 'vstation user list')",
                     "登录名“{}”已被使用（见“vstation user list”）"};
constexpr Msg kAtField{"{}: {}", "{}：{}"};
constexpr Msg kAdded{"staff account {} added: {}", "已添加工作人员账户 {}：{}"};

struct AddArgs {
  std::string login;
  StaffRole role = StaffRole::coordinator;
  std::optional<std::string> station;
  std::string name;
};

int add(const AddArgs& a, Context& ctx) {
  auto& db = ctx.db();
  store::Lookup lookup(db);
  std::optional<StationId> station;
  if (a.station) station = lookup.station(*a.station);
  if (store::staff::by_login(db, a.login)) throw DataError(kTaken, a.login);
  const std::string hash = kiosk::hash_password(read_new_password(ctx));
  store::staff::NewStaffAccount n{a.login, a.name, a.role, station, hash, ctx.now()};
  StaffAccountId id;
  try {
    id = retry_writes(ctx, [&] {
      auto made = store::staff::add(db, n);
      auto account = *store::staff::get(db, made);
      audit_staff(ctx, made, "add", audit_name(account));
      return made;
    });
  } catch (const store::FieldError& e) {
    throw DataError(kAtField, e.column(), e.text());
  }
  auto account = *store::staff::get(db, id);
  ctx.out() << ctx.tr(kAdded, account.login, describe_account(ctx, account)) << "\n";
  return 0;
}

}  // namespace

void register_user_add(std::vector<Command>& out) {
  out.push_back(make_command<AddArgs>(
      "user add", kSummary, kArgs,
      [](OptionSet& s, const Context& ctx) {
        s.options.add_options()("login", po::value<std::string>()->required(), "")(
            "role", po::value<std::string>()->required(), ctx.tr(kRole).c_str())(
            "station", po::value<std::string>(), ctx.tr(kStation).c_str())(
            "name", po::value<std::string>(), ctx.tr(kName).c_str());
        s.positional.add("login", 1);
      },
      [](const po::variables_map& vm, const Context&) {
        AddArgs a;
        a.login = parse_login(vm["login"].as<std::string>());
        try {
          a.role = parse_enum<StaffRole>(vm["role"].as<std::string>());
        } catch (const ParseError& e) {
          throw UsageError(kAtRole, e.text());
        }
        a.station = opt<std::string>(vm, "station");
        if (a.role == StaffRole::district && a.station) throw UsageError(kDistrictStation);
        if (a.role != StaffRole::district && !a.station)
          throw UsageError(kNeedsStation, label_of(a.role));
        a.name = opt<std::string>(vm, "name").value_or("");
        return a;
      },
      add));
}

}  // namespace vstation::cli
