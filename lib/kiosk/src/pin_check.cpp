#include "vstation/kiosk/pin_check.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string>

#include "vstation/kiosk/retry.hpp"
#include "vstation/kiosk/secrets.hpp"
#include "vstation/store/identity.hpp"
#include "vstation/store/staff.hpp"

namespace vstation::kiosk {

bool locked_at(const store::identity::Lockout& lock, Instant now) {
  return lock.locked_until && *lock.locked_until > now;
}

store::identity::Lockout after_failure(store::identity::Lockout lock, Instant now) {
  lock.failures += 1;
  if (lock.failures >= kMaxPinFailures) {
    lock.failures = 0;
    lock.locked_until = now.plus_minutes(kLockoutMinutes);
  }
  return lock;
}

namespace {
// A secret found right, let in unless guesses sent beside it locked its lockout meanwhile (read
// again after the slow Argon2id check, in the transaction that clears the count). `read` and
// `write` are the lockout's storage; `who` the volunteer let in, if a volunteer's PIN.
template <class Read, class Write>
PinVerdict let_in(store::Connection& db, Instant now, Read read, Write write,
                  std::optional<VolunteerId> who) {
  return retry_transaction(db, [&] {
    auto lock = read();
    if (locked_at(lock, now))
      return PinVerdict{PinVerdict::Kind::locked, std::nullopt, lock.locked_until, 0};
    if (lock.failures > 0 || lock.locked_until) write(store::identity::Lockout{});
    return PinVerdict{PinVerdict::Kind::accepted, who, std::nullopt, 0};
  });
}
}  // namespace

PinVerdict check_volunteer_pin(store::Connection& db, const std::vector<VolunteerId>& candidates,
                               std::string_view pin, Instant now) {
  bool any_pin = false;
  for (auto v : candidates) {
    auto lock = store::identity::lockout(db, v);
    if (locked_at(lock, now)) return {PinVerdict::Kind::locked, std::nullopt, lock.locked_until, 0};
    auto hash = store::identity::pin_hash(db, v);
    if (!hash) continue;
    any_pin = true;
    if (verify_pin(*hash, pin))
      return let_in(
          db, now, [&] { return store::identity::lockout(db, v); },
          [&](const store::identity::Lockout& l) { store::identity::set_lockout(db, v, l); }, v);
  }
  if (!any_pin) return {PinVerdict::Kind::no_pin, std::nullopt, std::nullopt, 0};
  PinVerdict out{PinVerdict::Kind::wrong, std::nullopt, std::nullopt, 0};
  retry_transaction(db, [&] {
    out = {PinVerdict::Kind::wrong, std::nullopt, std::nullopt, 0};
    for (auto v : candidates) {
      auto before = store::identity::lockout(db, v);
      // Locked by guesses sent beside this one: said so, and not counted again.
      if (locked_at(before, now)) {
        out.kind = PinVerdict::Kind::locked;
        out.locked_until = before.locked_until;
        continue;
      }
      auto lock = after_failure(before, now);
      out.failures = std::max(out.failures, before.failures + 1);
      if (lock.locked_until != before.locked_until) out.locked_until = lock.locked_until;
      store::identity::set_lockout(db, v, lock);
    }
    return 0;
  });
  if (out.locked_until) out.kind = PinVerdict::Kind::locked;
  return out;
}

namespace {
constexpr std::string_view kCoordinatorLockout = "coordinator_pin_lockout";  // "FAILURES [UNTIL]"

store::identity::Lockout coordinator_lockout(store::Connection& db) {
  store::identity::Lockout lock;
  auto text = store::identity::setting(db, kCoordinatorLockout);
  if (!text) return lock;
  std::int64_t failures = 0, until = 0;
  int read = std::sscanf(text->c_str(), "%" SCNd64 " %" SCNd64, &failures, &until);
  lock.failures = read >= 1 ? int(std::clamp<std::int64_t>(failures, 0, kMaxPinFailures)) : 0;
  if (read == 2) lock.locked_until = Instant{until};
  return lock;
}

void set_coordinator_lockout(store::Connection& db, const store::identity::Lockout& lock) {
  std::string text = std::to_string(lock.failures);
  if (lock.locked_until) text += " " + std::to_string(lock.locked_until->seconds);
  store::identity::set_setting(db, kCoordinatorLockout, text);
}
}  // namespace

namespace {

// One secret under one lockout (the coordinator's PIN, a staff password): refused while locked;
// accepted clears the count; a wrong one counts in its own transaction, re-reading the count
// there, and locks at the fifth. `read` and `write` are the lockout's storage; `verify` (the
// Argon2id check) runs only when not locked.
template <class Read, class Write, class Verify>
PinVerdict check_one(store::Connection& db, Instant now, Read read, Write write, Verify verify) {
  auto lock = read();
  if (locked_at(lock, now)) return {PinVerdict::Kind::locked, std::nullopt, lock.locked_until, 0};
  if (verify()) return let_in(db, now, read, write, std::nullopt);
  PinVerdict out{PinVerdict::Kind::wrong, std::nullopt, std::nullopt, 0};
  retry_transaction(db, [&] {
    auto before = read();
    // Locked by guesses sent beside this one: said so, and not counted again.
    if (locked_at(before, now)) {
      out = {PinVerdict::Kind::locked, std::nullopt, before.locked_until, 0};
      return 0;
    }
    auto after = after_failure(before, now);
    out.failures = before.failures + 1;
    out.locked_until =
        after.locked_until != before.locked_until ? after.locked_until : std::nullopt;
    write(after);
    return 0;
  });
  if (out.locked_until) out.kind = PinVerdict::Kind::locked;
  return out;
}

}  // namespace

PinVerdict check_coordinator_pin(store::Connection& db, std::string_view pin, Instant now) {
  auto hash = store::identity::setting(db, "coordinator_pin");
  if (!hash) return {PinVerdict::Kind::no_pin, std::nullopt, std::nullopt, 0};
  return check_one(
      db, now, [&] { return coordinator_lockout(db); },
      [&](const store::identity::Lockout& l) { set_coordinator_lockout(db, l); },
      [&] { return verify_pin(*hash, pin); });
}

PinVerdict check_staff_password(store::Connection& db, StaffAccountId account,
                                std::string_view password, Instant now) {
  auto who = store::staff::get(db, account);
  if (!who || who->retired) return {PinVerdict::Kind::no_pin, std::nullopt, std::nullopt, 0};
  return check_one(
      db, now, [&] { return store::staff::lockout(db, account); },
      [&](const store::identity::Lockout& l) { store::staff::set_lockout(db, account, l); },
      [&] { return verify_password(store::staff::password_hash(db, account), password); });
}

}  // namespace vstation::kiosk
