// The period report against an independent count over the raw records (report_oracle.hpp),
// on the demo station and on a two-station fixture with different UTC offsets.

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "demo_fixture.hpp"
#include "report_compare.hpp"
#include "report_oracle.hpp"
#include "store_fixture.hpp"
#include "vstation/report/render.hpp"
#include "vstation/store/aggregates.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/stats_scan.hpp"
#include "vstation/text/csv.hpp"

using namespace vstation;

namespace {

void check_against_oracle(store::Connection& db, report::ReportRequest req) {
  CAPTURE(req.label);
  req.by = {report::By::category, report::By::volunteer, report::By::month, report::By::week};
  auto r = report::compute_report(db, req);
  auto c = oracle::count(db, req.days, req.station, req.as_of);
  const auto& f = r.current;
  CHECK(f.service.person_times == c.person_times);
  CHECK(f.service.walk_ins == c.walk_ins);
  CHECK(f.service.volunteers == c.volunteers);
  CHECK(f.service.credited_minutes == c.minutes);
  CHECK(f.new_volunteers == c.new_volunteers);
  CHECK(f.projects_published == c.published);
  CHECK(f.projects_active == c.active);
  CHECK(f.fill.shifts == c.shifts);
  CHECK(f.fill.slots_demanded == c.slots);
  CHECK(f.fill.slots_filled == c.filled);
  for (const auto& i : f.incidents) {
    CAPTURE(code_of(i.type));
    CHECK(i.count == c.incidents[i.type]);
    CHECK(i.people_served == c.served[i.type]);
  }
  CHECK(f.rescue_assists == c.incidents[IncidentType::rescue_assist]);
  CHECK(f.training.trainings == c.trainings);
  CHECK(f.training.minutes == c.training_minutes);
  CHECK(f.training.attendee_minutes == c.attendee_minutes);
  CHECK(f.training.attendees == c.trained);
  CHECK(f.review.awaiting == c.awaiting);
  CHECK(f.review.overdue == c.overdue);
  REQUIRE(r.stars.size() == c.stars.size());
  for (std::size_t i = 0; i < c.stars.size(); ++i) CHECK(r.stars[i].volunteers == c.stars[i]);

  // Breakdowns add up, and match the simple count per key.
  for (const auto& b : r.breakdowns) {
    CAPTURE(report::by_code(b.by));
    std::int64_t minutes = 0, walk_ins = 0;
    for (const auto& row : b.rows) {
      minutes += row.service.credited_minutes;
      walk_ins += row.service.walk_ins;
      if (b.by == report::By::category) CHECK(row.service.credited_minutes == c.minutes_by_category[row.key]);
      if (b.by == report::By::volunteer) {
        CHECK(row.service.credited_minutes == c.minutes_by_volunteer[row.key]);
        CHECK(row.service.person_times == c.person_times_by_volunteer[row.key]);
      }
    }
    CHECK(minutes == c.minutes);
    CHECK(walk_ins == c.walk_ins);
    if (b.by == report::By::category || b.by == report::By::volunteer)
      CHECK(b.rows.size() == (b.by == report::By::category ? c.minutes_by_category.size() : c.minutes_by_volunteer.size()));
  }
  std::int64_t month_minutes = 0, month_slots = 0;
  for (const auto& m : r.months) {
    month_minutes += m.credited_minutes;
    month_slots += m.slots_demanded;
  }
  CHECK(month_minutes == c.minutes);
  CHECK(month_slots == c.slots);
  if (req.previous) {
    REQUIRE(r.previous);
    auto p = oracle::count(db, *req.previous, req.station, req.as_of);
    CHECK(r.previous->service.person_times == p.person_times);
    CHECK(r.previous->service.credited_minutes == p.minutes);
  }
}

}  // namespace

