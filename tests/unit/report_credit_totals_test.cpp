// The maintained credit totals (store/credit_totals.hpp): their periods, the triggers that keep
// them through every kind of change on both backends, the check and rebuild, and the report
// pass reading history from them giving exactly what it gives reading every session.

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "report_compare.hpp"
#include "store_fixture.hpp"
#include "vstation/report/model.hpp"
#include "vstation/store/checks.hpp"
#include "vstation/store/credit_totals.hpp"
#include "vstation/store/day_totals.hpp"
#include "vstation/store/project_shifts.hpp"
#include "vstation/store/quarter_service.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/stats_scan.hpp"

using namespace vstation;
using store::params;
namespace credit = store::credit;
namespace quarter_service = store::quarter_service;
namespace day_totals = store::day_totals;
namespace project_shifts = store::project_shifts;
namespace stats = store::stats;

namespace {

Instant utc(const char* text) {
  return parse_instant(text, UtcOffset{0});
}

// Three stations (UTC+8, UTC-5, UTC+14), 40 volunteers, shifts and sessions over six quarters:
// walk-ins, split sessions of one shift, forgotten check-outs, rejected ones, and sessions
// checked in days before their shift began (an import may name any shift of the station).
struct Data {
  std::vector<Station> stations;
  std::vector<Volunteer> volunteers;
};

Data fill(store::Connection& db) {
  Data d;
  const int offsets[] = {480, -300, 840};
  for (int i = 0; i < 3; ++i) {
    Station st;
    st.code = "s" + std::to_string(i);
    st.name = "站" + std::to_string(i);
    st.zone = UtcOffset{offsets[i]};
    st.id = store::stations::insert(db, st);
    d.stations.push_back(st);
  }
  for (int i = 0; i < 40; ++i) {
    Volunteer v;
    v.number = "V" + std::to_string(100 + i);
    v.name = "志愿者" + std::to_string(i);
    v.join_date = parse_date("2023-01-01");
    v.id = store::volunteers::insert(db, v);
    d.volunteers.push_back(v);
  }
  std::mt19937 rng(20231117);
  auto pick = [&](int n) { return int(rng() % unsigned(n)); };
  const Instant first = utc("2023-01-01T00:00");
  for (int k = 0; k < 400; ++k) {
    int s = pick(3);
    const Station& st = d.stations[std::size_t(s)];
    Shift sh;
    sh.station = st.id;
    Project p;  // a project each: the shifts of one project may not overlap
    p.code = "p" + std::to_string(k);
    p.station = st.id;
    p.name = p.code;
    p.category = pick(3) == 0 ? Category::traffic_persuasion : Category::emergency_aid;
    p.published = p.starts = parse_date("2023-01-01");
    p.id = store::projects::insert(db, p);
    sh.project = p.id;
    // Starts at any quarter hour of 540 days, many near local midnight and period edges.
    Instant begin{first.seconds + std::int64_t(pick(540 * 96)) * 900};
    sh.time = {begin, begin.plus_minutes(60 + 30 * pick(6))};
    sh.slots = 1 + pick(3);
    sh.cancelled = pick(15) == 0;
    sh.id = store::shifts::insert(db, sh);
    for (int j = pick(4); j >= 0; --j) {
      Session se;
      se.volunteer = d.volunteers[std::size_t(pick(40))].id;
      se.station = st.id;
      if (pick(4) != 0) {
        se.shift = sh.id;
        se.project = sh.project;
      }
      std::int64_t early = pick(12) == 0 ? -std::int64_t(pick(30)) * 86400 : 0;  // days before
      se.raw_in = se.effective_in = Instant{begin.seconds + early + std::int64_t(pick(8)) * 600};
      int minutes = 20 + pick(200);
      se.raw_out = se.effective_out = se.raw_in.plus_minutes(minutes);
      int kind = pick(10);
      se.status = kind == 0   ? SessionStatus::auto_closed
                  : kind == 1 ? SessionStatus::rejected
                              : SessionStatus::closed;
      se.credited_minutes = se.status == SessionStatus::closed ? minutes : 0;
      store::sessions::insert(db, se);
      if (se.shift && pick(5) == 0) {  // the same volunteer again on the same shift
        se.raw_in = se.effective_in = se.raw_out->plus_minutes(5);
        se.raw_out = se.effective_out = se.raw_in.plus_minutes(30);
        se.credited_minutes = 30;
        se.status = SessionStatus::closed;
        store::sessions::insert(db, se);
      }
    }
  }
  // At each quarter's edge, between midnight at UTC+14 and local midnight (hours the quarter
  // totals count in the next quarter while the station's local day is still in the last): a
  // pair with a session on either side, a pair twice in the window, a pair from before it into
  // it (and twice in it), and a walk-in.
  int k = 0;
  for (const char* edge : {"2023-04-01", "2023-07-01", "2023-10-01", "2024-01-01", "2024-04-01"})
    for (int s : {0, 1}) {
      const Station& st = d.stations[std::size_t(s)];
      const Instant local = parse_date(edge).start_at(st.zone);
      const Instant window{parse_date(edge).start_at(UtcOffset{840}).seconds + 3600};
      Project p;
      p.code = "edge" + std::to_string(k++);
      p.station = st.id;
      p.name = p.code;
      p.category = Category::emergency_aid;
      p.published = p.starts = parse_date("2023-01-01");
      p.id = store::projects::insert(db, p);
      Shift sh;
      sh.station = st.id;
      sh.project = p.id;
      sh.time = {Instant{window.seconds - 3 * 3600}, Instant{local.seconds + 4 * 3600}};
      sh.slots = 3;
      sh.id = store::shifts::insert(db, sh);
      auto add = [&](std::size_t volunteer, Instant in, bool rostered) {
        Session se;
        se.volunteer = d.volunteers[volunteer].id;
        se.station = st.id;
        if (rostered) {
          se.shift = sh.id;
          se.project = sh.project;
        }
        se.raw_in = se.effective_in = in;
        se.raw_out = se.effective_out = in.plus_minutes(30);
        se.status = SessionStatus::closed;
        se.credited_minutes = 30;
        store::sessions::insert(db, se);
      };
      const std::size_t v = std::size_t(3 * k) % 36;
      add(v, window, true);
      add(v, Instant{local.seconds + 3600}, true);
      add(v + 1, Instant{window.seconds + 600}, true);
      add(v + 1, Instant{window.seconds + 2400}, true);
      add(v + 2, Instant{window.seconds - 2 * 3600}, true);
      add(v + 2, Instant{window.seconds + 1200}, true);
      add(v + 2, Instant{window.seconds + 2700}, true);  // twice at the edge, once inside
      add(v + 3, Instant{window.seconds + 1800}, false);
    }
  return d;
}

// Two passes' totals of each of `ranges` (planned by both), and their running totals.
void same_ranges(const stats::CreditedSessions& a, const stats::CreditedSessions& b,
                 const std::vector<DateRange>& ranges) {
  for (const auto& r : ranges) {
    CAPTURE(r.first.iso());
    CAPTURE(r.last.iso());
    auto x = a.totals(r), y = b.totals(r);
    CHECK(x.person_times == y.person_times);
    CHECK(x.walk_ins == y.walk_ins);
    CHECK(x.volunteers == y.volunteers);
    CHECK(x.credited_minutes == y.credited_minutes);
    CHECK(a.new_volunteers(r) == b.new_volunteers(r));
    CHECK(a.projects_active(r) == b.projects_active(r));
  }
  auto ca = a.cumulative(), cb = b.cumulative();
  std::sort(ca.begin(), ca.end());
  std::sort(cb.begin(), cb.end());
  CHECK(ca == cb);
}

// The pass two ways: history from the credit totals and two ids to a column in its streams,
// against every session read and one id a column.
void same_pass(store::Connection& db, std::optional<StationId> scope, Date through,
               stats::ScanPlan plan, const std::vector<DateRange>& parts) {
  plan.history_from_totals = true;
  stats::CreditedSessions a(db, scope, through, plan);
  plan.history_from_totals = false;
  plan.pair_ids = false;        // and the ids one a column
  plan.narrow_apart = false;    // and every range read whole
  plan.quarter_totals = false;  // and no quarter from the totals
  stats::CreditedSessions b(db, scope, through, plan);
  same_ranges(a, b, plan.ranges);
  auto fa = a.fill_parts(parts), fb = b.fill_parts(parts);
  REQUIRE(fa.has_value() == fb.has_value());
  if (fa) compare::same_fill(*fa, *fb);
  for (auto g : plan.groups)
    compare::same_groups(a.by(db, plan.group_days, g), b.by(db, plan.group_days, g));
}

}  // namespace

