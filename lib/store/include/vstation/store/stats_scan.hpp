#pragma once
// The session figures of a report (design.md §3.6) from one streamed pass over the credited
// sessions, counted in C++ (issue 17). The SQL of stats.hpp states the same figures one
// aggregation each; it stays the definition the tests compare this pass with, and certificates
// and `migrate` keep using it. Here the database only walks the covering index
// `sessions_credited` (schema version 14) once, from the start of the quarter the span begins
// in (the credit before it comes from credit_totals.hpp) to its last day, and nothing per row
// is kept but one 8-byte (shift, volunteer) key for each rostered session of the report's days:
//   - each local day of the span gets its minutes, walk-ins and rostered sessions;
//   - each volunteer gets their running total (star levels) and first credited day (new
//     volunteers), and a bit per planned range they served in (distinct volunteers);
//   - each planned group (project, category, station, volunteer) gets the same over the group's
//   days,
//     with its distinct volunteers from a sorted, periodically compacted key list;
//   - the (shift, volunteer) keys, sorted afterwards, give the few pairs with more than one
//     session, which are read again so that person-times count each pair once per range and
//     per group;
//   - the shift fill (distinct volunteers per shift of the span, whenever they checked in) comes
//     from each shift's row, where the sessions' triggers keep it (shift_fill.hpp).
// So memory follows the span's rostered sessions (8 bytes each), not its rows, and every range
// asked for is a sum over days.
// Both backends run the same pass: the large reads are Connection::stream (on PostgreSQL a
// server-side cursor fetched in batches, so memory stays bounded there too).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vstation/store/stats.hpp"

namespace vstation::store::stats {
namespace scan {
struct HistoryTotals;
}

// What a report will ask of the pass, known before it reads a row.
struct ScanPlan {
  std::vector<DateRange> ranges;  // totals() of each (they may overlap)
  std::vector<Group> groups;      // by() of each, over `group_days`
  DateRange group_days{};
  // Credit before the span from the maintained totals (credit_totals.hpp), so that only the
  // sessions from the start of the span's quarter are read; false reads every session, as the
  // tests compare.
  bool history_from_totals = true;
  // Two ids to a column in the streams where every id fits in 30 bits; false reads one a column,
  // as the tests compare.
  bool pair_ids = true;
  // Each range asked for its totals alone, apart from every other range and from the group days
  // (a quarter report's previous quarter), read without what places a row in a day or a group
  // (its check-in, station and project): every row of it counts as on its first day; and on a
  // server the shifts of each range apart from every other summed where they are. False reads
  // them as the others, as the tests compare.
  bool narrow_apart = true;
  // A range read narrow that is a whole quarter counted from the maintained quarter totals (with
  // history_from_totals), its sessions read only at its edges. False reads them all, as the tests
  // compare.
  bool quarter_totals = true;
  // One range without groups that holds every credited session of the database (a since-opening
  // report of every station) counted from the maintained totals alone (scan::HistoryTotals), its
  // parts from the day totals. False reads the sessions, as the tests compare.
  bool history_totals = true;
  // Ranges asked only for their credited minutes and shift fill (minutes(), fill_parts()), each
  // within a range of `ranges`: a report's months.
  std::vector<DateRange> parts = {};
  // Parts that are not all among the ranges counted from the day totals (day_totals.hpp) apart
  // from the pass, which then need not place a row in a day of them (a quarter report's range is
  // read narrow, and counted from the quarter totals). False counts them as ranges, as the tests
  // compare.
  bool part_totals = true;
  // The ranges that projects_active() will be asked for (nullopt: every range). A server counts
  // each one's distinct projects apart (a quarter's 1.4 million shifts: 0.3-0.4 s), so a
  // report's months, asked only for their service, are left out.
  std::optional<std::vector<DateRange>> projects_asked = std::nullopt;

  // Whether the groups, all by station, volunteer or project over a whole quarter that is a
  // range apart from the others, are counted from the quarter totals per station and volunteer
  // (and project), as the quarter is (quarter_totals): the quarter is then read narrow, at its
  // edges only.
  [[nodiscard]] bool groups_from_quarter_totals() const;
};

// A helper connection on the pass's snapshot (SharedRead), and what else to read: the pass reads
// the shifts and the totals on it first, on a thread of its own, while it reads the sessions on
// its connection; the `also` reads come next (a report's other figures, each apart so that the
// two connections share them). Whichever connection is free takes the next read, so each of
// `also` runs once, on either. Without a helper, all run on the pass's connection after the
// sessions. The pass ends when all have.
struct Beside {
  Connection* db = nullptr;
  std::vector<std::function<void(Connection&)>> also;
};

class CreditedSessions {
 public:
  // Every credited session of the scope (one station or all) whose local check-in day is on or
  // before `through` (the last day of every planned range). See Beside for the helper.
  CreditedSessions(Connection& db, std::optional<StationId> station, Date through, ScanPlan plan,
                   Beside beside = {});