TEST_CASE("demo station: every total equals a simple count over the raw records") {
  TempDb t;
  auto& db = *t.db;
  load_demo(db);
  auto icity = store::stations::find(db, "icity");
  REQUIRE(icity);
  Date as_of = parse_date("2023-07-03");
  for (auto req : {report::quarter_request(Quarter{2023, 1}), report::quarter_request(Quarter{2023, 2}),
                   report::month_request(Month{2023, 5}),
                   report::range_request({parse_date("2023-04-10"), parse_date("2023-06-18")}),
                   report::since_opening_request(db, std::nullopt, as_of)}) {
    req.as_of = as_of;
    check_against_oracle(db, req);
    req.station = icity->id;
    check_against_oracle(db, req);
  }
  // The demo season's published figures (data/README.md) as a fixed point.
  auto all = report::since_opening_request(db, std::nullopt, as_of);
  all.as_of = as_of;
  auto r = report::compute_report(db, all);
  CHECK(all.days.first == parse_date("2023-03-04"));
  CHECK(r.current.service.person_times == 632);
  CHECK(r.current.service.walk_ins == 30);
  CHECK(r.current.service.volunteers == 83);
  CHECK(r.current.rescue_assists == 24);
  CHECK(r.current.people_served == 10930);
  CHECK(r.current.projects_published == 46);
  CHECK(r.current.projects_active == 44);
}

TEST_CASE("the review deadline: 10 working days before as_of") {
  Date cut = report::review_cutoff(parse_date("2023-07-03"));
  CHECK(cut == parse_date("2023-06-19"));
  CHECK(working_days_between(cut, parse_date("2023-07-03")) == kReviewDeadlineWorkingDays);
  CHECK(working_days_between(cut.plus_days(-1), parse_date("2023-07-03")) > kReviewDeadlineWorkingDays);
}

TEST_CASE("renderers format the same numbers") {
  TempDb t;
  auto& db = *t.db;
  load_demo(db);
  auto req = report::quarter_request(Quarter{2023, 2});
  req.as_of = parse_date("2023-07-03");
  req.by = {report::By::project, report::By::station};
  auto r = report::compute_report(db, req);

  auto j = nlohmann::json::parse(report::render_json(r, Lang::en));
  CHECK(j["schema_version"] == 1);
  CHECK(j["period"]["label"] == "2023Q2");
  CHECK(j["totals"]["person_times"] == r.current.service.person_times);
  CHECK(j["totals"]["service_minutes"] == r.current.service.credited_minutes);
  CHECK(j["previous_totals"]["person_times"] == r.previous->service.person_times);
  CHECK(j["breakdowns"]["project"].size() == r.breakdowns[0].rows.size());
  CHECK(j["star_levels"].size() == 5);

  std::string csv = report::render_csv(r, Lang::zh);
  REQUIRE(csv.starts_with("\xEF\xBB\xBF"));
  auto rows = text::parse_csv(csv, "report.csv");
  bool found = false;
  for (const auto& row : rows)
    if (row.fields.size() >= 2 && row.fields[0] == "服务人次")
      found = row.fields[1] == std::to_string(r.current.service.person_times);
  CHECK(found);

  std::string table = report::render_table(r, Lang::zh);
  CHECK(table.find("服务人次") != std::string::npos);
  std::string xlsx = report::render_xlsx(r, Lang::en);
  CHECK(xlsx.starts_with("PK"));
  // The same records give the same workbook a second later: no wall clock inside the file.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(report::render_xlsx(r, Lang::en) == xlsx);
  std::string html = report::render_html(r, Lang::zh);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("http") == std::string::npos);  // self-contained: no external assets
}

