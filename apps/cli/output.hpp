#pragma once
// Where a command's document goes: standard output, or the file named by --out.

#include <optional>
#include <string>

#include "cli/context.hpp"

namespace vstation::cli {

// Writes `body` to `path` (binary, replacing it) or, without a path or with "-", to the
// command's output.
void write_output(Context& ctx, const std::string& body, const std::optional<std::string>& path);

}  // namespace vstation::cli
