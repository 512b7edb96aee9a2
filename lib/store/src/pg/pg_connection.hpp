#pragma once
// The PostgreSQL backend: the only code that includes libpq.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store::pg {

// `url` is a libpq connection URI: postgresql://user@host/dbname or
// postgresql:///dbname?host=/tmp (a Unix socket directory).
std::unique_ptr<Connection> open(const std::string& url, const OpenOptions& options);

// The forward-only migrations, index i takes the schema from version i to i + 1; they mirror
// the SQLite list step for step (same version numbers).
const std::vector<std::string_view>& migrations();

// "SELECT a FROM t WHERE x = ? AND (? IS NULL OR y = ?)" ->
// "SELECT a FROM t WHERE x = $1 AND ($2::text IS NULL OR y = $3)"; string literals are left alone.
std::string translate_placeholders(std::string_view sql);

// A connection without any schema check, and running a multi-statement script on it.
std::unique_ptr<Connection> connect(const std::string& url);
void exec_script(Connection& db, std::string_view sql);

// The schema's protective triggers (raw instants fixed, audit append-only) that are missing.
std::vector<std::string> missing_triggers(Connection& db);

// The URL without a password, for messages.

}  // namespace vstation::store::pg
