#pragma once
// The domain's invariants, checked over the whole database (`vstation check`): each problem
// names the record concerned. Portable SQL only; the storage's own check is in maintenance.hpp.

#include <cstdint>
#include <vector>

#include "vstation/domain/message.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::checks {

struct Result {
  std::vector<Text> problems;
  std::int64_t sessions = 0;  // sessions examined
};

// The protective triggers are all there; no volunteer with two open sessions; no overlapping
// sessions of one volunteer (rejected ones aside); every session whose effective times differ
// from its raw ones, or that was confirmed, corrected or rejected, has an audit
// row; its status and credit are the ones its last audit row gave it; every row matches its
// seal (store::seal); credited minutes equal to the hours policy's. docs/reliability.md says
// what these can and cannot see.
Result invariants(Connection& db);

}  // namespace vstation::store::checks
