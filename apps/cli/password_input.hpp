#pragma once
// Secrets from standard input (a staff account's new password, a kiosk PIN): one line, never
// echoed (on a terminal the echo is turned off while it is typed).

#include <optional>
#include <string>

#include "cli/context.hpp"

namespace vstation::cli {

// The password read and checked; DataError saying why if there is none or it is refused.
std::string read_new_password(Context& ctx);

// One line of standard input, never echoed: on a terminal `prompt` is shown on standard error
// and the echo is off while the line is typed. nullopt at the end of input.
std::optional<std::string> read_secret_line(Context& ctx, const Text& prompt);

}  // namespace vstation::cli
