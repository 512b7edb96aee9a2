#pragma once
// Each shift's distinct volunteers with credited time on it, whenever they checked in, kept in
// `shifts.credited_volunteers` by the sessions' triggers (schema version 22), so that a report's
// slots filled (design.md §3.6: at most the shift's slots) come from the shifts it reads instead
// of every credited session of them. The column holds a figure derived from the sessions, never
// anything of its own: `differences` compares it with a recount (`vstation check`), `rebuild`
// makes it equal to one (`vstation recount`).

#include <cstdint>
#include <vector>

#include "vstation/store/day_totals.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::shift_fill {

// A shift whose stored count the recount does not give.
struct Difference {
  std::int64_t shift = 0, stored = 0, counted = 0;
  bool operator==(const Difference&) const = default;
};
// At most `limit` differences, by shift id; empty when every shift agrees with its sessions.
std::vector<Difference> differences(Connection& db, std::size_t limit = 20);

// Makes every shift's count what its sessions give, in one transaction; the shifts it changed.
std::int64_t rebuild(Connection& db);

// Each shift's distinct credited volunteers among `sessions` (credit::credited_after's), by shift
// id: no database, counted while a large import's indexes are built.
struct Counted {
  std::int64_t shift = 0, volunteers = 0;
};
std::vector<Counted> count(const std::vector<credit::Credited>& sessions);

// Counts again the shifts of the credited sessions with ids above `after` (written while the
// triggers were set aside: a bulk import's, store/records/deferred_indexes.hpp), `counted` being
// count() of them. Returns the shifts whose days are left for the caller to move
// (day_totals::add_counted): those written with the shifts' day trigger set aside too, when the
// import touched most shifts.
std::vector<day_totals::Refilled> add_counted(Connection& db, std::int64_t after,
                                              const std::vector<Counted>& counted);

}  // namespace vstation::store::shift_fill
