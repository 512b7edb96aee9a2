#pragma once
// How volunteers identify at the kiosk (PIN hashes, badge tokens, PIN lockouts) and the
// station-wide settings such as the coordinator's PIN hash.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::identity {

void set_pin_hash(Connection& db, VolunteerId v, const std::optional<std::string>& hash);
std::optional<std::string> pin_hash(Connection& db, VolunteerId v);

void set_badge_token(Connection& db, VolunteerId v, const std::optional<std::string>& token);
std::optional<std::string> badge_token(Connection& db, VolunteerId v);
std::optional<VolunteerId> by_badge(Connection& db, std::string_view token);

// Volunteers whose phone number ends with `tail`.
std::vector<VolunteerId> by_phone_tail(Connection& db, std::string_view tail);

struct Lockout {
  int failures = 0;
  std::optional<Instant> locked_until;
};
Lockout lockout(Connection& db, VolunteerId v);
// What the kiosk asks before it lets a volunteer in, in one look-up: have they a PIN, and
// are they locked out.
struct Gate {
  bool has_pin = false;
  Lockout lockout;
};
Gate gate(Connection& db, VolunteerId v);
void set_lockout(Connection& db, VolunteerId v, const Lockout& l);

std::optional<std::string> setting(Connection& db, std::string_view key);
void set_setting(Connection& db, std::string_view key, std::string_view value);

}  // namespace vstation::store::identity
