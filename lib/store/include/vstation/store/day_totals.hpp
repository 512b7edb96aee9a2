#pragma once
// The credited minutes, walk-ins and shift fill per station and day, kept in `day_totals` by the
// sessions' and shifts' triggers (schema version 24). A day is one of the calendar 14 hours ahead
// of UTC, as the quarters of credit_totals.hpp are: every zone's local day begins in or after the
// day of the same date, so a range of local days is its days' sums with the hours at either edge
// (a day's first hours before the local day begins) read from the records. Per day and station:
// the credited minutes and walk-in sessions checked in that day; of the shifts starting that day,
// their credited volunteers (every shift's: their sum over shifts is the distinct (shift,
// volunteer) pairs), and of the uncancelled ones their number, slots and slots filled (each
// shift's credited volunteers up to its slots, design.md §3.6). A since-opening report sums them
// instead of reading every session and shift (design.md §3.8). `differences` compares the table
// with a recount (`vstation check`), `rebuild` makes it equal to one (`vstation recount`).

#include <cstdint>
#include <optional>
#include <vector>

#include "vstation/store/credit_totals.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::day_totals {

// The day an instant falls in (days since 1970-01-01 in the UTC+14 calendar; instants from
// 1970-01-01T10:00Z on) and the instant a day begins.
constexpr std::int64_t kAhead = 14 * 3600, kDay = 86400;
constexpr std::int64_t day_of(std::int64_t at) {
  return (at + kAhead) / kDay;
}
constexpr std::int64_t day_begins(std::int64_t day) {
  return day * kDay - kAhead;
}

struct Sums {
  std::int64_t minutes = 0, walk_ins = 0, pairs = 0, shifts = 0, slots = 0, filled = 0;
  Sums& operator+=(const Sums& o);
  Sums& operator-=(const Sums& o);
  bool operator==(const Sums&) const = default;
};
struct Row {
  std::int64_t day = 0, station = 0;
  Sums sums;
  bool operator==(const Row&) const = default;
};
// The rows the sessions and shifts give, by key (rows of nothing left out).
std::vector<Row> recount(Connection& db);

// A row of the table that the recount does not give as it is (a missing side is all 0).
struct Difference {
  Row stored, counted;
};
// At most `limit` differences, by key; empty when the table agrees with the records.
std::vector<Difference> differences(Connection& db, std::size_t limit = 20);
// Makes the table what the recount gives, in one transaction; the rows it changed.
std::int64_t rebuild(Connection& db);

// Adds the shifts with ids above `after`, written while the insert trigger was set aside.
void add_shifts_after(Connection& db, std::int64_t after);
// A shift whose credited volunteers went from `before` to `after` while the shifts' update
// trigger was set aside (a bulk sessions import's recount, shift_fill.cpp).
struct Refilled {
  std::int64_t starts_at = 0, station = 0, slots = 0, before = 0, after = 0;
  bool cancelled = false;
};
// The credit of `sessions` by day and station (rows by key), counted apart from writing it: a
// bulk import counts while its indexes are built.
std::vector<Row> count_sessions(const std::vector<credit::Credited>& sessions);
// Adds `counted` (count_sessions of sessions written while the triggers were set aside, a bulk
// import's) and moves the days of `refilled` as the shifts' update trigger would have: one
// batch of sums.
void add_counted(Connection& db, const std::vector<Row>& counted,
                 const std::vector<Refilled>& refilled = {});

// Each day's sums over `stations` (every station when not given) from day `from` to day `to`
// (both included), by day; days without rows left out.
std::vector<std::pair<std::int64_t, Sums>> by_day(
    Connection& db, std::int64_t from, std::int64_t to,
    const std::optional<std::vector<std::int64_t>>& stations);
// The records' own sums over [from, to) (UTC seconds): the credited sessions checked in then and
// the shifts starting then (no pairs), of `stations` (every station when not given).
Sums between(Connection& db, std::int64_t from, std::int64_t to,
             const std::optional<std::vector<std::int64_t>>& stations);

}  // namespace vstation::store::day_totals