TEST_CASE("credit periods: the UTC calendar 14 hours ahead, years and quarters") {
  CHECK(credit::periods_of(utc("2024-03-31T09:59")).quarter == 20241);
  CHECK(credit::periods_of(utc("2024-03-31T10:00")).quarter == 20242);  // midnight at UTC+14
  CHECK(credit::periods_of(utc("2024-12-31T10:00")).year == 2025);
  CHECK(credit::periods_of(utc("2024-12-31T09:59")).year == 2024);
  auto q = credit::quarter_containing(utc("2024-05-20T00:00"));
  CHECK(q.year == 2024);
  CHECK(q.quarter == 2);
  CHECK(q.begins == utc("2024-03-31T10:00"));
  // A period begins no later than its first local day anywhere: 1 April starts at UTC+14 first.
  for (int minutes : {840, 480, 0, -300, -720}) {
    Instant local_midnight = parse_date("2024-04-01").start_at(UtcOffset{minutes});
    CHECK(credit::quarter_containing(local_midnight).begins <= local_midnight);
    CHECK(credit::quarter_containing(local_midnight).quarter == 2);
  }
  CHECK(credit::quarter_containing(utc("1969-12-31T09:00")).begins == utc("1969-09-30T10:00"));
  CHECK(credit::period_label(2023) == "2023");
  CHECK(credit::period_label(20232) == "2023Q2");
}

