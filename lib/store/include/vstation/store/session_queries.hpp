#pragma once
// The queries the hours ledger and the kiosk ask of sessions.

#include <optional>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store::session_queries {

// Which open sessions to look at: those at a station, or of a volunteer (or both: either);
// every open session when neither is given.
struct OpenScope {
  std::optional<StationId> station;
  std::optional<VolunteerId> volunteer;
};
// The open sessions in scope with their shifts' times, oldest first, in one query.
std::vector<sessions::OpenSession> open_sessions(Connection& db, const OpenScope& scope = {});
// Credited minutes of every session of the volunteer.
std::int64_t total_minutes(Connection& db, VolunteerId v);
// Sessions a coordinator should look at: auto-closed ones, and walk-ins not yet confirmed.
std::vector<Session> needing_review(Connection& db, std::optional<StationId> st);
// Forgotten check-outs (auto-closed) of the volunteer that they have not answered yet: no time
// they left is proposed.
std::vector<Session> awaiting_answer(Connection& db, VolunteerId v);
// Sessions for `sessions list`: any of the filters may be absent. Days are local days at each
// session's station; `status` is a session status code.
struct SessionFilter {
  std::optional<VolunteerId> volunteer;
  std::optional<StationId> station;
  std::optional<Date> from;
  std::optional<Date> to;
  std::optional<SessionStatus> status;
};
std::vector<Session> find(Connection& db, const SessionFilter& f);

// The first and last check-in of the volunteer's credited sessions at the station (both
// instants; the range is not half-open), if any.
std::optional<TimeRange> credited_span(Connection& db, VolunteerId v, StationId station);

// The volunteer's next rostered (not cancelled) shift starting at or after `after`.
std::optional<Shift> next_shift(Connection& db, VolunteerId v, Instant after);

}  // namespace vstation::store::session_queries