  // Service totals of the sessions checked in on `days`, one of the planned ranges.
  [[nodiscard]] ServiceTotals totals(DateRange days) const;
  // Service totals by group over the planned group days, ordered by key; `g` was planned.
  [[nodiscard]] std::vector<GroupTotals> by(Connection& db, DateRange days, Group g) const;
  // The credited minutes of `part`, one of the planned ranges or parts.
  [[nodiscard]] std::int64_t minutes(DateRange part) const;
  // Volunteers with a credited session on `days` (within the planned span) and none before.
  [[nodiscard]] std::int64_t new_volunteers(DateRange days) const;
  // Each volunteer's credited minutes through `through` (one value per volunteer with any).
  [[nodiscard]] std::vector<std::int64_t> cumulative() const;
  // Shift fill of each of `parts` (days within the planned span; a range apart from every other
  // planned range only whole) as stats::shift_fill_parts counts it; nothing when the pass did not
  // count it (a one-station scope, whose pass does not see sessions recorded at another station).
  [[nodiscard]] std::optional<std::vector<ShiftFill>> fill_parts(
      const std::vector<DateRange>& parts) const;
  // Projects with an uncancelled shift starting on `days` (a planned range), as
  // stats::projects_active counts them; nothing when the pass did not read the shifts (a
  // one-station scope, as for fill_parts), could not count them, or was not asked to
  // (ScanPlan::projects_asked).
  [[nodiscard]] std::optional<std::int64_t> projects_active(DateRange days) const;

  // Per local day of the span.
  struct Day {
    std::int64_t minutes = 0, walk_ins = 0, rostered = 0;           // credited sessions
    std::int64_t shifts = 0, slots_demanded = 0, slots_filled = 0;  // shifts starting that day
  };
  // Per group member over the group days.
  struct Tally {
    std::int64_t minutes = 0, walk_ins = 0, rostered = 0;
  };
  // A session of a (shift, volunteer) pair that has more than one in the span.
  struct Repeat {
    std::uint32_t pair;       // index of the pair among the repeated ones
    std::int32_t day;         // index into days_
    std::uint32_t station;    // dense index
    std::uint32_t volunteer;  // dense index
    std::uint32_t project;    // dense index, when projects are a planned group
  };
  struct Grouping {  // one per group kind
    bool planned = false;
    std::vector<Tally> tally;             // by member (dense project, station or volunteer index)
    std::vector<std::uint64_t> distinct;  // member << 32 | volunteer, sorted and unique at the end
    std::vector<std::uint32_t> last_member;  // per volunteer, the member of their last key added
    std::vector<std::int64_t>
        volunteers;  // or distinct volunteers per member (categories, volunteers)
    // Each member's rostered person-times count its (shift, volunteer) pairs once already (from
    // the quarter totals): no repeated pair to take off.
    bool pairs_distinct = false;
  };

 private:
  [[nodiscard]] std::int32_t day_index(Date d) const {
    return std::int32_t(d.day_number() - span_.first.day_number());
  }
  [[nodiscard]] std::size_t range_index(DateRange days) const;
  [[nodiscard]] const Grouping& grouping(Group g) const;
  // The pass's answers from the maintained totals (ScanPlan::history_totals), the helper's
  // `then` run beside them (stats_scan_history.cpp).
  void from_history(Connection& db, scan::HistoryTotals history, Beside& beside);
  // Adds a volunteer's figures at a station (on a project: a dense index, when projects are
  // planned) over the group days, from the quarter totals, to the station, volunteer and project
  // groups planned (stats_scan_quarters.cpp).
  void add_keyed(std::uint32_t station, std::uint32_t volunteer, std::uint32_t project,
                 const Tally& figures);

  ScanPlan plan_;
  DateRange span_{};                             // the planned ranges' first day to their last
  std::vector<std::int64_t> station_ids_;        // dense index -> id
  std::vector<std::int64_t> volunteer_ids_;      // dense index -> id
  std::vector<std::int64_t> project_ids_;        // dense index -> id (0: none)
  std::vector<std::uint32_t> project_category_;  // dense project index -> category member
  std::vector<std::string> categories_seen_;     // category member -> code ("" for none)
  struct Person {                        // per volunteer, side by side: one cache line a row
    std::int64_t minutes = 0;            // through `through`
    std::int32_t first_day = INT32_MAX;  // first day index (-1: before the span)
  };
  std::vector<Person> people_;
  std::vector<Day> days_;
  std::vector<std::int64_t> served_;           // per range: distinct volunteers
  std::vector<ServiceTotals> summed_;          // per range: counted from the quarter totals
  std::vector<std::int64_t> projects_active_;  // per range; empty: not counted
  std::vector<Repeat> repeats_;
  Grouping projects_, categories_, stations_, volunteers_;
  bool fill_ = false;
  // Counted from the maintained totals (ScanPlan::history_totals).
  bool from_totals_ = false;
  // The parts' minutes and fill from the day totals (ScanPlan::part_totals, history_totals).
  bool parts_from_days_ = false;
  std::vector<std::int64_t> part_minutes_;
  std::vector<ShiftFill> part_fill_;
};

}  // namespace vstation::store::stats
