#pragma once
// Dates on which shift templates do not run (a public holiday, an exam day): one template's,
// or every template of a station. `materialise_week` respects them; shifts already made on
// such a date stay (cancel them by hand).

#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/entities.hpp"
#include "vstation/store/db.hpp"

namespace vstation::planning {

// What a skip covers: one template of the station, or (no template) all of them.
struct SkipScope {
  StationId station;
  std::optional<TemplateId> template_id;
};

// The scope of `template_code` (its station), or of `station_code`: exactly one is given.
// Unknown codes are refused (DataError).
SkipScope skip_scope(store::Connection& db, const std::optional<std::string>& template_code,
                     const std::optional<std::string>& station_code);

struct SkipResult {
  TemplateSkip skip;
  // Shifts the skipped template(s) already made on that date, not cancelled: they stay.
  std::vector<Shift> existing;
};

// Records the skip. Refused (DataError, nothing written): a date already skipped for that
// template or station-wide, a template that does not run on that date, a reason the records
// refuse (store::FieldError "reason").
SkipResult skip_date(store::Connection& db, const SkipScope& scope, Date date,
                     const std::string& reason);

// Removes the skip and returns it. Refused (DataError): a date not skipped in that scope (a
// template covered only by its station's skip names that one).
TemplateSkip unskip_date(store::Connection& db, const SkipScope& scope, Date date);

// Skips on the days given, of one station or all, with template skips also filtered to one
// template (and its station's station-wide skips), by date.
std::vector<TemplateSkip> skips(store::Connection& db, std::optional<StationId> station,
                                std::optional<TemplateId> template_id, DateRange days);

}  // namespace vstation::planning
