#pragma once
// A volunteer's shifts on the web: open slots to sign up for (/shifts), their upcoming shifts
// with a cancel button until the station's deadline (also on /me), and the JSON API's
// /api/v1/shifts/... and /api/v1/me/shifts. The rules are lib/planning's self_service.

#include <string>

#include "routes.hpp"

namespace vstation::web::detail {

// The volunteer's upcoming shifts, each with its cancel form (posting back to `from`: "me" or
// "shifts") until the deadline, else a line saying to contact the coordinator.
std::string my_shifts_html(store::Connection& db, VolunteerId v, Instant now,
                           const std::string& csrf, Lang lang, const std::string& from);

// "Mon 2023-05-01" and "09:00–12:00": a shift's day and time as the pages show them.
std::string day_label(Date d, Lang lang);
std::string time_span(const Shift& s, const TimeZone& zone);

// The outcome line after a sign-up or cancellation (?done=signed-up / cancelled); empty if none.
std::string flash_html(const Ctx& c);

}  // namespace vstation::web::detail
