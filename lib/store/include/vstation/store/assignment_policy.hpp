#pragma once
// The one policy for putting a volunteer on a shift by hand (`roster assign`, `assignment add`,
// `import roster`): rules that concern the person and the shift's places are refused unless
// the coordinator forces the edit with a reason, which is audited (docs/design.md §5).

#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/domain/message.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store {

class Lookup;

enum class PersonRule { retired, suspended, no_consent, not_joined, overlap, full };

struct RuleBreak {
  PersonRule rule{};
  Text detail;  // what breaks it, in words
};

// Why a coordinator may still insist on an edit the rules refuse.
struct Override {
  std::string reason;  // non-empty: forced
  Instant at{};        // when, for the audit row
};

// The person's hard rules that putting `v` on `shift` would break (cancelled assignments
// occupy nothing).
std::vector<RuleBreak> assignment_breaks(Connection& db, Lookup& lookup, VolunteerId v,
                                         const Shift& shift);

// An assignment refused for the rules it would break: what() says how the command line forces
// it (--force --reason); breaks() names the rules alone, for a caller that offers no forcing.
class AssignmentRefused : public DataError {
 public:
  AssignmentRefused(Text with_hint, Text breaks)
      : DataError(std::move(with_hint)), breaks_(std::move(breaks)) {}
  [[nodiscard]] const Text& breaks() const { return breaks_; }

 private:
  Text breaks_;
};

// Nobody is put on a cancelled shift, forced or not (DataError naming how to restore it): its
// people were cancelled with it, and a roster does not show it.
void refuse_cancelled_shift(const Shift& shift);

// Refuses the edit (AssignmentRefused) naming every break and how to force it, unless `forced`
// carries a reason;
// then writes one audit row per break against the assignment. Call inside the edit's
// transaction, after the assignment has its id.
void apply_assignment_policy(Connection& db, Lookup& lookup, const Assignment& a,
                             const Shift& shift, const std::vector<RuleBreak>& breaks,
                             const std::optional<Override>& forced);

}  // namespace vstation::store