TEST_CASE(
    "the credit totals follow every change to the sessions, and check and recount see to them") {
  TempDb t;
  auto& db = *t.db;
  Data d = fill(db);
  REQUIRE(!credit::recount(db).empty());
  CHECK(credit::differences(db).empty());  // the triggers kept them as the sessions came
  REQUIRE(!quarter_service::recount(db).empty());
  REQUIRE(!day_totals::recount(db).empty());
  CHECK(quarter_service::differences(db).empty());
  CHECK(day_totals::differences(db).empty());

  // Each kind of change a session goes through, near the quarter edge (UTC+14 midnight).
  auto ids = [&](const char* where) {
    std::vector<std::int64_t> out;
    auto r = db.query(std::string("SELECT id FROM sessions WHERE ") + where + " ORDER BY id");
    while (r->next()) out.push_back(r->i64(0));
    return out;
  };
  auto credited = ids("credited_min > 0");
  auto uncredited = ids("credited_min = 0");
  REQUIRE(credited.size() > 10);
  REQUIRE(uncredited.size() > 2);
  db.execute("UPDATE sessions SET credited_min = credited_min + 7 WHERE id = ?",
             params(credited[0]));
  db.execute("UPDATE sessions SET credited_min = 0, status = 'rejected' WHERE id = ?",
             params(credited[1]));
  db.execute("UPDATE sessions SET credited_min = 55, status = 'confirmed' WHERE id = ?",
             params(uncredited[0]));
  auto move_in = [&](const char* at, std::int64_t id) {
    std::int64_t in = utc(at).seconds;
    db.execute("UPDATE sessions SET eff_in = ?, eff_out = ? WHERE id = ?",
               params(in, in + 3600, id));
  };
  move_in("2023-06-30T09:59", credited[2]);  // the quarter before UTC+14's 1 July
  move_in("2023-06-30T10:00", credited[3]);  // the quarter after
  db.execute("UPDATE sessions SET volunteer_id = ? WHERE id = ?",
             params(d.volunteers[7].id.value, credited[4]));
  db.execute("UPDATE sessions SET station_id = ?, shift_id = NULL, project_id = NULL WHERE id = ?",
             params(d.stations[2].id.value, credited[5]));
  db.execute("UPDATE sessions SET note = 'seen' WHERE id = ?",
             params(credited[6]));  // no credit change
  db.execute("DELETE FROM sessions WHERE id = ?", params(credited[7]));
  db.execute("DELETE FROM sessions WHERE id = ?", params(uncredited[1]));
  // A pair with two credited sessions: one taken away (the shift still served), then moved to
  // another shift of its station and back to a walk-in's none.
  auto twice = db.query(
      "SELECT MIN(id), MAX(id) FROM sessions WHERE credited_min > 0 AND shift_id IS NOT NULL "
      "GROUP BY shift_id, volunteer_id HAVING COUNT(*) > 1 ORDER BY MIN(id) LIMIT 2");
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
  while (twice->next()) pairs.emplace_back(twice->i64(0), twice->i64(1));
  REQUIRE(pairs.size() == 2);
  db.execute("DELETE FROM sessions WHERE id = ?", params(pairs[0].second));
  CHECK(quarter_service::differences(db).empty());
  CHECK(day_totals::differences(db).empty());
  db.execute(
      "UPDATE sessions SET shift_id = (SELECT MAX(sh.id) FROM shifts sh WHERE sh.station_id = "
      "sessions.station_id) WHERE id = ?",
      params(pairs[1].first));
  CHECK(quarter_service::differences(db).empty());
  CHECK(day_totals::differences(db).empty());
  db.execute("UPDATE sessions SET shift_id = NULL, project_id = NULL WHERE id = ?",
             params(pairs[1].second));
  CHECK(credit::differences(db).empty());
  CHECK(quarter_service::differences(db).empty());
  CHECK(day_totals::differences(db).empty());
  // A walk-in's project named, and a shift's project corrected with its sessions (the shift's
  // pairs move to the other project's rows).
  db.execute(
      "UPDATE sessions SET project_id = (SELECT MIN(id) FROM projects) WHERE id = (SELECT MIN(id) "
      "FROM sessions WHERE credited_min > 0 AND shift_id IS NULL)");
  CHECK(quarter_service::differences(db).empty());
  const std::int64_t moved = *db.scalar(
      "SELECT MIN(shift_id) FROM sessions WHERE credited_min > 0 AND shift_id IS NOT NULL");
  db.execute(
      "UPDATE shifts SET project_id = (SELECT MAX(id) FROM projects WHERE id <> shifts.project_id) "
      "WHERE id = ?",
      params(moved));
  db.execute(
      "UPDATE sessions SET project_id = (SELECT project_id FROM shifts WHERE id = ?) WHERE "
      "shift_id = ?",
      params(moved, moved));
  CHECK(quarter_service::differences(db).empty());

  // The quarter totals changed behind the triggers' back: found, named, and rebuilt.
  db.execute(
      "UPDATE quarter_service SET shifts = shifts + 1 WHERE period = "
      "(SELECT MIN(period) FROM quarter_service)");
  db.execute(
      "DELETE FROM quarter_service WHERE period = (SELECT MAX(period) FROM quarter_service)");
  auto quarter_diffs = quarter_service::differences(db, 1000);
  REQUIRE(quarter_diffs.size() >= 2);
  auto quarter_problems = store::checks::invariants(db).problems;
  CHECK(std::any_of(quarter_problems.begin(), quarter_problems.end(), [](const Text& p) {
    return p.render(Lang::en).find("quarter totals") != std::string::npos;
  }));
  CHECK(quarter_service::rebuild(db) == std::int64_t(quarter_diffs.size()));
  CHECK(quarter_service::differences(db).empty());

  // The day totals too, and the shifts' changes reach them: a shift cancelled, one moved to
  // another day and station, one's slots cut below its volunteers, one taken away.
  CHECK(day_totals::differences(db).empty());
  auto shift_ids = [&](const char* where) {
    std::vector<std::int64_t> out;
    auto r = db.query(std::string("SELECT id FROM shifts WHERE ") + where + " ORDER BY id");
    while (r->next()) out.push_back(r->i64(0));
    return out;
  };
  auto filled = shift_ids("credited_volunteers > 1 AND cancelled = 0");
  auto empty = shift_ids(
      "credited_volunteers = 0 AND id NOT IN (SELECT shift_id FROM sessions "
      "WHERE shift_id IS NOT NULL) AND id NOT IN (SELECT shift_id FROM "
      "shift_minimums) AND id NOT IN (SELECT shift_id FROM assignments)");
  REQUIRE(filled.size() >= 3);
  REQUIRE(empty.size() >= 2);
  db.execute("UPDATE shifts SET cancelled = 1 WHERE id = ?", params(filled[0]));
  db.execute(
      "UPDATE shifts SET starts_at = starts_at + 86400 * 3 + 3600, ends_at = ends_at + "
      "86400 * 3 + 3600, station_id = ? WHERE id = ?",
      params(d.stations[1].id.value, filled[1]));
  db.execute("UPDATE shifts SET slots = 1 WHERE id = ?", params(filled[2]));
  db.execute("DELETE FROM shifts WHERE id = ?", params(empty[0]));
  CHECK(day_totals::differences(db).empty());
  db.execute("UPDATE shifts SET cancelled = 0 WHERE id = ?", params(filled[0]));
  CHECK(day_totals::differences(db).empty());

  // Each project's uncancelled shifts through the same changes, and a shift moved to another
  // project while uncancelled, while cancelled, and cancelled as it moves.
  REQUIRE(project_shifts::differences(db).empty());
  REQUIRE(*db.scalar("SELECT COUNT(*) FROM project_shifts WHERE uncancelled > 0") > 100);
  const auto other = *db.scalar("SELECT MAX(id) FROM projects");
  db.execute("UPDATE shifts SET project_id = ? WHERE id = ?", params(other, filled[2]));
  CHECK(project_shifts::differences(db).empty());
  db.execute("UPDATE shifts SET cancelled = 1 WHERE id = ?", params(filled[2]));
  db.execute("UPDATE shifts SET project_id = ? WHERE id = ?", params(other - 1, filled[2]));
  CHECK(project_shifts::differences(db).empty());
  db.execute("UPDATE shifts SET cancelled = 0, project_id = ? WHERE id = ?",
             params(other, filled[2]));
  db.execute("UPDATE shifts SET cancelled = 1, project_id = ? WHERE id = ?",
             params(other - 2, filled[1]));
  CHECK(project_shifts::differences(db).empty());
  db.execute("DELETE FROM shifts WHERE id = ?", params(empty.at(1)));
  CHECK(project_shifts::differences(db).empty());
  db.execute(
      "UPDATE project_shifts SET uncancelled = uncancelled + 2 WHERE project_id = (SELECT "
      "MIN(project_id) FROM project_shifts)");
  db.execute("DELETE FROM project_shifts WHERE project_id = ?", params(other));
  auto project_diffs = project_shifts::differences(db, 1000);
  REQUIRE(project_diffs.size() == 2);
  CHECK(project_diffs[0].stored == project_diffs[0].counted + 2);
  CHECK(project_diffs[1].project == other);
  CHECK(project_diffs[1].stored == 0);
  CHECK(project_diffs[1].counted ==
        *db.scalar("SELECT COUNT(*) FROM shifts WHERE cancelled = 0 AND project_id = ?",
                   params(other)));
  CHECK(project_diffs[1].counted >= 2);
  auto project_problems = store::checks::invariants(db).problems;
  CHECK(std::any_of(project_problems.begin(), project_problems.end(), [](const Text& p) {
    return p.render(Lang::en).find("project totals") != std::string::npos;
  }));
  CHECK(project_shifts::rebuild(db) == 2);
  CHECK(project_shifts::differences(db).empty());
  db.execute(
      "UPDATE day_totals SET filled = filled + 1 WHERE day = (SELECT MIN(day) FROM "
      "day_totals)");
  db.execute("DELETE FROM day_totals WHERE day = (SELECT MAX(day) FROM day_totals)");
  auto day_diffs = day_totals::differences(db, 1000);
  REQUIRE(day_diffs.size() == 2);
  auto day_problems = store::checks::invariants(db).problems;
  CHECK(std::any_of(day_problems.begin(), day_problems.end(), [](const Text& p) {
    return p.render(Lang::en).find("day totals") != std::string::npos;
  }));
  CHECK(day_totals::rebuild(db) == 2);
  CHECK(day_totals::differences(db).empty());

  // Changed behind the triggers' back: found, named, and rebuilt.
  db.execute(
      "UPDATE credit_totals SET minutes = minutes + 1 WHERE period = "
      "(SELECT MIN(period) FROM credit_totals WHERE period > 10000)");
  db.execute("DELETE FROM credit_totals WHERE period = (SELECT MAX(period) FROM credit_totals)");
  db.execute(
      "INSERT INTO credit_totals (period, station_id, volunteer_id, minutes) VALUES (20990, ?, ?, "
      "5)",
      params(d.stations[0].id.value, d.volunteers[0].id.value));
  auto diffs = credit::differences(db, 1000);
  REQUIRE(diffs.size() >= 3);
  CHECK(diffs.back().period == 20990);
  CHECK(diffs.back().stored == 5);
  CHECK(diffs.back().counted == 0);
  auto problems = store::checks::invariants(db).problems;
  CHECK(std::any_of(problems.begin(), problems.end(), [](const Text& p) {
    return p.render(Lang::en).find("vstation recount") != std::string::npos;
  }));
  CHECK(credit::differences(db, 2).size() == 2);  // at most what was asked
  CHECK(credit::rebuild(db) == std::int64_t(diffs.size()));
  CHECK(credit::differences(db).empty());
  CHECK(credit::rebuild(db) == 0);
  // Lost altogether: every total is written again, many to a statement (not the rows the
  // triggers left at zero).
  const auto kept = *db.scalar("SELECT count(*) FROM credit_totals WHERE minutes <> 0");
  REQUIRE(kept > 200);
  db.execute("DELETE FROM credit_totals");
  CHECK(credit::rebuild(db) == kept);
  CHECK(credit::differences(db).empty());
}

