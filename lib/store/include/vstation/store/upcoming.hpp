#pragma once
// Upcoming shifts: a volunteer's, which retiring them leaves on the roster and `volunteer retire
// --unassign` cancels; a project's, which retiring it leaves open and `project retire
// --cancel-shifts` cancels.

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

struct ProjectShift {
  Shift shift;
  std::size_t people = 0;  // planned or confirmed on it
};

// The project's shifts, not cancelled, that start after `now` (a shift under way is not
// upcoming), by start time.
std::vector<ProjectShift> of_project(Connection& db, ProjectId p, Instant now);

// Cancels each shift and the assignments on it (kept on record as cancelled); returns how many
// assignments went with them.
std::size_t cancel(Connection& db, const std::vector<ProjectShift>& shifts);

}  // namespace vstation::store::upcoming
