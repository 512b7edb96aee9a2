// Linked into the unit tests that hash PINs and passwords (thousands of them): libsodium's
// minimum Argon2id cost, not the interactive one every program uses (kiosk/secrets.hpp). In the
// web tests the interactive hashes were four fifths of the CPU. What a hash costs does not change
// how it is checked; kiosk_ledger_test checks that a program's own hashes are interactive ones.

#include "vstation/kiosk/secrets.hpp"

namespace {
const bool kMinimumCost = [] {
  vstation::kiosk::set_hash_cost(vstation::kiosk::HashCost::minimum);
  return true;
}();
}  // namespace