TEST_CASE(
    "the report pass reading history from the credit totals gives what reading every session "
    "gives") {
  TempDb t;
  auto& db = *t.db;
  Data d = fill(db);
  std::vector<DateRange> periods{
      report::quarter_request(Quarter{2023, 1}).days,
      report::quarter_request(Quarter{2023, 3}).days,
      report::quarter_request(Quarter{2024, 2}).days,
      report::month_request(Month{2023, 10}).days,
      report::month_request(Month{2024, 1}).days,
      {parse_date("2023-06-30"), parse_date("2023-10-01")},  // across quarter edges
      {parse_date("2022-12-01"), parse_date("2024-07-01")},  // all of it
  };
  for (const auto& days : periods)
    for (std::optional<StationId> scope :
         {std::optional<StationId>{}, std::optional<StationId>{d.stations[0].id},
          std::optional<StationId>{d.stations[2].id}}) {
      CAPTURE(days.first.iso());
      CAPTURE(days.last.iso());
      stats::ScanPlan plan{{days},
                           {stats::Group::project, stats::Group::category, stats::Group::volunteer,
                            stats::Group::station},
                           days};
      std::vector<DateRange> parts{days};
      for (Date x = days.first; x <= days.last; x = x.plus_days(11))
        parts.push_back({x, std::min(x.plus_days(10), days.last)});
      plan.ranges.insert(plan.ranges.end(), parts.begin() + 1, parts.end());
      // Ranges apart from the rest, as a previous period is (read narrow:
      // ScanPlan::narrow_apart), two of them side by side.
      DateRange previous{days.first.plus_days(-days.days()), days.first.plus_days(-1)};
      plan.ranges.push_back(previous);
      plan.ranges.push_back({previous.first.plus_days(-40), previous.first.plus_days(-1)});
      plan.ranges.push_back({previous.first.plus_days(-60), previous.first.plus_days(-45)});
      // Whole quarters apart from the rest (counted from the quarter totals:
      // ScanPlan::quarter_totals), the first with sessions checked in before the fixture's
      // first day.
      auto added = plan.ranges.size();
      for (auto [y, q] :
           {std::pair{2022, 4}, {2023, 1}, {2023, 2}, {2023, 3}, {2023, 4}, {2024, 1}}) {
        DateRange whole = report::quarter_request(Quarter{y, q}).days;
        if (whole.last < days.last &&
            std::all_of(plan.ranges.begin(), plan.ranges.end(),
                        [&](DateRange r) { return r.last < whole.first || whole.last < r.first; }))
          plan.ranges.push_back(whole);
      }
      parts.insert(parts.end(), plan.ranges.end() - 3 - std::ptrdiff_t(plan.ranges.size() - added),
                   plan.ranges.end());  // their fill too
      same_pass(db, scope, days.last, plan, parts);
    }
}

