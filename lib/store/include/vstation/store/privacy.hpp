#pragma once
// Personal data held about a volunteer (PIPL: access, erasure, retention): everything the
// database keeps that names them, erasure that keeps their anonymised hours in every total,
// and the volunteers inactive long enough to purge.

#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/ids.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::privacy {

// One table's rows about the volunteer, as text (nullopt for NULL).
struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};
std::vector<Table> personal_data(Connection& db, VolunteerId v);

// The name becomes "(erased)"; phone, ID document, birth date, PIN, badge, kiosk lockout,
// availability and session notes are cleared; their web sessions, calendar feeds and sign-in
// codes are deleted (signed out everywhere); the volunteer is retired. Sessions, assignments
// and certificates stay (under the volunteer number), so every total is unchanged. Leaves an
// audit row. Runs inside the caller's transaction; false if already erased.
inline constexpr std::string_view kErasedName = "(erased)";
bool erase(Connection& db, VolunteerId v, Instant now, const std::string& actor, const std::string& reason);

// Volunteers not yet erased with no activity (session, roster assignment, training, service
// log entry, joining) on or after `since`, a UTC instant.
std::vector<VolunteerId> inactive_since(Connection& db, Instant since, Date since_day);

}  // namespace vstation::store::privacy
