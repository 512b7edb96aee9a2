// The maintained incident totals (store/incident_totals.hpp): the triggers that keep them
// through every kind of change on both backends, a bulk import's catch-up, the check and rebuild,
// and a report's incidents by type read from them giving exactly what counting the incidents of
// its span at each station's local days gives.

#include <doctest/doctest.h>

#include <map>
#include <random>

#include "store_fixture.hpp"
#include "vstation/store/checks.hpp"
#include "vstation/store/incident_totals.hpp"
#include "vstation/store/maintenance.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/stats.hpp"

using namespace vstation;
using store::params;
namespace totals = store::incident_totals;
namespace stats = store::stats;

namespace {

using vstation::test::import;

// Five stations at the zones that part most from the totals' calendar (UTC+14 itself, UTC-12,
// UTC+8, UTC-5) and one with summer time.
std::vector<Station> stations(store::Connection& db) {
  std::vector<Station> out;
  const TimeZone zones[] = {UtcOffset{840}, UtcOffset{-720}, UtcOffset{480}, UtcOffset{-300},
                            TimeZone::named("America/New_York")};
  for (int i = 0; i < 5; ++i) {
    Station st;
    st.code = "s" + std::to_string(i);
    st.name = "站" + std::to_string(i);
    st.zone = zones[i];
    st.id = store::stations::insert(db, st);
    out.push_back(st);
  }
  return out;
}

// Incidents over 2023-2024, half of them within 30 hours of a month's first midnight (UTC).
void add_incidents(store::Connection& db, const std::vector<Station>& at, int n, unsigned seed) {
  std::mt19937 rng(seed);
  const auto types = enum_entries<IncidentType>();
  const Date first = *Date::from_ymd(2023, 1, 1);
  for (int k = 0; k < n; ++k) {
    Incident i;
    i.station = at[rng() % at.size()].id;
    i.type = types[rng() % types.size()].value;
    i.people_served = int(rng() % 7);
    Date d = first.plus_days(int(rng() % 730));
    std::int64_t base = d.day_number() * 86400;
    if (rng() % 2) base = Date::from_ymd(d.year(), d.month(), 1)->day_number() * 86400;
    i.at = Instant{base + std::int64_t(rng() % (60 * 3600)) - 30 * 3600};
    store::incidents::insert(db, i);
  }
}

// The reference: each incident of the scope counted when it falls within the span's local days
// at its own station.
std::map<IncidentType, std::pair<std::int64_t, std::int64_t>> counted(
    store::Connection& db, const std::vector<Station>& all, const stats::Period& p) {
  std::map<IncidentType, std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& i : store::incidents::all(db)) {
    if (p.station && i.station != *p.station) continue;
    const Station& st =
        *std::find_if(all.begin(), all.end(), [&](const Station& s) { return s.id == i.station; });
    if (i.at < p.days.first.start_at(st.zone) ||
        !(i.at < p.days.last.plus_days(1).start_at(st.zone)))
      continue;
    ++out[i.type].first;
    out[i.type].second += i.people_served;
  }
  return out;
}

std::map<IncidentType, std::pair<std::int64_t, std::int64_t>> reported(store::Connection& db,
                                                                       const stats::Period& p) {
  std::map<IncidentType, std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& c : stats::incidents_by_type(db, p)) out[c.type] = {c.count, c.people_served};
  return out;
}

// Quarters, months, odd ranges (a day, a week across a month's end, across a year's end) and
// all history, over every station and over each one.
void check_periods(store::Connection& db, const std::vector<Station>& all) {
  std::vector<DateRange> spans;
  for (int q = 1; q <= 4; ++q) spans.push_back(Quarter{2023, q}.days());
  spans.push_back(Quarter{2024, 1}.days());
  for (unsigned m : {1u, 3u, 7u, 12u}) spans.push_back(Month{2024, m}.days());
  spans.push_back({parse_date("2023-05-31"), parse_date("2023-05-31")});
  spans.push_back({parse_date("2023-06-28"), parse_date("2023-07-04")});
  spans.push_back({parse_date("2023-12-15"), parse_date("2024-01-15")});
  spans.push_back({parse_date("2023-03-10"), parse_date("2023-03-20")});
  spans.push_back({parse_date("2022-12-01"), parse_date("2025-01-31")});
  std::vector<std::optional<StationId>> scopes{std::nullopt};
  for (const auto& st : all) scopes.push_back(st.id);
  for (const auto& days : spans)
    for (const auto& scope : scopes) {
      stats::Period p{days, scope, std::nullopt};
      CAPTURE(days.first.iso());
      CAPTURE(days.last.iso());
      CHECK(reported(db, p) == counted(db, all, p));
    }
}

}  // namespace

