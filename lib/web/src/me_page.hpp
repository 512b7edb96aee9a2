#pragma once
// A signed-in volunteer's own page: their upcoming shifts, their hours this quarter and since
// joining, and their star level, from the same functions the kiosk and certificates use; and
// any forgotten check-out waiting for their answer.

#include <optional>
#include <string>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/entities.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/store/db.hpp"

namespace vstation::web::detail {

// The figures the page and GET /api/v1/me show.
struct MyFigures {
  std::string name;
  std::string number;
  Quarter quarter;                       // the station's current quarter
  std::int64_t quarter_minutes = 0;      // credited this quarter, as a certificate would state it
  std::int64_t total_minutes = 0;        // credited since joining (the kiosk's total)
  int stars = 0;                         // star level, 0 to 5
  std::optional<StarLevels::Next> next;  // the level above, and the minutes to it; none at 5
};
MyFigures my_figures(store::Connection& db, VolunteerId v, const Station& station, Instant now);

// "12.5 h" (kHours) and "★★☆☆☆": the page's hours and star level, for the coordinator's view too.
std::string hours(std::int64_t minutes, Lang lang);
std::string star_row(int level);

// `csrf`: the session's form token, for the sign-out button and the answer forms.
std::string me_content(store::Connection& db, VolunteerId v, StationId station, Instant now,
                       const std::string& csrf, Lang lang);

// The cards asking about the volunteer's forgotten check-outs (forgotten_page.cpp), each with
// a form for the time they left; `error` is shown on the card of session `error_for`.
std::string forgotten_cards(store::Connection& db, VolunteerId v, Instant now,
                            const std::string& csrf, Lang lang,
                            std::optional<SessionId> error_for = std::nullopt,
                            const std::string& error = "");

}  // namespace vstation::web::detail
