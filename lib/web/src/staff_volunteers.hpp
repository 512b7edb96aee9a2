#pragma once
// The coordinator's volunteers (issue 16 point 4): the searchable list (staff_volunteers.cpp),
// a volunteer's page (staff_volunteer_page.cpp) and what the coordinator may do there: reveal one
// field after re-entering their password, reissue the badge, reset the PIN
// (staff_volunteer_actions.cpp). Coordinators only: the secretary reads figures and issues
// certificates, and the district reads every station's figures; neither needs a person's data.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "routes.hpp"

namespace vstation::web::detail {

// Who may open the volunteers' pages (the routes and kStaffNav).
inline constexpr StaffRoles kVolunteerPagesRoles{StaffRole::coordinator};

// The station a volunteer belongs to: their home station; one without belongs to the station
// this server runs (as their certificate says).
StationId station_of(const Ctx& c, const Volunteer& v);

// The volunteer the path's {id} names, if the account may see them; nullopt: answer
// c.out_of_scope() (404, as for an unknown id).
std::optional<Volunteer> volunteer_in_scope(const Ctx& c);

// A volunteer as the list and the API show them: name and number, phone and ID number masked
// (text::mask_phone, text::mask_id_number: the CLI's masks), status; the caller adds "skills".
nlohmann::json volunteer_summary_json(const Volunteer& v);
// Codes of the skills the volunteer is certified for today, sorted.
std::vector<std::string> skills_of(const Ctx& c, VolunteerId v);

// The fields a coordinator may reveal, one at a time.
enum class Revealable { phone, id_number };
std::optional<Revealable> revealable(const std::string& name);
std::string_view field_name(Revealable f);

// The volunteer's page; `revealed` shows that one field unmasked, `notice_html` goes above the
// figures (a new PIN, a refusal: HTML rendered by the caller's template, escaped there).
struct VolunteerView {
  std::optional<Revealable> revealed;
  std::string notice_html;
};
Response volunteer_page(Ctx& c, const Volunteer& v, const VolunteerView& view, int status = 200);

void add_staff_volunteers_routes(Routes& routes);  // also declared in routes.hpp
void add_staff_volunteer_page_routes(Routes& routes);
void add_staff_volunteer_action_routes(Routes& routes);

}  // namespace vstation::web::detail
