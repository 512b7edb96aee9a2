#include "vstation/kiosk/pin_check.hpp"

#include <algorithm>

#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"

namespace vstation::kiosk {

PinVerdict check_volunteer_pin(store::Connection& db, const std::vector<VolunteerId>& candidates,
                               std::string_view pin, Instant now) {
  bool any_pin = false;
  for (auto v : candidates) {
    auto lock = store::identity::lockout(db, v);
    if (lock.locked_until && *lock.locked_until > now)
      return {PinVerdict::Kind::locked, std::nullopt, lock.locked_until, 0};
    auto hash = store::identity::pin_hash(db, v);
    if (!hash) continue;
    any_pin = true;
    if (verify_pin(*hash, pin)) {
      if (lock.failures > 0)
        retry_transaction(db, [&] {
          store::identity::set_lockout(db, v, {});
          return 0;
        });
      return {PinVerdict::Kind::accepted, v, std::nullopt, 0};
    }
  }
  if (!any_pin) return {PinVerdict::Kind::no_pin, std::nullopt, std::nullopt, 0};
  PinVerdict out{PinVerdict::Kind::wrong, std::nullopt, std::nullopt, 0};
  retry_transaction(db, [&] {
    out.failures = 0;
    for (auto v : candidates) {
      auto lock = store::identity::lockout(db, v);
      lock.failures += 1;
      out.failures = std::max(out.failures, lock.failures);
      if (lock.failures >= kMaxPinFailures) {
        lock.failures = 0;
        lock.locked_until = now.plus_minutes(kLockoutMinutes);
        out.locked_until = lock.locked_until;
      }
      store::identity::set_lockout(db, v, lock);
    }
    return 0;
  });
  if (out.locked_until) out.kind = PinVerdict::Kind::locked;
  return out;
}

}  // namespace vstation::kiosk