TEST_CASE(
    "incidents by type from the maintained totals equal the incidents of each station's local "
    "days") {
  TempDb t;
  auto& db = *t.db;
  auto all = stations(db);
  add_incidents(db, all, 1500, 20231130);
  CHECK(totals::differences(db).empty());
  check_periods(db, all);

  // Every kind of change the triggers follow: moved across a month's end, to another station,
  // another type, other people served; erased; and a change they need not see (the note).
  auto ids = store::incidents::all(db);
  REQUIRE(ids.size() > 10);
  db.execute("UPDATE incidents SET at = ? WHERE id = ?",
             params(parse_instant("2023-06-30T09:59", UtcOffset{0}), ids[0].id.value));
  db.execute("UPDATE incidents SET at = ? WHERE id = ?",
             params(parse_instant("2023-06-30T10:00", UtcOffset{0}), ids[1].id.value));
  db.execute("UPDATE incidents SET station_id = ? WHERE id = ?",
             params(all[(ids[2].station == all[0].id) ? 1 : 0].id.value, ids[2].id.value));
  db.execute("UPDATE incidents SET type = ? WHERE id = ?",
             params(std::string(ids[3].type == IncidentType::other ? "rescue_assist" : "other"),
                    ids[3].id.value));
  db.execute("UPDATE incidents SET people_served = people_served + 4 WHERE id = ?",
             params(ids[4].id.value));
  db.execute("UPDATE incidents SET note = 'seen' WHERE id = ?", params(ids[5].id.value));
  store::incidents::remove(db, ids[6].id);
  CHECK(totals::differences(db).empty());
  check_periods(db, all);

  // Changed behind the triggers' back: found, named, and rebuilt.
  db.execute(
      "UPDATE incident_totals SET incidents = incidents + 1 WHERE period = "
      "(SELECT MIN(period) FROM incident_totals)");
  db.execute(
      "DELETE FROM incident_totals WHERE period = (SELECT MAX(period) FROM incident_totals)");
  db.execute(
      "INSERT INTO incident_totals (period, station_id, type, incidents, people_served) "
      "VALUES (209912, ?, 'other', 3, 5)",
      params(all[0].id.value));
  auto diffs = totals::differences(db, 1000);
  REQUIRE(diffs.size() >= 3);
  CHECK(diffs.back().period == 209912);
  CHECK(diffs.back().stored_incidents == 3);
  CHECK(diffs.back().counted_incidents == 0);
  auto problems = store::checks::invariants(db).problems;
  CHECK(std::any_of(problems.begin(), problems.end(), [](const Text& p) {
    return p.render(Lang::en).find("incident totals") != std::string::npos;
  }));
  CHECK(totals::differences(db, 2).size() == 2);  // at most what was asked
  CHECK(totals::rebuild(db) == std::int64_t(diffs.size()));
  CHECK(totals::differences(db).empty());
  CHECK(totals::rebuild(db) == 0);
  check_periods(db, all);
  // Lost altogether: every total is written again, many to a statement.
  const auto kept = *db.scalar("SELECT count(*) FROM incident_totals WHERE incidents <> 0");
  REQUIRE(kept > 200);
  db.execute("DELETE FROM incident_totals");
  CHECK(totals::rebuild(db) == kept);
  CHECK(totals::differences(db).empty());
}

TEST_CASE("a bulk import of incidents adds their totals once at the end") {
  TempDb t;
  auto& db = *t.db;
  import(db, "stations",
         "code,name,time_zone\nicity,I城,Asia/Shanghai\nnyc,纽约,America/New_York\n");
  // Past the deferred indexes' threshold (5,000 rows, more than the table held): the insert
  // trigger is set aside and the totals are caught up from the rows it missed.
  std::string csv = "station,type,time,people_served\n";
  const Date first = *Date::from_ymd(2023, 1, 1);
  for (int i = 0; i < 6000; ++i)
    csv += std::string(i % 3 ? "icity" : "nyc") + "," + (i % 2 ? "emergency_aid" : "other") + "," +
           first.plus_days(i / 10).iso() + "T" + (i % 5 ? "23:" : "00:") + (i % 4 ? "30" : "10") +
           "," + std::to_string(i % 4) + "\n";
  CHECK(import(db, "incidents", csv) == 6000);
  CHECK(store::missing_triggers(db).empty());
  CHECK(totals::differences(db).empty());
  CHECK(*db.scalar("SELECT SUM(incidents) FROM incident_totals") == 6000);
  CHECK(*db.scalar("SELECT SUM(people_served) FROM incident_totals") == 9000);
  // A second, smaller import goes through the trigger itself.
  CHECK(import(db, "incidents",
               "station,type,time,people_served\nicity,other,2024-12-31T23:59,2\n") == 1);
  CHECK(totals::differences(db).empty());
}
