#pragma once
// The period report's parameters as the staff pages take them (/staff/reports, its downloads,
// /staff/district and /api/v1/staff/report): which station (the account's own; the district any
// or every station), which period (a quarter, a month, a range of days, or since opening) and
// which breakdowns, read into the report::ReportRequest `vstation report` builds from its command
// line, with the same library calls (Quarter::parse, report::quarter_request, report::parse_by, …).

#include <optional>
#include <string>
#include <variant>

#include "routes.hpp"
#include "vstation/report/model.hpp"

namespace vstation::web::detail {

struct ReportQuery {
  std::optional<Station> station;  // none: every station (the district only)
  report::ReportRequest request;
  std::string kind = "quarter";          // quarter, month, range or since-opening
  std::string quarter, month, from, to;  // as given (for the form and the links)
  // The query string that asks for this report again ("period=quarter&quarter=2023Q2&by=project").
  [[nodiscard]] std::string query() const;
};

// Why a query was refused: 404 for a station outside the account's scope (as an unknown id),
// else 400 with what is wrong, in both languages.
struct QueryRefusal {
  int status = 400;
  Text why;
};

// The station the parameters name (`station=ID`): a coordinator or secretary always has their
// own (another's id is out of scope); the district none unless it names one.
std::variant<std::optional<Station>, QueryRefusal> report_station(const Ctx& c);
// Today at the station, or in the default zone (Asia/Shanghai) for every station, as
// `vstation report` takes it.
Date report_today(const Ctx& c, const std::optional<Station>& st);
// The whole query; `period` absent means the last full quarter.
std::variant<ReportQuery, QueryRefusal> report_query(const Ctx& c);

}  // namespace vstation::web::detail

namespace vstation::web::detail {

// The form that asks for a report (GET to `action`): the period and, when `full`, the station
// (the district only) and the breakdowns; filled in from `q`. Every control labelled.
std::string report_form_html(const Ctx& c, const ReportQuery& q, std::string_view action,
                             bool full);

}  // namespace vstation::web::detail
