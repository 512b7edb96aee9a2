#include "cli/staff_text.hpp"

#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/staff.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kAtLogin{"login: {}", "登录名：{}"};
constexpr Msg kUnknown{"no staff account '{}' (see 'vstation user list')",
                       "没有登录名为“{}”的工作人员账户（见“vstation user list”）"};
constexpr Msg kOfStation{"{} of {} ({})", "{}（{}，{}）"};
constexpr Msg kEvery{"{} (every station)", "{}（全部站点）"};
}  // namespace

std::string parse_login(std::string_view login) {
  try {
    return store::staff::normal_login(login);
  } catch (const store::FieldError& e) {
    throw UsageError(kAtLogin, e.text());
  }
}

StaffAccount account_by_login(Context& ctx, std::string_view login) {
  auto a = store::staff::by_login(ctx.db(), login);
  if (!a) throw DataError(kUnknown, std::string(login));
  return *a;
}

std::string describe_account(Context& ctx, const StaffAccount& a) {
  std::string role = ctx.tr(label_of(a.role));
  if (!a.station) return ctx.tr(kEvery, role);
  store::Lookup lookup(ctx.db());
  const auto& st = lookup.station_record(*a.station);
  return ctx.tr(kOfStation, role, st.name, st.code);
}

void audit_staff(Context& ctx, StaffAccountId id, std::string_view action,
                 std::string_view new_value) {
  store::AuditEntry e;
  e.at = ctx.now();
  e.actor = "coordinator";
  e.entity = "staff";
  e.entity_id = id.value;
  e.action = std::string(action);
  e.new_value = std::string(new_value);
  store::audit::append(ctx.db(), e);
}

}  // namespace vstation::cli
