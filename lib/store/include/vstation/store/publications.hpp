#pragma once
// Published weeks (schema version 15, `roster_publications`): a station's week's roster
// announced by its coordinator, when, by whom, and the week's digest at that moment.

#include <optional>
#include <string>

#include "vstation/domain/ids.hpp"
#include "vstation/domain/time.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store {

struct Publication {
  StationId station;
  std::string week;  // 2026-W49
  Instant at;
  std::string by;     // the audit actor: "web coordinator alice", "cli"
  std::string basis;  // planning::basis_of the week when published
};

namespace publications {
// Records (or replaces) the week's publication.
void set(Connection& db, const Publication& p);
std::optional<Publication> get(Connection& db, StationId station, const std::string& week);
}  // namespace publications

}  // namespace vstation::store