namespace {

// Another platform's export: its own headers, its own event types, hours as decimals.
constexpr std::string_view kHistory =
    "Date,Shift,Event,Event Type,Attended,Total Volunteer Hours,Demand\n"
    "2023-02-18,Morning,Lantern festival safety,Traffic,6,21.5,8\n"
    "2023-02-18,Afternoon,Lantern festival safety,Traffic,9,27,6\n"
    "2023-02-25,Morning,P001,First Aid,3,12.25,\n"
    "2023-04-08,Morning,Spring cleanup,便民服务,4,10,4\n";

store::aggregates::Mapping history_mapping() {
  store::aggregates::Mapping m;
  m.columns = {{"date", "Date"},        {"shift", "Shift"},
               {"event", "Event"},      {"type", "Event Type"},
               {"attended", "Attended"}, {"hours", "Total Volunteer Hours"},
               {"demand", "Demand"}};
  m.types = {{"Traffic", "traffic_persuasion"}, {"First Aid", "emergency_aid"}};
  m.source = "other-platform";
  return m;
}

}  // namespace

TEST_CASE("imported per-shift aggregates enter the same totals") {
  TempDb t;
  auto& db = *t.db;
  load_demo(db);
  auto icity = store::stations::find(db, "icity");
  REQUIRE(icity);
  store::Transaction tx(db);
  CHECK(store::aggregates::import_csv(db, icity->id, kHistory, "history.csv", history_mapping()) == 4);
  tx.commit();

  Date as_of = parse_date("2023-07-03");
  auto q1 = report::quarter_request(Quarter{2023, 1});
  q1.as_of = as_of;
  auto before = oracle::count(db, q1.days, std::nullopt, as_of);
  check_against_oracle(db, q1);
  auto since = report::since_opening_request(db, std::nullopt, as_of);
  CHECK(since.days.first == parse_date("2023-02-18"));  // history before the demo's opening
  since.as_of = as_of;
  check_against_oracle(db, since);
  auto q2 = report::quarter_request(Quarter{2023, 2});
  q2.as_of = as_of;
  q2.station = icity->id;
  check_against_oracle(db, q2);

  // Hand-checked Q1 additions: 6 + 9 + 3 person-times, 21.5 + 27 + 12.25 hours, demand 8 + 6,
  // filled 6 + 6 (the second row attended more than its demand).
  auto r = report::compute_report(db, q1);
  CHECK(r.current.imported.rows == 3);
  CHECK(r.current.imported.attended == 18);
  CHECK(r.current.imported.minutes == 1290 + 1620 + 735);
  CHECK(r.current.imported.demand == 14);
  CHECK(r.current.imported.filled == 12);
  CHECK(before.person_times == r.current.service.person_times);
}

TEST_CASE("a bad aggregate row names file, line and column, and nothing is imported") {
  TempDb t;
  auto& db = *t.db;
  load_demo(db);
  auto icity = store::stations::find(db, "icity");
  std::string bad = std::string(kHistory) + "2023-04-09,Morning,Spring cleanup,便民服务,four,10,4\n";
  try {
    store::Transaction tx(db);
    store::aggregates::import_csv(db, icity->id, bad, "history.csv", history_mapping());
    tx.commit();
    FAIL("expected an error");
  } catch (const DataError& e) {
    CHECK(e.text().render(Lang::en) == "history.csv:6: Attended: 'four' is not a whole number of at least 0");
  }
  CHECK(store::aggregates::all(db).empty());
  auto m = history_mapping();
  m.columns["hours"] = "Hours";
  CHECK_THROWS_AS(store::aggregates::import_csv(db, icity->id, kHistory, "history.csv", m), DataError);
}

