#pragma once
// Staff accounts (schema version 13; vstation/domain/staff.hpp, docs/design.md §2, §5): who they
// are, their password's Argon2id hash (made by kiosk::hash_password; only the hash reaches the
// database) and their failed-attempt count and lockout (kiosk::check_staff_password applies the
// PIN lockout's rule to it). Their web sessions are web_state.hpp's, with a StaffAccountId as
// the principal. Like the other repositories these run in the caller's transaction.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/domain/staff.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/identity.hpp"

namespace vstation::store::staff {

struct NewStaffAccount {
  std::string login;
  std::string name;  // empty: the login
  StaffRole role = StaffRole::coordinator;
  std::optional<StationId> station;
  std::string password_hash;
  Instant now;
};

// A login name as stored: lower case. 1 to 32 ASCII letters, digits, '.', '_' or '-', starting
// with a letter or digit; else FieldError "login".
std::string normal_login(std::string_view login);

// A new account. FieldError "login" (malformed, or taken: logins are unique, retired ones
// included), "name" (a record's text, at most 100 characters), "station" (missing for a
// coordinator or secretary, given for the district), "password_hash" (empty).
StaffAccountId add(Connection& db, const NewStaffAccount& account);

// By login (any case), retired ones too.
std::optional<StaffAccount> by_login(Connection& db, std::string_view login);
std::optional<StaffAccount> get(Connection& db, StaffAccountId id);
// Every account, in login order.
std::vector<StaffAccount> all(Connection& db);

std::string password_hash(Connection& db, StaffAccountId id);
// A new password hash; clears the failed attempts and any lockout.
void set_password_hash(Connection& db, StaffAccountId id, std::string_view hash);

identity::Lockout lockout(Connection& db, StaffAccountId id);
void set_lockout(Connection& db, StaffAccountId id, const identity::Lockout& l);

// Retires the account at `now` and revokes its web sessions; false if already retired.
bool retire(Connection& db, StaffAccountId id, Instant now);

}  // namespace vstation::store::staff
