#pragma once
// Each volunteer's credited minutes, walk-in sessions and distinct shifts served, per station,
// project (0: a walk-in naming none) and quarter, kept in `quarter_service` by the sessions'
// triggers (schema versions 23 and 26; the quarters of `credit_totals`, credit_totals.hpp): a
// quarter's person-times are the sum of both over its rows, since a (shift, volunteer) pair is
// one volunteer's at the shift's station on the shift's project; a project's distinct volunteers
// are its rows'. A report reads its previous quarter, and its groups over a quarter, from them
// instead of from every session of it (design.md §3.8). A session counts in the quarter (UTC+14
// calendar) of its check-in, once: its minutes, a walk-in as one walk-in, a rostered one as its
// shift once among the volunteer's credited sessions of that quarter, station and project.
// `differences` compares the table with a recount (`vstation check`), `rebuild` makes it equal
// to one (`vstation recount`).

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "vstation/store/credit_totals.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store::quarter_service {

struct Row {
  std::int64_t period = 0, station = 0, volunteer = 0, project = 0;
  std::int64_t minutes = 0, walk_ins = 0, shifts = 0;
  bool operator==(const Row&) const = default;
};
// The rows the sessions give, by key (rows of nothing left out).
std::vector<Row> recount(Connection& db);

// A row of the table that the recount does not give as it is (a missing side is all 0).
struct Difference {
  Row stored, counted;
};
// At most `limit` differences, by key; empty when the table agrees with the sessions.
std::vector<Difference> differences(Connection& db, std::size_t limit = 20);

// Makes the table what the recount gives, in one transaction; the rows it changed.
std::int64_t rebuild(Connection& db);

// The rows `sessions` give on their own (no database: a thread may count them while the
// connection writes something else).
std::vector<Row> count(const std::vector<credit::Credited>& sessions);
// Adds `counted` (count's) for sessions written while the triggers were set aside (a bulk
// import's: credit::credited_after): where a key had sessions before, its shifts are counted
// again from all of them.
void add_counted(Connection& db, const std::vector<Row>& counted);

// The walk-ins and shifts of quarter `period` (Y*10+q) summed over its rows, of `stations` only
// when given.
struct Sums {
  std::int64_t walk_ins = 0, shifts = 0;
};
Sums in_quarter(Connection& db, std::int64_t period,
                const std::optional<std::vector<std::int64_t>>& stations);
// The rows of quarter `period` (of `stations` only when given), by station, volunteer and
// project: f(row); with `by_project` false, each (station, volunteer)'s rows summed into one
// (project 0). `paired_ids`: every station and volunteer id lies in 0..2^32 - 1, and each row's
// two travel as one number (a column less for a PostgreSQL server to send).
void each_in_quarter(Connection& db, std::int64_t period,
                     const std::optional<std::vector<std::int64_t>>& stations, bool by_project,
                     const std::function<void(const Row&)>& f, bool paired_ids = false);

}  // namespace vstation::store::quarter_service
