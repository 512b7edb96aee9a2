// Published weeks (schema version 15, `roster_publications`).

#include "vstation/store/publications.hpp"

namespace vstation::store::publications {

void set(Connection& db, const Publication& p) {
  db.execute(
      "INSERT INTO roster_publications (station_id, week, published_at, published_by, basis) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (station_id, week) DO UPDATE SET "
      "published_at = excluded.published_at, published_by = excluded.published_by, "
      "basis = excluded.basis",
      params(p.station, p.week, p.at, p.by, p.basis));
}

std::optional<Publication> get(Connection& db, StationId station, const std::string& week) {
  auto r = db.query(
      "SELECT station_id, week, published_at, published_by, basis FROM roster_publications "
      "WHERE station_id = ? AND week = ?",
      params(station, week));
  if (!r->next()) return std::nullopt;
  return Publication{r->id<StationId>(0), r->str(1), r->instant(2), r->str(3), r->str(4)};
}

}  // namespace vstation::store::publications
