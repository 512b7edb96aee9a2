#pragma once
// The period report of issue 5: computed once from the store's aggregations into this model;
// every renderer (table, CSV, JSON, HTML, xlsx) only formats it. The definitions of each
// number are the counting rules of docs/design.md §3, as stated in the README.

#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/hours_policy.hpp"
#include "vstation/store/aggregates.hpp"
#include "vstation/store/stats.hpp"

namespace vstation::report {

enum class PeriodKind { quarter, month, range, since_opening };
enum class By { project, category, volunteer, week, month, station };

// "project", …; and back (nullopt for an unknown word).
std::string_view by_code(By b);
std::optional<By> parse_by(std::string_view s);
Msg by_title(By b);

// Everything counted over one period.
// `service` and `fill` include imported per-shift aggregates (`imported`); distinct and new
// volunteers count individual records only.
struct Figures {
  store::stats::ServiceTotals service;
  store::stats::AggregateTotals imported;
  std::int64_t new_volunteers = 0;
  std::int64_t projects_published = 0;
  std::int64_t projects_active = 0;
  store::stats::ShiftFill fill;
  std::vector<store::stats::IncidentCount> incidents;  // every type, in catalogue order
  std::int64_t incident_records = 0;
  std::int64_t people_served = 0;
  std::int64_t rescue_assists = 0;
  store::stats::TrainingTotals training;
  store::stats::ReviewBacklog review;
  [[nodiscard]] double fill_rate() const {
    return fill.slots_demanded ? double(fill.slots_filled) / double(fill.slots_demanded) : 0.0;
  }
};

struct BreakdownRow {
  std::string key;  // stable: project code, category code, volunteer number, 2023-W18, 2023-05, station code
  Text label;       // for people: name, category label, …
  store::stats::ServiceTotals service;
};

struct Breakdown {
  By by = By::project;
  std::vector<BreakdownRow> rows;
};

// Per month of the period: the chart series.
struct MonthPoint {
  std::string month;  // 2023-05
  std::int64_t credited_minutes = 0;
  std::int64_t slots_demanded = 0;
  std::int64_t slots_filled = 0;
};

struct StarCount {
  int level = 0;  // 1..n
  int hours = 0;  // the threshold
  std::int64_t volunteers = 0;  // volunteers at exactly this level at the end of the period
};

struct ReportRequest {
  PeriodKind kind = PeriodKind::quarter;
  std::string label;  // 2023Q2, 2023-05, 2023-04-01..2023-04-30
  DateRange days;
  std::optional<DateRange> previous;  // the period to compare with
  std::string previous_label;
  std::optional<StationId> station;
  std::vector<By> by;
  Date as_of;  // "today" for the review deadline
  StarLevels stars;
  bool category_chart = true;  // Report::categories (the HTML's chart) counted
};

struct Report {
  ReportRequest request;
  std::string station_code;  // empty: every station in the database
  std::string station_name;
  Date overdue_before;       // sessions checked in before this day are past the review deadline
  Figures current;
  std::optional<Figures> previous;
  std::vector<StarCount> stars;
  std::vector<Breakdown> breakdowns;  // as requested with --by, in that order
  std::vector<MonthPoint> months;     // always: hours and fill rate by month (charts)
  Breakdown categories;               // with category_chart: hours by category (charts)
};

// Requests for the four kinds of period. since_opening runs from the first recorded activity
// (in the station scope) to as_of, and has no previous period.
ReportRequest quarter_request(Quarter q);
ReportRequest month_request(Month m);
ReportRequest range_request(DateRange days);
ReportRequest since_opening_request(store::Connection& db, std::optional<StationId> station, Date as_of);

Report compute_report(store::Connection& db, const ReportRequest& req);

// The first day whose sessions are not yet past the review deadline as of `as_of`.
Date review_cutoff(Date as_of);

// The headline numbers, in the order every renderer shows them.
enum class Unit { count, hours, percent };
struct Metric {
  std::string_view code;  // JSON key / CSV metric id
  Msg label;
  Unit unit = Unit::count;
  double value = 0;
  std::optional<double> previous;
};
std::vector<Metric> metrics(const Report& r);

// Formats a metric value: counts with thousands separators, hours with one decimal, percent.
std::string format_value(Unit u, double v);
std::string format_change(Unit u, double now, double before);
// Minutes as hours, rounded half up to one decimal (the precision every format shows).
double hours(std::int64_t minutes);

}  // namespace vstation::report
