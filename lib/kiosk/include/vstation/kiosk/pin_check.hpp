#pragma once
// A volunteer's PIN with its lockout: the one rule for the terminal kiosk, the kiosk page and the
// phone's sign-in (docs/design.md §5). Five wrong PINs lock the volunteer out everywhere for
// five minutes; a right one clears the count.

#include <optional>
#include <string_view>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/identity.hpp"

namespace vstation::kiosk {

// Wrong PINs before a volunteer is locked out, and for how long.
constexpr int kMaxPinFailures = 5;
constexpr int kLockoutMinutes = 5;

// The lockout rule on its own (the PIN's, and a staff password's too): whether a lockout shuts
// the door at `now`, and the lockout after one more failure (the kMaxPinFailures-th locks for
// kLockoutMinutes and starts the count again).
[[nodiscard]] bool locked_at(const store::identity::Lockout& lock, Instant now);
[[nodiscard]] store::identity::Lockout after_failure(store::identity::Lockout lock, Instant now);

struct PinVerdict {
  enum class Kind { accepted, locked, no_pin, wrong } kind = Kind::wrong;
  std::optional<VolunteerId> volunteer;  // accepted
  std::optional<Instant> locked_until;   // locked (now, or by this very failure)
  int failures = 0;                      // wrong: failures so far, of kMaxPinFailures
};

// Checks `pin` against each candidate (a typed volunteer number names one; a phone tail may name
// several). A failure counts against every candidate; the fifth locks them out.
PinVerdict check_volunteer_pin(store::Connection& db, const std::vector<VolunteerId>& candidates,
                               std::string_view pin, Instant now);

// A staff account's password under the same lockout rule (its own count, in staff_accounts):
// accepted (the count cleared), locked, or wrong (counted; the fifth locks). A retired account
// is `no_pin`: it has no password that works. Writes in its own transactions.
PinVerdict check_staff_password(store::Connection& db, StaffAccountId account,
                                std::string_view password, Instant now);

// The coordinator's PIN (the kiosk's exit, on the terminal and on the tablet page) under the same
// lockout rule, its count kept in the settings: without it the tablet would let anyone holding it
// try every PIN. `no_pin` when none is set. Writes in its own transactions.
PinVerdict check_coordinator_pin(store::Connection& db, std::string_view pin, Instant now);

}  // namespace vstation::kiosk
