#pragma once
// Shared by the report and certificate commands: the station scope, "today" at that station,
// and date options.

#include <optional>
#include <string>

#include "cli/context.hpp"
#include "vstation/domain/entities.hpp"

namespace vstation::cli {

// The station named by --station (DataError when unknown), or nothing.
std::optional<Station> station_option(Context& ctx, const std::optional<std::string>& code);
// Today's date at the station (or at the default offset).
Date today_at(const Context& ctx, const std::optional<Station>& st);
// Parses a date option value, mapping a bad value to a usage error naming the option.
Date date_option(const std::string& option, const std::string& value);

}  // namespace vstation::cli
