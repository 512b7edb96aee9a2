#pragma once
// What a list of records may be narrowed to: one volunteer's, one station's, those on some local
// days, those with one status. Each repository applies the parts that its records have, in SQL
// (days, which depend on each station's time zone, are bounded in SQL and placed exactly by
// `local_days.hpp`); a record kind says which parts it takes (records.hpp, `ListFilters`).

#include <optional>
#include <string>

#include "vstation/domain/entities.hpp"

namespace vstation::store {

struct ListFilter {
  std::optional<VolunteerId> volunteer;
  std::optional<StationId> station;
  // Local calendar days at the record's own station, inclusive; either end may be open.
  std::optional<Date> from;
  std::optional<Date> to;
  std::optional<std::string> status;  // a status code, as stored

  [[nodiscard]] bool any() const { return volunteer || station || from || to || status; }
  [[nodiscard]] bool days() const { return from || to; }
};

}  // namespace vstation::store
