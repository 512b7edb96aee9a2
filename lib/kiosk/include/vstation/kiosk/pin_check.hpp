#pragma once
// A volunteer's PIN with its lockout: the one rule for the terminal kiosk, the kiosk page and the
// phone's sign-in (docs/design.md §5). Five wrong PINs lock the volunteer out everywhere for
// five minutes; a right one clears the count.

#include <optional>
#include <string_view>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::kiosk {

// Wrong PINs before a volunteer is locked out, and for how long.
constexpr int kMaxPinFailures = 5;
constexpr int kLockoutMinutes = 5;

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

}  // namespace vstation::kiosk
