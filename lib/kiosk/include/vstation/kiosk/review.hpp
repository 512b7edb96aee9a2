#pragma once
// The coordinator's review rules that the CLI (`sessions confirm/fix/reject`) and the web's
// review queue (/staff/review) both apply before calling the Ledger: which sessions are waiting
// for a decision, and which fixes need a second look before they are saved (the CLI's --yes, the
// web's tick box). design.md §2 "review", §3.3.

#include <optional>

#include "vstation/domain/entities.hpp"
#include "vstation/domain/hours_policy.hpp"

namespace vstation::kiosk {

// Waiting for the coordinator: a forgotten check-out (auto-closed), or a closed walk-in not yet
// confirmed. store::session_queries::needing_review selects the same sessions.
inline bool awaiting_review(const Session& s) {
  return s.status == SessionStatus::auto_closed ||
         (s.status == SessionStatus::closed && s.walk_in());
}

// A review's reason is kept in the audit trail and read by people: never blank (fix and reject
// need one), at most this many characters.
inline constexpr std::size_t kMaxReasonChars = 500;

// What a fix (Ledger::preview_fix's result `after`) would do that the coordinator should see
// before it is saved: take the check-in outside its shift's matching window, or credit nothing.
struct FixConcerns {
  bool off_shift = false;
  bool nothing_credited = false;
  [[nodiscard]] bool any() const { return off_shift || nothing_credited; }
};
inline FixConcerns fix_concerns(const Session& after, const std::optional<Shift>& shift,
                                const StationSettings& settings) {
  FixConcerns c;
  c.off_shift = shift && !check_in_matches(after.effective_in, shift->time, settings);
  c.nothing_credited = after.credited_minutes == 0;
  return c;
}

}  // namespace vstation::kiosk
