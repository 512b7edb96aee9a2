#include "vstation/store/certificates.hpp"

namespace vstation::store::certificates {
namespace {

constexpr const char* kColumns =
    "SELECT id, serial, station_id, volunteer_id, year, seq, period_from, period_to, issued_on, issued_at, "
    "minutes, digest FROM certificates ";

Issued read(const Rows& r) {
  Issued c;
  c.id = r.i64(0);
  c.serial = r.str(1);
  c.station = r.id<StationId>(2);
  c.volunteer = r.id<VolunteerId>(3);
  c.year = int(r.i64(4));
  c.seq = r.i64(5);
  c.period = {r.date(6), r.date(7)};
  c.issued_on = r.date(8);
  c.issued_at = r.instant(9);
  c.minutes = r.i64(10);
  c.digest = r.str(11);
  return c;
}

}  // namespace

std::int64_t next_seq(Connection& db, StationId station, int year) {
  return db.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM certificates WHERE station_id = ? AND year = ?",
                   params(station, year))
      .value_or(1);
}

std::int64_t insert(Connection& db, const Issued& c) {
  return db.insert(
      "INSERT INTO certificates (serial, station_id, volunteer_id, year, seq, period_from, period_to, "
      "issued_on, issued_at, minutes, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params(c.serial, c.station, c.volunteer, c.year, c.seq, c.period.first, c.period.last, c.issued_on,
             c.issued_at, c.minutes, c.digest));
}

std::optional<Issued> find(Connection& db, std::string_view serial) {
  auto r = db.query(std::string(kColumns) + "WHERE serial = ?", params(serial));
  if (!r->next()) return std::nullopt;
  return read(*r);
}

std::vector<Issued> of_volunteer(Connection& db, VolunteerId v) {
  auto r = db.query(std::string(kColumns) + "WHERE volunteer_id = ? ORDER BY issued_at, id", params(v));
  std::vector<Issued> out;
  while (r->next()) out.push_back(read(*r));
  return out;
}

std::vector<Issued> issued(Connection& db, const ListFilter& f) {
  auto r = db.query(std::string(kColumns) +
                        "WHERE (? IS NULL OR station_id = ?) AND (? IS NULL OR volunteer_id = ?) "
                        "AND (? IS NULL OR issued_on >= ?) AND (? IS NULL OR issued_on <= ?) "
                        "ORDER BY issued_at, id",
                    params(f.station, f.station, f.volunteer, f.volunteer, f.from, f.from, f.to, f.to));
  std::vector<Issued> out;
  while (r->next()) out.push_back(read(*r));
  return out;
}

}  // namespace vstation::store::certificates
