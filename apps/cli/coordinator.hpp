#pragma once
// Coordinator-only actions (revealing phone and ID numbers, privacy export and erasure, purge)
// ask for the coordinator's PIN on standard input first; a wrong PIN changes nothing.

#include <string>
#include <string_view>

#include "cli/context.hpp"

namespace vstation::cli {

// Reads one line from standard input and checks it against the coordinator's PIN (Argon2id
// hash in the settings); throws DataError if there is none, it is missing or it is wrong.
void require_coordinator(Context& ctx);

// Leaves an audit row saying personal data was disclosed: `what` (the command) and `detail`.
void audit_disclosure(Context& ctx, std::int64_t volunteer_id, std::string_view what,
                      std::string_view detail);

// --reveal: the coordinator's PIN, then an audit row naming the command, then the output.
void authorize_reveal(Context& ctx, std::string_view command);

}  // namespace vstation::cli
