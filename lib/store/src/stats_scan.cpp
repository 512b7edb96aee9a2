// One streamed pass over the credited sessions of a report (stats_scan.hpp, design.md §3.8).
// The answers the pass gives are in stats_scan_answers.cpp.

#include "vstation/store/stats_scan.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <functional>
#include <future>

#include "stats_scan_parts.hpp"
#include "stats_sql.hpp"
#include "vstation/store/credit_totals.hpp"

namespace vstation::store::stats {
using scan::add_distinct;
using scan::CategoryBits;
using scan::DenseIds;
using scan::finish_distinct;
using scan::small_id;
using scan::SortedKeys;
using scan::split_ids;
using scan::two_ids;

CreditedSessions::CreditedSessions(Connection& db, std::optional<StationId> station, Date through,
                                   ScanPlan plan, Beside beside)
    : plan_(std::move(plan)) {
  if (auto history = scan::HistoryTotals::of(db, station, plan_)) {
    from_history(db, std::move(*history), beside);
    return;
  }
  // Parts that are not all ranges from the day totals (read after the sessions), or counted as
  // ranges, a day at a time. Day numbers count from 1970-01-01 (day_totals.hpp).
  auto is_range = [&](const DateRange& part) {
    return std::find(plan_.ranges.begin(), plan_.ranges.end(), part) != plan_.ranges.end();
  };
  parts_from_days_ = plan_.part_totals && plan_.history_from_totals &&
                     !std::all_of(plan_.parts.begin(), plan_.parts.end(), is_range) &&
                     std::all_of(plan_.parts.begin(), plan_.parts.end(), [](const DateRange& p) {
                       return p.first >= *Date::from_ymd(1970, 1, 3) && p.first <= p.last;
                     });
  for (const DateRange& part : plan_.parts)
    if (!parts_from_days_ && !is_range(part)) plan_.ranges.push_back(part);
  span_ = {through.plus_days(1), through};
  if (!plan_.ranges.empty()) {
    span_ = plan_.ranges.front();
    for (const auto& r : plan_.ranges)
      span_ = {std::min(span_.first, r.first), std::max(span_.last, r.last)};
  }
  const scan::Layout layout(db, station, span_, plan_);
  const std::int32_t span_days = layout.span_days;
  const std::size_t words = layout.words;
  const auto& zones = layout.zones;
  const auto& zone_days = layout.zone_days;
  const auto& station_zone = layout.station_zone;
  const auto& narrow = layout.narrow;
  days_.assign(std::size_t(span_days), {});
  station_ids_ = layout.station_ids;
  std::vector<std::size_t> cursors(zone_days.size(), 0);
  auto station_of = [&](std::int64_t id) { return layout.station_of(id); };

  // Each volunteer's ranges served as a bit mask, as the days' (Layout::day_mask).
  std::vector<std::uint64_t> served_mask;
  served_.assign(plan_.ranges.size(), 0);
  const std::int32_t group_lo = day_index(plan_.group_days.first),
                     group_hi = day_index(plan_.group_days.last);
  for (Group g : plan_.groups) {
    if (g == Group::project) projects_.planned = true;
    if (g == Group::category) categories_.planned = true;
    if (g == Group::station) stations_.planned = true;
    if (g == Group::volunteer) volunteers_.planned = true;
  }
  stations_.tally.assign(station_ids_.size(), {});

  const std::int64_t max_shift = db.scalar("SELECT MAX(id) FROM shifts").value_or(0);
  const std::int64_t max_volunteer = db.scalar("SELECT MAX(id) FROM volunteers").value_or(0);
  const std::int64_t max_project = db.scalar("SELECT MAX(id) FROM projects").value_or(0);
  // Two ids to a column when every id is small enough, with room for a billion more added while
  // the report reads (each further value sent costs the server, and libpq, about as much as a
  // row's own: a PostgreSQL stream of four columns is a fifth faster than one of six). Read on
  // `db`: the helper connection may see other ids.
  constexpr std::int64_t kRoom = std::int64_t(1) << 30;
  auto min_id = [&](const char* table) {
    return db.scalar(std::string("SELECT MIN(id) FROM ") + table).value_or(0);
  };
  const bool paired =
      plan_.pair_ids && max_shift < kRoom && max_volunteer < kRoom && max_project < kRoom &&
      db.scalar("SELECT MAX(id) FROM stations").value_or(0) < kRoom && min_id("stations") >= 0 &&
      min_id("volunteers") >= 0 && min_id("shifts") >= 0 && min_id("projects") >= 0;

  // Shift fill (every station only): each day's uncancelled shifts starting then, their slots
  // and slots filled (each shift's distinct credited volunteers, kept on its row: shift_fill.hpp),
  // and the projects active in each range; read on `beside` while the sessions are read.
  fill_ = zones.every_station && span_days > 0;
  struct Kept {
    scan::ShiftDays shifts;
    // (volunteer id, credited minutes) before the quarter the span begins in, from the scope
    std::vector<std::pair<std::int64_t, std::int64_t>> history;
  };
  // The credit before the quarter the span begins in, from the maintained totals; the sessions
  // are read from that quarter's start (before the span's first local day at every station). A
  // volunteer's history only adds to their minutes and puts their first day before the span, in
  // whatever order it comes, so it is read beside the sessions too.
  std::optional<credit::Quarter> from;
  if (plan_.history_from_totals && !zones.groups.empty()) {
    Instant first = span_.first.start_at(zones.groups.front().zone);
    for (const auto& g : zones.groups) first = std::min(first, span_.first.start_at(g.zone));
    from = credit::quarter_containing(first);
  }
  // The narrow ranges counted from the quarter totals, by their index in `narrow` (none: -1).
  std::vector<scan::QuarterTotals> quarters;
  std::vector<int> narrow_quarter(narrow.size(), -1);
  for (std::size_t k = 0; plan_.quarter_totals && from && k < narrow.size(); ++k)
    if (auto q = scan::QuarterTotals::of(narrow[k])) {
      narrow_quarter[k] = int(quarters.size());
      quarters.push_back(*q);
    }
  auto in_scope = [&](std::int64_t station) { return station_of(station) != UINT32_MAX; };
  // The groups over a quarter from the totals (ScanPlan::groups_from_quarter_totals, as Layout
  // reads it narrow): its tail is read with each row's station, and no narrow row is counted in
  // a group as it comes.
  const bool keyed_groups = plan_.groups_from_quarter_totals() && !zones.groups.empty();
  // The first instant of quarter q's range at a station of the scope (from its zone's days).
  auto first_local = [&](const scan::QuarterTotals& q, std::int64_t station) {
    return zone_days[station_zone[station_of(station)]]
        .starts[std::size_t(day_index(q.days().first))];
  };
  // The shifts, the history and the quarters' minutes, then the helper's other work: on the
  // helper while the sessions are read, the rest on this connection after them.
  Kept kept;
  scan::Chores chores;
  if (fill_)
    chores.add([&](Connection& on) {
      kept.shifts = scan::read_shift_days(on, layout, plan_, max_project, paired);
    });
  if (from)
    chores.add([&](Connection& on) {
      credit::before(on, *from,
                     [&](std::int64_t station, std::int64_t volunteer, std::int64_t minutes) {
                       if (minutes > 0 && station_of(station) != UINT32_MAX)
                         kept.history.emplace_back(volunteer, minutes);
                     });
    });
  for (auto& q : quarters)
    chores.add([&q, &in_scope](Connection& on) { q.read_minutes(on, in_scope); });
  for (auto& read : beside.also) chores.add(std::move(read));
  std::future<void> helper_done;
  if (beside.db) helper_done = std::async(std::launch::async, [&] { chores.run(*beside.db); });

  Grouping* groupings[] = {&projects_, &categories_, &stations_, &volunteers_};
  CategoryBits categories;
  // shift << 32 | volunteer of each rostered session in the span (shift ids to MAX(id); a
  // shift added since then goes in the last bucket, still in order)
  SortedKeys pairs(std::uint64_t(std::max<std::int64_t>(max_shift, 0)) << 32);
  DenseIds volunteers(max_volunteer);
  if (volunteers.identity(max_volunteer, volunteer_ids_)) {
    people_.assign(volunteer_ids_.size(), {});
    served_mask.assign(volunteer_ids_.size() * words, 0);
  }
  auto dense_volunteer = [&](std::int64_t id) {
    auto [v, fresh] = volunteers.of(id, volunteer_ids_);
    if (fresh) {
      people_.push_back({});
      served_mask.resize(served_mask.size() + words, 0);
    }
    return v;
  };
  DenseIds projects(max_project);
  // Only categories planned (an HTML report plans them): each project id's category member
  // straight from a flat table, without a dense project index.
  std::vector<std::uint16_t> category_by_id;
  // Project 0 (none) is member 0 of both; each project's category is read once, and only when
  // categories are asked: projects alone are made dense as they come (a district has many more
  // projects than a quarter's sessions name).
  if (projects_.planned || categories_.planned) projects.of(0, project_ids_);
  if (categories_.planned) {
    categories_seen_.push_back("");
    project_category_.push_back(0);
    // Categories are few: found by comparing the row's text in place, no string made a row.
    std::uint32_t last = 0;
    auto add = [&](std::int64_t id, std::string_view category) {
      if (categories_seen_[last] != category) {
        last = std::uint32_t(
            std::find(categories_seen_.begin(), categories_seen_.end(), category) -
            categories_seen_.begin());
        if (last == categories_seen_.size()) categories_seen_.emplace_back(category);
      }
      if (projects.of(id, project_ids_).second) project_category_.push_back(last);
    };
    if (db.backend() == "postgresql") {
      // A row per category with its projects' ids in one text: a district's 658,000 projects
      // sent one row each cost the server and libpq a row's round of work apiece (0.42 s
      // against 0.19 s for the same ids in nine rows).
      auto q =
          db.stream("SELECT category, string_agg(id::text, ',') FROM projects GROUP BY category");
      while (q->next()) {
        std::string_view category = q->text(0), ids = q->text(1);
        for (const char *p = ids.data(), *end = p + ids.size(); p < end; ++p) {
          std::int64_t id = 0;
          p = std::from_chars(p, end, id).ptr;
          add(id, category);
        }
      }
    } else {
      auto q = db.stream("SELECT id, category FROM projects");
      while (q->next()) add(q->i64(0), q->text(1));
    }
    if (!projects_.planned && categories_seen_.size() < UINT16_MAX && max_project >= 0 &&
        max_project < (std::int64_t(1) << 24) &&
        project_ids_.size() <= std::size_t(max_project) + 1) {
      category_by_id.assign(std::size_t(max_project) + 1, 0);
      for (std::size_t p = 0; p < project_ids_.size(); ++p)
        if (project_ids_[p] >= 0 && project_ids_[p] <= max_project)
          category_by_id[std::size_t(project_ids_[p])] = std::uint16_t(project_category_[p]);
    }
  }
  auto category_of = [&](std::uint32_t p) {
    return p < project_category_.size() ? project_category_[p] : 0;
  };
  // Rows are read a batch at a time, then counted: a volunteer's sums are a cache miss each
  // (rows come in time order), so those of the rows a little ahead are fetched meanwhile.
  struct Row {
    std::int64_t minutes;
    std::int32_t day;  // index into days_ (-1: before the span)
    std::uint32_t station, volunteer, shift, project;
  };
  constexpr std::size_t kBatch = 256, kAhead = 8;
  std::vector<Row> batch;
  batch.reserve(kBatch);
  bool into_groups = false;  // not while the narrow ranges are read
  auto count_row = [&](const Row& row) {
    const std::uint32_t st = row.station, v = row.volunteer, shift = row.shift;
    const std::int64_t minutes = row.minutes;
    const std::int32_t d = row.day;
    Person& person = people_[v];
    person.minutes += minutes;
    person.first_day = std::min(person.first_day, std::max(d, -1));
    if (d < 0 || d >= span_days) return;
    Day& day = days_[std::size_t(d)];
    day.minutes += minutes;
    ++(shift == 0 ? day.walk_ins : day.rostered);
    for (std::size_t w = 0; w < words; ++w) {
      std::uint64_t fresh_ranges =
          layout.day_mask[std::size_t(d) * words + w] & ~served_mask[v * words + w];
      served_mask[v * words + w] |= fresh_ranges;
      for (; fresh_ranges != 0; fresh_ranges &= fresh_ranges - 1)
        ++served_[w * 64 + std::size_t(std::countr_zero(fresh_ranges))];
    }
    if (shift != 0) pairs.add(std::uint64_t(shift) << 32 | v);
    if (d < group_lo || d > group_hi || !into_groups) return;
    auto count = [&](std::size_t gi, std::uint32_t member) {
      Grouping& g = *groupings[gi];
      if (member >= g.tally.size()) g.tally.resize(member + 1);
      Tally& t = g.tally[member];
      t.minutes += minutes;
      ++(shift == 0 ? t.walk_ins : t.rostered);
      if (gi == 1)
        categories.add(member, v);  // few members: a bit per volunteer
      else if (gi != 3) {  // volunteers: one each
        // A volunteer's sessions mostly stay with one station or project: a key only when the
        // member changes from their last one, so far fewer keys to sort at the end.
        if (v >= g.last_member.size()) g.last_member.resize(std::size_t(v) + 1, UINT32_MAX);
        if (g.last_member[v] != member) {
          g.last_member[v] = member;
          add_distinct(g.distinct, std::uint64_t(member) << 32 | v);
        }
      }
    };
    if (!category_by_id.empty()) {
      std::uint32_t id = row.project;
      count(1, id < category_by_id.size() ? category_by_id[id]
                                          : category_of(projects.of(id, project_ids_).first));
    } else if (projects_.planned || categories_.planned) {
      std::uint32_t p = projects.of(row.project, project_ids_).first;
      if (projects_.planned) count(0, p);
      if (categories_.planned) count(1, category_of(p));
    }
    if (stations_.planned) count(2, st);
    if (volunteers_.planned) count(3, v);
  };
  // Counts a stream's rows, `row_of` making each a Row (false: left out).
  auto count_rows = [&](Rows& r, auto row_of) {
    for (bool more = true; more;) {
      batch.clear();
      Row row;
      while (batch.size() < kBatch && (more = r.next()))
        if (row_of(r, row)) batch.push_back(row);
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (i + kAhead < batch.size()) {
          std::uint32_t ahead = batch[i + kAhead].volunteer;
          __builtin_prefetch(&people_[ahead], 1);
          __builtin_prefetch(&served_mask[std::size_t(ahead) * words], 1);
        }
        count_row(batch[i]);
      }
    }
  };
  // The narrow ranges: each row counts on the range's first day, its station and project not
  // read (they only place a row in a group, and the group days lie elsewhere, or are a quarter
  // whose groups come from the totals: its tail's stations are read for them).
  std::vector<std::vector<scan::QuarterTotals::Edge>> tails(quarters.size());
  for (std::size_t k = 0; k < narrow.size(); ++k) {
    const DateRange& n = narrow[k];
    auto* tail = narrow_quarter[k] < 0 ? nullptr : &tails[std::size_t(narrow_quarter[k])];
    // A quarter from the totals: its tail only, from the UTC+14 quarter's end (one lower bound,
    // for the index).
    std::vector<Value> a;
    std::string w =
        detail::local_range("s.eff_in", "s.station_id", zones,
                            tail ? std::nullopt : std::optional(n.first), n.last.plus_days(1), a);
    if (tail) {
      w += " AND s.eff_in >= ?";
      a.emplace_back(quarters[std::size_t(narrow_quarter[k])].ends().seconds);
    }
    const bool keyed = tail && keyed_groups && n == plan_.group_days;
    const bool keyed_project = keyed && projects_.planned;
    auto r = db.stream_whole("SELECT s.credited_min, " +
                                 (paired ? two_ids("COALESCE(s.shift_id, 0)", "s.volunteer_id")
                                         : std::string("COALESCE(s.shift_id, 0), s.volunteer_id")) +
                                 (keyed ? ", s.station_id" : "") +
                                 (keyed_project ? ", COALESCE(s.project_id, 0)" : "") +
                                 " FROM sessions s WHERE s.credited_min > 0 AND " + w,
                             std::move(a));
    count_rows(*r, [&, day = day_index(n.first)](Rows& q, Row& row) {
      auto [shift, volunteer] = paired ? split_ids(q.i64(1)) : std::pair{q.i64(1), q.i64(2)};
      const int at = paired ? 2 : 3;  // the station's column, the project's after it
      if (tail)
        tail->push_back({keyed ? q.i64(at) : 0, volunteer, q.i64(0), shift,
                         keyed_project ? q.i64(at + 1) : 0});
      row = {q.i64(0), day, 0, dense_volunteer(volunteer), small_id(shift), 0};
      return true;
    });
  }
  // The rest, from the quarter the history ends with (or the first session) to `through`.
  std::vector<Value> args;
  const std::string select = layout.over_stretches(
      "SELECT s.eff_in, s.credited_min, " +
          (paired ? two_ids("s.station_id", "s.volunteer_id") + ", " +
                        two_ids("COALESCE(s.shift_id, 0)", "COALESCE(s.project_id, 0)")
                  : std::string("s.station_id, s.volunteer_id, COALESCE(s.shift_id, 0), "
                                "COALESCE(s.project_id, 0)")) +
          " FROM sessions s WHERE s.credited_min > 0 AND ",
      "s.eff_in", "s.station_id", std::nullopt, through.plus_days(1), args,
      [&](std::vector<Value>& a) {
        if (!from) return std::string();
        a.emplace_back(from->begins.seconds);
        return std::string(" AND s.eff_in >= ?");
      });
  into_groups = true;
  count_rows(*db.stream_whole(select, std::move(args)), [&](Rows& q, Row& row) {
    auto [station, volunteer] = paired ? split_ids(q.i64(2)) : std::pair{q.i64(2), q.i64(3)};
    auto [shift, project] = paired ? split_ids(q.i64(3)) : std::pair{q.i64(4), q.i64(5)};
    std::uint32_t st = station_of(station);
    if (st == UINT32_MAX) return false;  // a station added since the zones were read
    std::uint32_t z = station_zone[st];
    row = {q.i64(1),
           zone_days[z].day_of(q.i64(0), cursors[z]),
           st,
           dense_volunteer(volunteer),
           small_id(shift),
           small_id(project)};
    return true;
  });
  for (Grouping* g : groupings) {
    finish_distinct(g->distinct);
    g->last_member = {};
  }
  categories_.volunteers = std::move(categories.volunteers);
  // The quarters' walk-ins, shifts and heads and the parts on this connection, then the chores
  // the helper has not taken; the helper is then free for the pairs.
  for (auto& q : quarters)
    q.read_service(db, zones, keyed_groups && q.days() == plan_.group_days, projects_.planned,
                   paired);
  if (parts_from_days_) {
    auto parts = scan::part_totals(db, zones, plan_.parts);
    part_minutes_ = std::move(parts.minutes);
    part_fill_ = std::move(parts.fill);
  }
  chores.run(db);
  if (beside.db) helper_done.get();
  for (const auto& [volunteer, minutes] : kept.history) {
    Person& p = people_[dense_volunteer(volunteer)];
    p.minutes += minutes;
    p.first_day = -1;
  }
  kept.history = {};
  stations_.pairs_distinct = volunteers_.pairs_distinct = projects_.pairs_distinct = keyed_groups;
  // Inside the quarters from the totals: their sums, and each volunteer there.
  summed_.assign(plan_.ranges.size(), {});
  for (std::size_t k = 0; k < quarters.size(); ++k) {
    const scan::QuarterTotals& q = quarters[k];
    const std::size_t r = range_index(q.days());
    auto inside = q.finish(
        db, std::move(tails[k]), [&](std::int64_t station) { return first_local(q, station); },
        [&](const scan::QuarterTotals::Keyed& key) {
          const std::uint32_t project =
              projects_.planned ? projects.of(small_id(key.project), project_ids_).first : 0;
          if (std::uint32_t st = station_of(key.station); st != UINT32_MAX)
            add_keyed(st, dense_volunteer(key.volunteer), project,
                      {key.minutes, key.walk_ins, key.shifts});
        });
    summed_[r] = inside.totals;
    for (const auto& [volunteer, minutes] : inside.minutes) {
      const std::uint32_t v = dense_volunteer(volunteer);
      Person& p = people_[v];
      p.minutes += minutes;
      if (minutes <= 0) continue;
      p.first_day = std::min(p.first_day, day_index(q.days().first));
      std::uint64_t& word = served_mask[std::size_t(v) * words + r / 64];
      const std::uint64_t bit = std::uint64_t(1) << (r % 64);
      if (!(word & bit)) word |= bit, ++served_[r];
    }
  }
  if (keyed_groups) {
    finish_distinct(stations_.distinct);
    finish_distinct(projects_.distinct);
  }
  for (const Tally& t : volunteers_.tally)
    volunteers_.volunteers.push_back(t.walk_ins + t.rostered > 0 ? 1 : 0);
  projects_active_ = std::move(kept.shifts.projects_active);
  for (std::size_t d = 0; d < kept.shifts.fill.size(); ++d) {
    days_[d].shifts = kept.shifts.fill[d].shifts;
    days_[d].slots_demanded = kept.shifts.fill[d].slots_demanded;
    days_[d].slots_filled = kept.shifts.fill[d].slots_filled;
  }
  // The pairs sorted: a volunteer checked in twice on one shift in the span.
  std::vector<std::uint64_t> repeated;
  std::uint64_t last = UINT64_MAX;
  pairs.each([&](std::uint64_t k) {
    if (k == last && (repeated.empty() || repeated.back() != k)) repeated.push_back(k);
    last = k;
  });

  // The sessions of repeated pairs, read again (scan::pair_sessions): person-times count a
  // pair once per range and per group, whatever its number of sessions there. With a helper, it
  // reads the second half of the pairs while this connection reads the first.
  std::vector<std::pair<std::int64_t, std::int64_t>> repeated_ids;  // (shift id, volunteer id)
  repeated_ids.reserve(repeated.size());
  for (std::uint64_t k : repeated)
    repeated_ids.emplace_back(std::int64_t(k >> 32), volunteer_ids_[std::uint32_t(k)]);
  auto found = scan::repeated_sessions(
      db, beside.db, layout, repeated_ids, [&](std::int64_t station, std::int64_t at) {
        return std::any_of(quarters.begin(), quarters.end(), [&](const scan::QuarterTotals& q) {
          return q.is_inside(first_local(q, station), at);
        });
      });
  for (const scan::RepeatFound& f : found) {
    std::uint32_t project = projects_.planned || categories_.planned
                                ? projects.of(small_id(f.project), project_ids_).first
                                : 0;
    repeats_.push_back({f.pair, f.day, f.station, std::uint32_t(repeated[f.pair]), project});
  }
}

}  // namespace vstation::store::stats