TEST_CASE(
    "breakdowns by station, volunteer and project over a whole quarter come from the quarter "
    "totals as from the sessions") {
  TempDb t;
  auto& db = *t.db;
  Data d = fill(db);
  int keyed = 0;
  for (auto [y, q] : {std::pair{2023, 1}, {2023, 2}, {2023, 3}, {2023, 4}, {2024, 1}, {2024, 2}}) {
    // As a quarter report plans them: the quarter, the one before, the quarter's months.
    const DateRange days = report::quarter_request(Quarter{y, q}).days;
    const DateRange previous =
        report::quarter_request(q == 1 ? Quarter{y - 1, 4} : Quarter{y, q - 1}).days;
    std::vector<DateRange> months;
    for (Month m = Month::of(days.first); m.days().first <= days.last;
         m = m.month == 12 ? Month{m.year + 1, 1} : Month{m.year, m.month + 1})
      months.push_back(m.days());
    for (std::optional<StationId> scope :
         {std::optional<StationId>{}, std::optional<StationId>{d.stations[1].id},
          std::optional<StationId>{d.stations[2].id}})
      for (const auto& groups : std::vector<std::vector<stats::Group>>{
               {stats::Group::station, stats::Group::volunteer},
               {stats::Group::volunteer},
               {stats::Group::station},
               {stats::Group::project},
               {stats::Group::project, stats::Group::volunteer},
               {stats::Group::station, stats::Group::project, stats::Group::volunteer}}) {
        CAPTURE(days.first.iso());
        CAPTURE(groups.size());
        stats::ScanPlan plan{{days, previous}, groups, days};
        plan.parts = months;
        REQUIRE(plan.groups_from_quarter_totals());
        same_pass(db, scope, days.last, plan, months);
        ++keyed;
      }
  }
  CHECK(keyed == 108);
  // Not from the totals: with a category group, a range inside the quarter, or a group range
  // that is not a whole quarter.
  const DateRange q2 = report::quarter_request(Quarter{2024, 2}).days;
  CHECK(!stats::ScanPlan{{q2}, {stats::Group::project, stats::Group::category}, q2}
             .groups_from_quarter_totals());
  CHECK(!stats::ScanPlan{{q2, {q2.first, q2.first.plus_days(3)}}, {stats::Group::station}, q2}
             .groups_from_quarter_totals());
  const DateRange april = report::month_request(Month{2024, 4}).days;
  CHECK(!stats::ScanPlan{{april}, {stats::Group::station}, april}.groups_from_quarter_totals());
}

