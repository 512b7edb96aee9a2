#pragma once
// Today at a station, as the coordinator's "today" view shows it (issue 16): who is checked in
// now, who is rostered today and has not come, and who has left with the hours credited. "Today"
// is the station's service day of `now` (design.md §2, "station day, service day"), so a station
// open 18:00–02:00 keeps its evening together past midnight.

#include <optional>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::kiosk {

struct Present {
  Session session;
  std::optional<Shift> shift;  // absent: a walk-in
  bool overdue = false;        // past its check-out deadline (auto-closed at the next scan)
};

// A volunteer rostered on one of today's shifts with no session on it yet.
struct Expected {
  Shift shift;
  Assignment assignment;
  bool started = false;  // the shift's start has passed
  bool ended = false;    // and its end
};

struct Today {
  Date day;                       // the service day
  std::vector<Present> present;   // every open session at the station, oldest check-in first
  std::vector<Expected> missing;  // by shift start, then volunteer
  std::vector<Session> left;      // today's sessions no longer open, by check-out
};

Today today_at(store::Connection& db, const Station& station, Instant now);

}  // namespace vstation::kiosk
