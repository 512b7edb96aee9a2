#pragma once
// A signed-in volunteer's own page: their upcoming shifts, their hours this quarter and since
// joining, and their star level, from the same functions the kiosk and certificates use.

#include <string>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::web::detail {

// `csrf`: the session's form token, for the sign-out button.
std::string me_content(store::Connection& db, VolunteerId v, StationId station, Instant now,
                       const std::string& csrf, Lang lang);

}  // namespace vstation::web::detail