TEST_CASE(
    "a range of every session is counted from the day and credit totals as from the sessions") {
  TempDb t;
  auto& db = *t.db;
  Data d = fill(db);
  auto req = report::since_opening_request(db, std::nullopt, parse_date("2024-12-31"));
  const DateRange range = req.days;
  // Its months, and 10-day stretches beside them (edges on any day, at every zone).
  std::vector<DateRange> parts;
  for (Month m = Month::of(range.first); m.days().first <= range.last;
       m = m.month == 12 ? Month{m.year + 1, 1} : Month{m.year, m.month + 1})
    parts.push_back({std::max(m.days().first, range.first), std::min(m.days().last, range.last)});
  for (Date x = range.first; x <= range.last; x = x.plus_days(10))
    parts.push_back({x, std::min(x.plus_days(9), range.last)});
  stats::ScanPlan plan{{range}, {}, range};
  plan.parts = parts;
  auto pass = [&](bool from_totals) {
    plan.history_totals = from_totals;
    return stats::CreditedSessions(db, std::nullopt, range.last, plan);
  };
  auto sum = [](const std::vector<std::int64_t>& v) {
    return std::accumulate(v.begin(), v.end(), std::int64_t(0));
  };
  auto same = [&] {
    auto a = pass(true), b = pass(false);
    auto x = a.totals(range), y = b.totals(range);
    CHECK(x.person_times == y.person_times);
    CHECK(x.walk_ins == y.walk_ins);
    CHECK(x.volunteers == y.volunteers);
    CHECK(x.credited_minutes == y.credited_minutes);
    CHECK(a.new_volunteers(range) == b.new_volunteers(range));
    CHECK(a.projects_active(range).value_or(-1) ==
          b.projects_active(range).value_or(stats::projects_active(db, {range, {}, {}})));
    auto ca = a.cumulative(), cb = b.cumulative();
    std::sort(ca.begin(), ca.end());
    std::sort(cb.begin(), cb.end());
    CHECK(ca == cb);
    auto fa = a.fill_parts(plan.parts), fb = b.fill_parts(plan.parts);
    REQUIRE(fa.has_value());
    REQUIRE(fb.has_value());
    compare::same_fill(*fa, *fb);
    for (const auto& part : plan.parts) {
      CAPTURE(part.first.iso());
      CHECK(a.minutes(part) == b.minutes(part));
    }
    return x;
  };
  REQUIRE(day_totals::differences(db).empty());
  const auto whole = same();
  CHECK(whole.person_times > 100);
  const auto running = sum(pass(true).cumulative());

  // It reads the totals: a year's minutes and a day's changed behind the triggers' back show.
  db.execute(
      "UPDATE credit_totals SET minutes = minutes + 1 WHERE period = (SELECT MIN(period) FROM "
      "credit_totals) AND volunteer_id = (SELECT MIN(volunteer_id) FROM credit_totals WHERE "
      "period = (SELECT MIN(period) FROM credit_totals))");
  db.execute(
      "UPDATE day_totals SET minutes = minutes + 1 WHERE day = (SELECT MIN(day) FROM "
      "day_totals)");
  CHECK(sum(pass(true).cumulative()) == running + 1);
  CHECK(pass(true).totals(range).credited_minutes == whole.credited_minutes + 1);
  // And the projects' uncancelled shifts, as every one lies in the range.
  const auto active = pass(true).projects_active(range).value_or(-1);
  CHECK(active == stats::projects_active(db, {range, {}, {}}));
  db.execute(
      "UPDATE project_shifts SET uncancelled = 0 WHERE project_id = (SELECT MIN(project_id) FROM "
      "project_shifts WHERE uncancelled > 0)");
  CHECK(pass(true).projects_active(range).value_or(-1) == active - 1);
  REQUIRE(project_shifts::rebuild(db) == 1);
  // An uncancelled shift after the range: its project is not one of the range's.
  Project later;
  later.code = "later";
  later.station = d.stations[0].id;
  later.name = later.code;
  later.category = Category::emergency_aid;
  later.published = later.starts = parse_date("2025-01-01");
  later.id = store::projects::insert(db, later);
  Shift after;
  after.station = d.stations[0].id;
  after.project = later.id;
  after.time = {parse_date("2025-03-01").start_at(UtcOffset{480}),
                parse_date("2025-03-01").start_at(UtcOffset{480}).plus_minutes(120)};
  after.slots = 2;
  store::shifts::insert(db, after);
  CHECK(pass(true).projects_active(range).value_or(-1) == active);
  // A credited session after the range (a check-in dated ahead): the sessions are read, and
  // agree whatever the totals say.
  Session late;
  late.volunteer = d.volunteers[0].id;
  late.station = d.stations[1].id;
  late.raw_in = late.effective_in =
      parse_date("2025-01-01").start_at(UtcOffset{-300}).plus_minutes(5);
  late.raw_out = late.effective_out = late.raw_in.plus_minutes(50);
  late.status = SessionStatus::closed;
  late.credited_minutes = 50;
  store::sessions::insert(db, late);
  CHECK(same().credited_minutes == whole.credited_minutes);
}

