#pragma once
// Shared by the report and certificate commands: the station scope, "today" at that station,
// and writing the rendered bytes to --out or standard output.

#include <optional>
#include <string>

#include "cli/context.hpp"
#include "vstation/domain/entities.hpp"

namespace vstation::cli {

// The station named by --station (DataError when unknown), or nothing.
std::optional<Station> station_option(Context& ctx, const std::optional<std::string>& code);
// Today's date at the station (or at the default offset).
Date today_at(const Context& ctx, const std::optional<Station>& st);
// Writes to the file (binary, replacing it) or to standard output.
void write_output(Context& ctx, const std::optional<std::string>& out, const std::string& bytes);
// Parses a date option value, mapping a bad value to a usage error naming the option.
Date date_option(const std::string& option, const std::string& value);

}  // namespace vstation::cli
