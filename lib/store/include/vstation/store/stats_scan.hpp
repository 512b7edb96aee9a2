#pragma once
// The session figures of a report (design.md §3.6) from one streamed pass over the credited
// sessions, counted in C++ (issue 17). The SQL of stats.hpp states the same figures one
// aggregation each; it stays the definition the tests compare this pass with, and certificates
// and `migrate` keep using it. Here the database only walks the covering index
// `sessions_credited` (schema version 14) once, up to the report's last day: the rows of the
// periods asked for are kept (24 bytes each), and every volunteer's running total and whether
// they served before each period are accumulated on the way, so star levels and new volunteers
// need no second pass and no correlated subquery. Distinct (volunteer, shift) pairs and
// distinct volunteers are counted by sorting, not by COUNT(DISTINCT a || ':' || b).
// On PostgreSQL the client library holds a whole result in memory, so there the same answers
// come from the SQL of stats.hpp (the server aggregates; nothing per row is sent).

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "vstation/store/stats.hpp"

namespace vstation::store::stats {

class CreditedSessions {
 public:
  // Every credited session of the scope (one station or all) whose local check-in day is on or
  // before `through`; the rows of the periods `keep` (each ending on or before `through`) are
  // kept for totals and breakdowns.
  CreditedSessions(Connection& db, std::optional<StationId> station, Date through, std::vector<DateRange> keep);

  // Service totals of the sessions checked in on `days` (within one kept period).
  [[nodiscard]] ServiceTotals totals(DateRange days) const;
  // Service totals by group over `days` (within one kept period), ordered by key.
  [[nodiscard]] std::vector<GroupTotals> by(Connection& db, DateRange days, Group g) const;
  // Volunteers with a credited session in kept period `k` and none before its first day.
  [[nodiscard]] std::int64_t new_volunteers(std::size_t k) const;
  // Each volunteer's credited minutes through `through` (one value per volunteer with any).
  [[nodiscard]] std::vector<std::int64_t> cumulative() const;
  // Shift fill of each of `parts` (within the kept periods) as stats::shift_fill_parts counts
  // it, from the pairs the pass saw; nothing when the pass did not count it (PostgreSQL, or a
  // one-station scope, whose pass does not see sessions recorded at another station).
  [[nodiscard]] std::optional<std::vector<ShiftFill>> fill_parts(const std::vector<DateRange>& parts) const;

  struct Row {  // 24 bytes
    std::uint32_t at;         // check-in, seconds after base_[period]
    std::uint32_t shift;      // id; 0: walk-in
    std::uint32_t project;    // id; 0: none
    std::uint32_t volunteer;  // dense index
    std::uint32_t station;    // dense index
    std::uint32_t minutes;
  };

 private:
  // Calls f(row) for each kept row checked in on `days` (within one kept period).
  template <class F>
  void each_on(DateRange days, F f) const;

  Connection* server_ = nullptr;  // PostgreSQL: answer by the SQL of stats.hpp
  std::optional<StationId> station_;
  Date through_;
  std::vector<TimeZone> zones_;              // the scope's time zones
  std::vector<std::int64_t> station_ids_;    // dense index -> id
  std::vector<std::uint32_t> station_zone_;  // dense index -> index in zones_
  std::vector<std::int64_t> volunteer_ids_;  // dense index -> id
  std::vector<std::int64_t> minutes_;        // dense index -> minutes through `through`
  std::vector<std::deque<Row>> kept_;        // per kept period (no reallocation peaks)
  std::vector<DateRange> keep_;
  std::vector<std::int64_t> base_;           // per kept period: its earliest UTC start
  std::vector<std::vector<bool>> before_;    // per kept period: served before its first day
  struct KeptShift {                         // an uncancelled shift starting in a kept period
    std::int64_t starts_at;
    std::uint32_t station;  // dense index; UINT32_MAX: not in scope
    std::uint32_t slots;
    std::uint32_t filled;   // distinct volunteers with credited time on it
  };
  bool fill_ = false;
  std::vector<KeptShift> shifts_;
};

}  // namespace vstation::store::stats
