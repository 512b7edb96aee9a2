#pragma once
// Each volunteer's credited minutes at each station per period, kept in `credit_totals` by the
// sessions' triggers (schema version 18), so that a report reads the history before its first day
// from a few hundred thousand rows instead of every session since the station opened (star
// levels and "new volunteers" need it; design.md §3.8).
//
// A period is a year Y (key Y) or a quarter q of it (key Y*10+q) of the UTC calendar taken 14
// hours ahead: UTC+14 is the earliest zone there is, so day D of that calendar begins no later
// than D's local midnight at any station, and the period holding a report's first local day
// begins before that day does. Each credited session counts once in its year's row and once in
// its quarter's. The table holds figures derived from the sessions, never anything of its own:
// `differences` compares it with a recount (`vstation check`), `rebuild` makes it equal to one
// (`vstation recount`).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "vstation/domain/time.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::credit {

struct PeriodKeys {
  std::int64_t year = 0, quarter = 0;  // Y and Y*10+q
};
// The periods a session checked in at `at` counts in.
PeriodKeys periods_of(Instant at);

// A period key as people write it: "2023" or "2023Q2".
std::string period_label(std::int64_t key);

// The quarter `at` falls in, and the instant it begins (never after `at`).
struct Quarter {
  int year = 0, quarter = 0;  // 1..4
  Instant begins;
};
Quarter quarter_containing(Instant at);

// Calls f(station, volunteer, minutes) for every row that together count each credited session
// checked in before q.begins once: the years before q's, then q's year's quarters before q.
// A volunteer may come more than once (per station, per row); minutes may be 0.
void before(Connection& db, const Quarter& q,
            const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& f);

// Calls f(station, volunteer, minutes) for every year's row: together they count each credited
// session once. A volunteer may come more than once; minutes may be 0.
void every_year(Connection& db,
                const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& f);

// Calls f(station, volunteer, minutes) for every row of period `key` (a year Y or a quarter
// Y*10+q), by station and volunteer.
void in_period(Connection& db, std::int64_t key,
               const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& f);

struct Row {
  std::int64_t period = 0, station = 0, volunteer = 0, minutes = 0;
  bool operator==(const Row&) const = default;
};
// The rows the sessions give, by key, counted from every credited session (rows of 0 left out).
std::vector<Row> recount(Connection& db);

// A row of the table that the recount does not give as it is (stored or counted may be 0: the
// row is missing on one side).
struct Difference {
  std::int64_t period = 0, station = 0, volunteer = 0, stored = 0, counted = 0;
};
// At most `limit` differences, by key; empty when the table agrees with the sessions.
std::vector<Difference> differences(Connection& db, std::size_t limit = 20);

// Makes the table what the recount gives, in one transaction; the rows it changed.
std::int64_t rebuild(Connection& db);

// A credited session as the catch-ups after a bulk import read it (shift 0: a walk-in).
struct Credited {
  std::int64_t at, station, volunteer, minutes, shift, project;
};
// The credited sessions with ids above `after` (written while the triggers were deferred: a bulk
// import's, store/records/deferred_indexes.hpp), read once for every total that counts them.
std::vector<Credited> credited_after(Connection& db, std::int64_t after);
// The rows the credit of `sessions` (credited_after's) gives, by key (no database: counted while
// the import's indexes are built); add_counted adds them to the table.
std::vector<Row> count(const std::vector<Credited>& sessions);
void add_counted(Connection& db, const std::vector<Row>& counted);

}  // namespace vstation::store::credit
