#pragma once
// What the `user` commands share: a login from the command line, an account looked up by it,
// how an account is described, and the audit row naming the CLI operator.

#include <string>
#include <string_view>

#include "cli/context.hpp"
#include "vstation/domain/staff.hpp"

namespace vstation::cli {

// The login as stored (lower case); UsageError saying why it is no login.
std::string parse_login(std::string_view login);
// The account with this login; DataError if none (retired ones are found).
StaffAccount account_by_login(Context& ctx, std::string_view login);
// "coordinator of I城志愿服务站 (icity)" / "district (every station)", in the context's language.
std::string describe_account(Context& ctx, const StaffAccount& a);
// An audit row about the account (entity "staff"), by the CLI operator ("coordinator").
void audit_staff(Context& ctx, StaffAccountId id, std::string_view action,
                 std::string_view new_value = "");

}  // namespace vstation::cli
