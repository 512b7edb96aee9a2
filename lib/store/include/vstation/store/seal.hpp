#pragma once
// A session's seal: a checksum over the values the counting rules read (whose session at which
// station, shift and project; raw and effective times, status, credited minutes, the
// volunteer's proposed check-out), written with every insert and update of the row. Ids are
// part of it: `migrate` seals the rows it copies again under the district's ids. `vstation check` recomputes it in SQL over every row, so a
// session changed behind the tool's back (the sqlite3 shell or psql, with or without the
// protective triggers) no longer matches. It is not a signature: someone who reads this file
// can compute a matching seal; docs/reliability.md says what check can and cannot see.
//
// The arithmetic stays below 2^62 at every step, so SQLite (whose integers overflow into
// floating point) and PostgreSQL compute exactly what C++ computes.

#include <cstdint>
#include <string>
#include <string_view>

#include "vstation/domain/entities.hpp"

namespace vstation::store::seal {

inline constexpr std::int64_t kModulus = 2147483647;  // 2^31 - 1
inline constexpr std::int64_t kBase = 1000003;

std::int64_t of(const Session& s);
// The same value over a row of `sessions` aliased `alias`, in portable SQL.
std::string sql(std::string_view alias);

}  // namespace vstation::store::seal