TEST_CASE("demo station: the report's one pass over credited sessions equals the SQL figures") {
  // store::stats::CreditedSessions (issue 17) against the SQL definitions of stats.hpp, for
  // every period kind, both scopes, every group, and sub-ranges of a period (months, weeks).
  TempDb t;
  auto& db = *t.db;
  load_demo(db);
  auto icity = store::stations::find(db, "icity");
  REQUIRE(icity);
  Date as_of = parse_date("2023-07-03");
  namespace stats = store::stats;
  for (auto req : {report::quarter_request(Quarter{2023, 2}), report::month_request(Month{2023, 5}),
                   report::range_request({parse_date("2023-04-10"), parse_date("2023-06-18")}),
                   report::since_opening_request(db, std::nullopt, as_of)}) {
    for (std::optional<StationId> scope : {std::optional<StationId>{}, std::optional<StationId>{icity->id}}) {
      CAPTURE(req.label);
      std::vector<DateRange> keep{req.days};
      if (req.previous) keep.push_back(*req.previous);
      // Every period and 9-day stretches of each (overlapping, not aligned with anything).
      stats::ScanPlan plan{keep, {stats::Group::project, stats::Group::category, stats::Group::volunteer,
                                  stats::Group::station}, {}};
      for (const auto& period : keep)
        for (Date d = period.first; d <= period.last; d = d.plus_days(9))
          plan.ranges.push_back({d, std::min(d.plus_days(8), period.last)});
      for (std::size_t k = 0; k < keep.size(); ++k) {
        plan.group_days = keep[k];
        stats::CreditedSessions pass(db, scope, req.days.last, plan);
        stats::Period p{keep[k], scope, std::nullopt};
        auto a = pass.totals(keep[k]);
        auto b = stats::service_totals(db, p);
        CHECK(a.person_times == b.person_times);
        CHECK(a.walk_ins == b.walk_ins);
        CHECK(a.volunteers == b.volunteers);
        CHECK(a.credited_minutes == b.credited_minutes);
        CHECK(pass.new_volunteers(keep[k]) == stats::new_volunteers(db, p));
        if (auto active = pass.projects_active(keep[k]))
          CHECK(*active == stats::projects_active(db, p));
        else
          CHECK(scope.has_value());  // read with the shifts, over every station only
        {
          // The report's own plan has categories only: they take another path per row.
          stats::ScanPlan only{plan.ranges, {stats::Group::category}, keep[k]};
          stats::CreditedSessions cat(db, scope, req.days.last, only);
          compare::same_groups(cat.by(db, keep[k], stats::Group::category),
                               stats::service_by(db, p, stats::Group::category));
          CHECK(cat.totals(keep[k]).person_times == b.person_times);
          CHECK(cat.new_volunteers(keep[k]) == stats::new_volunteers(db, p));
        }
        for (auto g : {stats::Group::project, stats::Group::category, stats::Group::volunteer, stats::Group::station}) {
          auto y = stats::service_by(db, p, g);
          std::sort(y.begin(), y.end(), [](const auto& l, const auto& r) { return l.key < r.key; });
          compare::same_groups(pass.by(db, keep[k], g), y);
        }
        std::vector<DateRange> parts{keep[k]};
        for (Date d = keep[k].first; d <= keep[k].last; d = d.plus_days(9))
          parts.push_back({d, std::min(d.plus_days(8), keep[k].last)});
        if (auto fill = pass.fill_parts(parts)) {
          compare::same_fill(*fill, stats::shift_fill_parts(db, p, parts));
        } else {
          // The pass counts shift fill over every station only.
          CHECK(scope.has_value());
        }
        for (Date d = keep[k].first; d <= keep[k].last; d = d.plus_days(9)) {
          DateRange part{d, std::min(d.plus_days(8), keep[k].last)};
          auto c = pass.totals(part);
          auto e = stats::service_totals(db, {part, scope, std::nullopt});
          CHECK(c.person_times == e.person_times);
          CHECK(c.volunteers == e.volunteers);
          CHECK(c.credited_minutes == e.credited_minutes);
          if (auto active = pass.projects_active(part))
            CHECK(*active == stats::projects_active(db, {part, scope, std::nullopt}));
        }
        auto cum = pass.cumulative();
        auto want = stats::cumulative_minutes(db, scope, req.days.last);
        std::sort(cum.begin(), cum.end());
        std::sort(want.begin(), want.end());
        CHECK(cum == want);
      }
    }
  }
}
