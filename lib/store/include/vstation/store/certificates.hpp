#pragma once
// Issued service certificates: their serial numbers and the digest of what they said.

#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/calendar.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/list_filter.hpp"

namespace vstation::store::certificates {

struct Issued {
  std::int64_t id = 0;
  std::string serial;  // ICITY-2023-000001
  StationId station;
  VolunteerId volunteer;
  int year = 0;
  std::int64_t seq = 0;
  DateRange period;
  Date issued_on;
  Instant issued_at;
  std::int64_t minutes = 0;
  std::string digest;  // SHA-256, lower-case hex
};

// The next sequence number of a station in a year (1 for the first). Call inside the
// transaction that inserts it.
std::int64_t next_seq(Connection& db, StationId station, int year);
std::int64_t insert(Connection& db, const Issued& c);
std::optional<Issued> find(Connection& db, std::string_view serial);
std::vector<Issued> of_volunteer(Connection& db, VolunteerId v);
// The register of issued certificates, oldest first; the filter's station, volunteer and days
// (of the issue date).
std::vector<Issued> issued(Connection& db, const ListFilter& f = {});

}  // namespace vstation::store::certificates
