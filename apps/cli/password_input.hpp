#pragma once
// A staff account's new password from standard input: one line, never echoed (on a terminal the
// echo is turned off while it is typed), checked by kiosk::check_password_format.

#include <string>

#include "cli/context.hpp"

namespace vstation::cli {

// The password read and checked; DataError saying why if there is none or it is refused.
std::string read_new_password(Context& ctx);

}  // namespace vstation::cli
