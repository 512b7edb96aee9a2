#pragma once
// A volunteer's upcoming shifts: what retiring them leaves on the roster, and what
// `volunteer retire --unassign` cancels.

#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::upcoming {

struct UpcomingShift {
  Assignment assignment;
  Shift shift;
};

// The volunteer's planned or confirmed assignments on shifts, not cancelled, that start after
// `now` (a shift under way is not upcoming), by start time.
std::vector<UpcomingShift> of_volunteer(Connection& db, VolunteerId v, Instant now);

// Sets each assignment's status to cancelled (kept, not deleted); returns how many.
std::size_t cancel(Connection& db, const std::vector<UpcomingShift>& shifts);

}  // namespace vstation::store::upcoming
