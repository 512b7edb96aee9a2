#pragma once
// What roster_edit.cpp (hand edits) and roster_plan.cpp (applied plans) both write of an
// assignment they change: its audit row, naming the volunteer by number and the shift by id.

#include <optional>
#include <string>

#include "vstation/planning/roster_edit.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::planning::detail {

// The volunteer's number (their id, should the record be gone).
inline std::string volunteer_number(store::Connection& db, VolunteerId v) {
  auto rec = store::volunteers::get(db, v);
  return rec ? rec->number : std::to_string(v.value);
}

// One audit row `assignment ACTION "V0012 #370"`, when the change has an author to name.
inline void audit_assignment(store::Connection& db, const std::optional<EditAudit>& audit,
                             AssignmentId id, const char* action, VolunteerId v, ShiftId shift) {
  if (!audit) return;
  store::AuditEntry e;
  e.at = audit->at;
  e.actor = audit->actor;
  e.entity = "assignment";
  e.entity_id = id.value;
  e.action = action;
  e.new_value = volunteer_number(db, v) + " #" + std::to_string(shift.value);
  store::audit::append(db, e);
}

}  // namespace vstation::planning::detail
