#include "vstation/domain/staff.hpp"

namespace vstation {

bool may_see(const StaffAccount& account, StationId station) {
  if (account.retired) return false;
  if (account.role == StaffRole::district) return true;
  return account.station && *account.station == station;
}

std::string audit_name(const StaffAccount& account) {
  return std::string(code_of(account.role)) + " " + account.login;
}

}  // namespace vstation
