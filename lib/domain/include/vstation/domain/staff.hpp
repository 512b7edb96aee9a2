#pragma once
// Staff accounts (docs/design.md §2 "staff account"): the people who run a station or the
// district and sign in to the web face with a login name and a password. Their role decides
// which pages they may open (the route table, StaffRoles); their station decides which objects
// those pages may show (may_see: the one scope rule every staff page uses).

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "vstation/domain/enums.hpp"
#include "vstation/domain/ids.hpp"
#include "vstation/domain/time.hpp"

namespace vstation {

struct StaffAccount {
  StaffAccountId id;
  std::string login;  // unique: "alice"
  std::string name;   // as shown: "Alice Wang"
  StaffRole role = StaffRole::coordinator;
  std::optional<StationId> station;  // coordinator and secretary: theirs; district: none
  Instant created;
  std::optional<Instant> retired;  // set: the account may no longer sign in
};

// Whether the account may see (and, as its role allows, act on) what belongs to `station`: the
// district sees every station, a coordinator or secretary only their own. Every staff page checks
// each object it loads by id with this (through web Ctx::staff_sees).
[[nodiscard]] bool may_see(const StaffAccount& account, StationId station);

// The account as the audit trail names it: "coordinator alice".
[[nodiscard]] std::string audit_name(const StaffAccount& account);

// A set of staff roles: who may call a staff route.
class StaffRoles {
 public:
  constexpr StaffRoles(std::initializer_list<StaffRole> roles) {
    for (auto r : roles) bits_ |= bit(r);
  }
  [[nodiscard]] static constexpr StaffRoles all() {
    return {StaffRole::coordinator, StaffRole::secretary, StaffRole::district};
  }
  [[nodiscard]] constexpr bool has(StaffRole r) const { return (bits_ & bit(r)) != 0; }
  [[nodiscard]] constexpr bool empty() const { return bits_ == 0; }
  constexpr bool operator==(const StaffRoles&) const = default;

 private:
  static constexpr std::uint8_t bit(StaffRole r) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(r));
  }
  std::uint8_t bits_ = 0;
};

}  // namespace vstation
