#pragma once
// A week's roster as people read it (each assignment with its shift, station, project and
// volunteer), and its printable forms: CSV, iCalendar (RFC 5545) and a printable HTML page.

#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/planning/week.hpp"

namespace vstation::planning {

struct RosterEntry {
  Shift shift;
  Station station;
  Project project;
  std::optional<Volunteer> volunteer;  // absent: an empty slot (one entry per empty slot)
  bool pinned = false;
};

struct RosterView {
  IsoWeek week;
  std::vector<RosterEntry> entries;  // by shift start, then volunteer number; empty slots last
};

RosterView build_view(store::Connection& db, const WeekProblem& wp);
// One volunteer's upcoming shifts (store::upcoming::of_volunteer after `now`), as entries of
// theirs: what their private calendar feed holds.
RosterView upcoming_view(store::Connection& db, VolunteerId v, Instant now);

std::string roster_csv(const RosterView& v, bool bom);
// How events name the volunteer: as the roster shows them (masked in a calendar of everyone,
// in full in one volunteer's), or not at all (a subscribed feed whose URL a calendar service
// keeps: the project and place are all it needs).
enum class IcsNames { as_roster, none };
// One calendar of every assignment (names masked), or of one volunteer's (their own name in
// full); each event reminds its station's reminder_minutes before (none when 0). `now` stamps
// DTSTAMP.
std::string roster_ics(const RosterView& v, std::optional<VolunteerId> only, Instant now,
                       IcsNames names = IcsNames::as_roster);
std::string roster_html(const RosterView& v, Lang lang);
// The same page's body (title, station, the days' table, the legend and the open places), for a
// page with its own head: the web's printable sheet (/staff/sheet).
std::string roster_body_html(const RosterView& v, Lang lang);

}  // namespace vstation::planning
