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

// Volunteers whose phone number ends with `tail`.
std::vector<VolunteerId> by_phone_tail(Connection& db, std::string_view tail);

struct Lockout {
  int failures = 0;
  std::optional<Instant> locked_until;
};
Lockout lockout(Connection& db, VolunteerId v);
// What the kiosk asks before it lets a volunteer in: have they a PIN, are they locked out.
struct Gate {
  bool has_pin = false;
  Lockout lockout;
};
// A volunteer as the kiosk meets them, record and gate in one look-up: by volunteer number (as
// typed, then in capitals) or by badge token.
struct AtKiosk {
  Volunteer record;
  Gate gate;
};
std::optional<AtKiosk> at_kiosk_by_number(Connection& db, std::string_view number);
std::optional<AtKiosk> at_kiosk_by_badge(Connection& db, std::string_view token);
void set_lockout(Connection& db, VolunteerId v, const Lockout& l);

std::optional<std::string> setting(Connection& db, std::string_view key);
void set_setting(Connection& db, std::string_view key, std::string_view value);

}  // namespace vstation::store::identity
