#pragma once
// Each station's incidents and people served per type and month, kept in `incident_totals` by
// the incidents' triggers (schema version 20), so that a report's incidents by type read a few
// hundred thousand sums and the rows near the ends of its span instead of every incident of it
// (design.md §3.8).
//
// A month is that of the UTC calendar taken 14 hours ahead (key Y*100+m), as the credit totals'
// periods are (credit_totals.hpp): a station's local day D never begins before that calendar's
// day D. A span of local days is then the months holding its first and last day, less the
// incidents of those months outside the span and plus those of the span outside them: both lie
// within hours of the span's two ends for a month or quarter (a day at most apart at any zone).
// The table holds figures derived from the incidents, never anything of its own: `differences`
// compares it with a recount (`vstation check`), `rebuild` makes it equal to one
// (`vstation recount`).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/domain/ids.hpp"
#include "vstation/domain/time.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::incident_totals {

// The month key (Y*100+m) of an incident at `at`, of the calendar day `d` (in that calendar day
// D begins no later than D's local midnight anywhere), and the instant month `key` begins.
std::int64_t month_of(Instant at);
std::int64_t month_of(Date d);
Instant month_begins(std::int64_t key);
// The key of the month after `key`.
std::int64_t next_month(std::int64_t key);
// A month key as people write it: "2023-05".
std::string month_label(std::int64_t key);

// Calls f(type, incidents, people served) for the rows of months first..last (keys), of one
// station or every one; a type may come more than once (per station).
void sum_months(Connection& db, std::int64_t first, std::int64_t last,
                std::optional<StationId> station,
                const std::function<void(std::string_view, std::int64_t, std::int64_t)>& f);

struct Row {
  std::int64_t period = 0, station = 0;
  std::string type;
  std::int64_t incidents = 0, people_served = 0;
  bool operator==(const Row&) const = default;
};
// The rows the incidents give, by key, counted from every incident.
std::vector<Row> recount(Connection& db);

// A row of the table that the recount does not give as it is (`stored` or `counted` all 0: the
// row is missing on that side).
struct Difference {
  std::int64_t period = 0, station = 0;
  std::string type;
  std::int64_t stored_incidents = 0, stored_people = 0, counted_incidents = 0, counted_people = 0;
};
// At most `limit` differences, by key; empty when the table agrees with the incidents.
std::vector<Difference> differences(Connection& db, std::size_t limit = 20);

// Makes the table what the recount gives, in one transaction; the rows it changed.
std::int64_t rebuild(Connection& db);

// Adds the incidents with ids above `after` (written while the triggers were deferred: a bulk
// import's, store/records/deferred_indexes.hpp).
void add_incidents_after(Connection& db, std::int64_t after);

}  // namespace vstation::store::incident_totals
