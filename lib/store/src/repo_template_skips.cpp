// Dates on which shift templates do not run (schema version 10, `template_skips`).

#include "vstation/store/records.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, station_id, template_id, day, reason FROM template_skips ";

// The reason as a record column: at most 100 characters, no control characters
// (the CHECK on template_skips.reason is its backstop).
const ColumnSpec kReason{"reason", "原因", {"why", "原因"}};

TemplateSkip read_skip(const Rows& r) {
  TemplateSkip s;
  s.id = r.id<TemplateSkipId>(0);
  s.station = r.id<StationId>(1);
  s.template_id = r.opt_id<TemplateId>(2);
  s.date = r.date(3);
  s.reason = r.str(4);
  return s;
}

std::vector<TemplateSkip> read_skips(std::unique_ptr<Rows> r) {
  std::vector<TemplateSkip> out;
  while (r->next()) out.push_back(read_skip(*r));
  return out;
}

}  // namespace

namespace template_skips {

void check_reason(std::string_view reason) {
  check_text(kReason, reason);
}

TemplateSkipId insert(Connection& db, const TemplateSkip& s) {
  check_reason(s.reason);
  return TemplateSkipId{
      db.insert("INSERT INTO template_skips (station_id, template_id, day, reason) "
                "VALUES (?, ?, ?, ?)",
                params(s.station, s.template_id, s.date, s.reason))};
}

void remove(Connection& db, TemplateSkipId id) {
  db.execute("DELETE FROM template_skips WHERE id = ?", params(id));
}

std::optional<TemplateSkip> find(Connection& db, StationId st, std::optional<TemplateId> t,
                                 Date d) {
  auto v = read_skips(db.query(std::string(kColumns) +
                                   "WHERE station_id = ? AND day = ? AND "
                                   "((? IS NULL AND template_id IS NULL) OR template_id = ?)",
                               params(st, d, t, t)));
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<TemplateSkip> in_range(Connection& db, std::optional<StationId> st, DateRange days) {
  return read_skips(db.query(std::string(kColumns) +
                                 "WHERE day >= ? AND day <= ? AND (? IS NULL OR station_id = ?) "
                                 "ORDER BY day, station_id, template_id IS NOT NULL, template_id",
                             params(days.first, days.last, st, st)));
}

}  // namespace template_skips
}  // namespace vstation::store
