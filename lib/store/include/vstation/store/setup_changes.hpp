#pragma once
// What a kiosk keeps between check-ins, and how it knows it still holds (schema version 27). On
// SQLite another process's write empties the kiosk's page cache, so reading its station and the
// roster again on every check-in would read them from the file; instead it keeps them while the
// count of changes to them (and the file's schema cookie) stays the same, and reads only those.

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "vstation/store/repos.hpp"

namespace vstation::store::setup_changes {

// How many times stations, projects, assignments, or a shift's station, project, time or
// cancellation have changed (kept by SQLite's triggers, whoever wrote); nullopt on PostgreSQL,
// which keeps no count: there, read what you need each time.
std::optional<std::int64_t> count(Connection& db);
// What a kiosk compares to know that what it kept still holds: the count, and the file's schema
// cookie, which `vstation restore` (SQLite's backup) and any change of schema move (a restored
// file may hold the very count the kiosk last read). nullopt where there is no count:
// PostgreSQL, or a file restored from before schema 27 under a running kiosk.
struct Stamp {
  std::int64_t changes = 0, schema = 0;
  bool operator==(const Stamp&) const = default;
};
std::optional<Stamp> stamp(Connection& db);
// Moves the count once, for changes written while its triggers were set aside (a bulk import's,
// whose insert triggers would otherwise cost a statement journal or a trigger frame a row).
void count_change(Connection& db);

// shifts::rostered_at_station for the shifts starting in (after, until]: what rostered_match
// needs for a check-in at any t with after <= t - 1 day and t + early minutes <= until.
std::unordered_map<std::int64_t, std::vector<shifts::RosteredShift>> rostered_starting(
    Connection& db, StationId st, Instant after, Instant until);

}  // namespace vstation::store::setup_changes
