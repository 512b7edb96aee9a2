#pragma once
// PostgreSQL's errors as the store's: used by the connection and its streams.

#include <libpq-fe.h>

#include <string>

#include "vstation/store/db.hpp"

namespace vstation::store::pg {

// The first line of a server message, without its "ERROR:  ".
std::string first_line(const char* s);
// The error of a failed result (or, with none, of the connection).
StoreError translate(const PGresult* res, PGconn* conn, const std::string& where);

}  // namespace vstation::store::pg
