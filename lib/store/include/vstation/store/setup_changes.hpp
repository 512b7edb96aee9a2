#pragma once
// What a kiosk keeps between check-ins, and how it knows it still holds (schema version 27). On
// SQLite another process's write empties the kiosk's page cache, so reading its station and the
// roster again on every check-in would read them from the file; instead it keeps them while the
// count of changes to them stays the same, and reads that one row.

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
// Moves the count once, for changes written while its triggers were set aside (a bulk import's,
// whose insert triggers would otherwise cost a statement journal or a trigger frame a row).
void count_change(Connection& db);

// shifts::rostered_at_station for the shifts starting in (after, until]: what rostered_match
// needs for a check-in at any t with after <= t - 1 day and t + early minutes <= until.
std::unordered_map<std::int64_t, std::vector<shifts::RosteredShift>> rostered_starting(
    Connection& db, StationId st, Instant after, Instant until);

}  // namespace vstation::store::setup_changes