TEST_CASE(
    "a report's months from the day totals give what counting them as ranges gives, and let its "
    "quarter come from the quarter totals") {
  TempDb t;
  auto& db = *t.db;
  Data d = fill(db);
  // The report's plans: a quarter and a range (its months as parts, the previous period apart),
  // and a range of ragged edges whose parts are 10-day stretches.
  struct Case {
    DateRange days, previous;
    std::vector<DateRange> parts;
  };
  std::vector<Case> cases;
  for (auto [y, q] : {std::pair{2023, 1}, {2023, 3}, {2024, 2}}) {
    auto req = report::quarter_request(Quarter{y, q});
    cases.push_back({req.days, *req.previous, {}});
  }
  auto range = report::range_request({parse_date("2023-06-30"), parse_date("2023-10-01")});
  cases.push_back({range.days, *range.previous, {}});
  for (auto& c : cases)
    for (Month m = Month::of(c.days.first); m.days().first <= c.days.last;
         m = m.month == 12 ? Month{m.year + 1, 1} : Month{m.year, m.month + 1})
      c.parts.push_back(
          {std::max(m.days().first, c.days.first), std::min(m.days().last, c.days.last)});
  Case ragged{{parse_date("2023-02-03"), parse_date("2023-09-17")}, {}, {}};
  ragged.previous = {ragged.days.first.plus_days(-ragged.days.days()),
                     ragged.days.first.plus_days(-1)};
  for (Date x = ragged.days.first; x <= ragged.days.last; x = x.plus_days(10))
    ragged.parts.push_back({x, std::min(x.plus_days(9), ragged.days.last)});
  cases.push_back(ragged);

  for (const Case& c : cases)
    for (std::optional<StationId> scope :
         {std::optional<StationId>{}, std::optional<StationId>{d.stations[0].id},
          std::optional<StationId>{d.stations[2].id}}) {
      CAPTURE(c.days.first.iso());
      CAPTURE(c.days.last.iso());
      CAPTURE(scope.has_value());
      stats::ScanPlan plan{{c.previous, c.days}, {}, c.days};
      plan.parts = c.parts;
      auto pass = [&](bool from_days) {
        plan.part_totals = from_days;
        return stats::CreditedSessions(db, scope, c.days.last, plan);
      };
      auto a = pass(true), b = pass(false);
      same_ranges(a, b, plan.ranges);
      for (const DateRange& part : c.parts) {
        CAPTURE(part.first.iso());
        CHECK(a.minutes(part) == b.minutes(part));
      }
      for (const auto& parts : {c.parts, std::vector<DateRange>{c.previous}}) {
        auto fa = a.fill_parts(parts), fb = b.fill_parts(parts);
        REQUIRE(fa.has_value() == fb.has_value());
        if (fa) compare::same_fill(*fa, *fb);
      }
    }

  // The months are read from the day totals: a day's minutes and fill changed behind the
  // triggers' back show in its month and in nothing else.
  const Case& q = cases[2];  // 2024Q2
  stats::ScanPlan plan{{q.previous, q.days}, {}, q.days};
  plan.parts = q.parts;
  const stats::CreditedSessions before(db, std::nullopt, q.days.last, plan);
  const std::int64_t may =
      day_totals::day_of(parse_date("2024-05-10").start_at(UtcOffset{480}).seconds);
  REQUIRE(db.scalar("SELECT COUNT(*) FROM day_totals WHERE day = ?", params(may)).value_or(0) > 0);
  db.execute("UPDATE day_totals SET minutes = minutes + 1, filled = filled + 1 WHERE day = ?",
             params(may));
  const auto rows = *db.scalar("SELECT COUNT(*) FROM day_totals WHERE day = ?", params(may));
  const stats::CreditedSessions after(db, std::nullopt, q.days.last, plan);
  CHECK(after.minutes(q.parts[0]) == before.minutes(q.parts[0]));
  CHECK(after.minutes(q.parts[1]) == before.minutes(q.parts[1]) + rows);
  CHECK(after.fill_parts(q.parts)->at(1).slots_filled ==
        before.fill_parts(q.parts)->at(1).slots_filled + rows);
  CHECK(after.totals(q.days).credited_minutes == before.totals(q.days).credited_minutes);
  // And the quarter itself from the quarter totals: a walk-in added to them shows.
  db.execute(
      "UPDATE quarter_service SET walk_ins = walk_ins + 1 WHERE period = 20242 AND station_id = "
      "(SELECT MIN(station_id) FROM quarter_service WHERE period = 20242) AND volunteer_id = "
      "(SELECT MIN(volunteer_id) FROM quarter_service WHERE period = 20242 AND station_id = "
      "(SELECT MIN(station_id) FROM quarter_service WHERE period = 20242))");
  const stats::CreditedSessions tampered(db, std::nullopt, q.days.last, plan);
  CHECK(tampered.totals(q.days).walk_ins == before.totals(q.days).walk_ins + 1);
  CHECK(tampered.totals(q.previous).walk_ins == before.totals(q.previous).walk_ins);
}
