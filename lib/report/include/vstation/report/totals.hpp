#pragma once
// The season / period totals: computed once into this model from the store's aggregations;
// renderers only format it.

#include <optional>
#include <string>
#include <vector>

#include "vstation/store/stats.hpp"

namespace vstation::report {

struct Totals {
  DateRange days;
  std::string scope;  // station name, or empty for every station
  store::stats::ServiceTotals service;
  std::int64_t projects_published = 0;
  std::int64_t projects_active = 0;
  std::vector<store::stats::IncidentCount> incidents;  // every type, in catalogue order
  std::int64_t people_served = 0;
  std::int64_t rescue_assists = 0;
};

Totals compute_totals(store::Connection& db, const store::stats::Period& period);

// A two-column terminal table of the totals, labels in the chosen language.
std::string render_totals_table(const Totals& t, Lang lang);

}  // namespace vstation::report
