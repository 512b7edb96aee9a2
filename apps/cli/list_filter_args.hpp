#pragma once
// The filters of the list commands (`KIND list`, `sessions list`, `certificate list`):
// --volunteer, --station, --week or --from/--to, --status, each declared only where the kind's
// records have it (store::ListFilters). Parsed without the database; the codes are looked up
// when the command runs.

#include "cli/command.hpp"
#include "vstation/store/list_filter.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"

namespace vstation::cli {

struct ListFilterArgs {
  std::optional<std::string> volunteer, station;
  std::optional<Date> from, to;       // --week gives both
  std::optional<std::string> status;  // a status code
  [[nodiscard]] bool any() const { return volunteer || station || from || to || status; }
};

void declare_list_filters(OptionSet& s, const Context& ctx, const store::ListFilters& takes);
// Usage errors (exit 2): a day or week that does not parse, --week with --from or --to, --from
// after --to, an unknown status (naming the codes).
ListFilterArgs parse_list_filters(const po::variables_map& vm, const Context& ctx,
                                  const store::ListFilters& takes);
// An unknown volunteer or station is the data's answer (exit 1), naming the option.
store::ListFilter resolve_list_filter(const ListFilterArgs& a, store::Lookup& lookup);

// What an empty list says: "no shifts yet" without filters (exit 0); with them it throws
// DataError "no shift matches" (exit 1, as grep finding nothing).
std::string nothing_listed(const Context& ctx, const ListFilterArgs& a, Text title, Text noun);

}  // namespace vstation::cli
