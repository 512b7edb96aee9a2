#pragma once
// Each project's uncancelled shifts, kept in `project_shifts` by the shifts' triggers (schema
// version 25), so that a report whose range holds every uncancelled shift counts its active
// projects (design.md §3.6: those with an uncancelled shift in the range) from them instead of
// looking up each project's shifts. The table holds a figure derived from the shifts, never
// anything of its own: `differences` compares it with a recount (`vstation check`), `rebuild`
// makes it equal to one (`vstation recount`).

#include <cstdint>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store::project_shifts {

// A project whose stored count the recount does not give (a missing row counts 0).
struct Difference {
  std::int64_t project = 0, stored = 0, counted = 0;
  bool operator==(const Difference&) const = default;
};
// At most `limit` differences, by project id; empty when the table agrees with the shifts.
std::vector<Difference> differences(Connection& db, std::size_t limit = 20);

// Makes the table what the recount gives, in one transaction; the projects it changed.
std::int64_t rebuild(Connection& db);

// Adds the shifts with ids above `after`, written while the insert trigger was set aside (a bulk
// import's).
void add_shifts_after(Connection& db, std::int64_t after);

// The projects with an uncancelled shift.
std::int64_t with_shifts(Connection& db);

}  // namespace vstation::store::project_shifts
