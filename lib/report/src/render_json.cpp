// The JSON renderer. The schema is documented in docs/report-json.md; "schema_version"
// changes only when a key is removed or changes meaning.

#include <fmt/format.h>

#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "vstation/report/render.hpp"

namespace vstation::report {
namespace {

using nlohmann::ordered_json;

ordered_json period_json(std::string_view kind, const std::string& label, const DateRange& d) {
  return {{"kind", kind}, {"label", label}, {"from", d.first.iso()}, {"to", d.last.iso()}, {"days", d.days()}};
}

std::string_view kind_code(PeriodKind k) {
  switch (k) {
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::month: return "month";
    case PeriodKind::range: return "range";
    case PeriodKind::since_opening: return "since_opening";
  }
  return "?";
}

ordered_json service_json(const store::stats::ServiceTotals& s) {
  return {{"person_times", s.person_times},
          {"walk_in_sessions", s.walk_ins},
          {"volunteers", s.volunteers},
          {"service_minutes", s.credited_minutes}};
}

ordered_json totals_json(const Figures& f) {
  ordered_json t = service_json(f.service);
  t["imported_aggregates"] = {{"rows", f.imported.rows},
                              {"person_times", f.imported.attended},
                              {"service_minutes", f.imported.minutes},
                              {"slots_demanded", f.imported.demand},
                              {"slots_filled", f.imported.filled}};
  t["new_volunteers"] = f.new_volunteers;
  t["projects_published"] = f.projects_published;
  t["projects_active"] = f.projects_active;
  t["shifts"] = f.fill.shifts;
  t["slots_demanded"] = f.fill.slots_demanded;
  t["slots_filled"] = f.fill.slots_filled;
  t["service_records"] = f.incident_records;
  t["rescue_assists"] = f.rescue_assists;
  t["people_served"] = f.people_served;
  t["trainings"] = f.training.trainings;
  t["training_minutes"] = f.training.minutes;
  t["training_volunteer_minutes"] = f.training.attendee_minutes;
  t["volunteers_trained"] = f.training.attendees;
  t["sessions_awaiting_review"] = f.review.awaiting;
  t["sessions_overdue_review"] = f.review.overdue;
  ordered_json inc = ordered_json::array();
  for (const auto& c : f.incidents)
    inc.push_back({{"type", code_of(c.type)}, {"records", c.count}, {"people_served", c.people_served}});
  t["service_log"] = inc;
  return t;
}

}  // namespace

void render_json(const Report& r, Lang lang, std::ostream& os) {
  ordered_json j;
  j["schema"] = "vstation.report";
  j["schema_version"] = 1;
  j["title"] = report_title(r, lang);
  j["period"] = period_json(kind_code(r.request.kind), r.request.label, r.request.days);
  j["previous_period"] = r.request.previous ? period_json(kind_code(r.request.kind), r.request.previous_label,
                                                          *r.request.previous)
                                            : ordered_json(nullptr);
  j["station"] = r.station_code.empty() ? ordered_json(nullptr)
                                        : ordered_json{{"code", r.station_code}, {"name", r.station_name}};
  j["as_of"] = r.request.as_of.iso();
  j["review_deadline_working_days"] = kReviewDeadlineWorkingDays;
  j["overdue_before"] = r.overdue_before.iso();
  j["totals"] = totals_json(r.current);
  j["previous_totals"] = r.previous ? totals_json(*r.previous) : ordered_json(nullptr);
  ordered_json stars = ordered_json::array();
  for (const auto& s : r.stars) stars.push_back({{"level", s.level}, {"from_hours", s.hours}, {"volunteers", s.volunteers}});
  j["star_levels"] = stars;
  ordered_json months = ordered_json::array();
  for (const auto& m : r.months)
    months.push_back({{"month", m.month},
                      {"service_minutes", m.credited_minutes},
                      {"slots_demanded", m.slots_demanded},
                      {"slots_filled", m.slots_filled}});
  j["months"] = months;
  // The breakdowns come last and may hold a row per volunteer of the district: each row is
  // rendered and written on its own, laid out as dump(2) lays out the whole document, instead
  // of building a tree of them all (hundreds of bytes per value) or the whole text (40 MB).
  std::string head = j.dump(2);
  head.resize(head.size() - 2);  // the closing "\n}"
  os << head << ",\n  \"breakdowns\": ";
  if (r.breakdowns.empty()) os << "{}";
  std::string text;
  for (std::size_t i = 0; i < r.breakdowns.size(); ++i) {
    const Breakdown& b = r.breakdowns[i];
    os << (i == 0 ? "{\n    " : ",\n    ") << ordered_json(std::string(by_code(b.by))).dump() << ": ";
    if (b.rows.empty()) os << "[]";
    for (std::size_t k = 0; k < b.rows.size(); ++k) {
      // Written field by field (a tree per row cost more than the rest of the rendering); only
      // the two strings go through the library, for its escaping.
      const auto& row = b.rows[k];
      const auto& s = row.service;
      text = k == 0 ? "[\n      {\n" : ",\n      {\n";
      fmt::format_to(std::back_inserter(text),
                     "        \"key\": {},\n        \"label\": {},\n        \"person_times\": {},\n"
                     "        \"walk_in_sessions\": {},\n        \"volunteers\": {},\n"
                     "        \"service_minutes\": {}\n      }}",
                     ordered_json(row.key).dump(), ordered_json(row.label.render(lang)).dump(),
                     s.person_times, s.walk_ins, s.volunteers, s.credited_minutes);
      os << text;
    }
    if (!b.rows.empty()) os << "\n    ]";
  }
  if (!r.breakdowns.empty()) os << "\n  }";
  os << "\n}\n";
}

std::string render_json(const Report& r, Lang lang) {
  std::ostringstream os;
  render_json(r, lang, os);
  return std::move(os).str();
}

}  // namespace vstation::report
