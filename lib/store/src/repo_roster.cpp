#include <map>

#include "batched_upsert.hpp"
#include "bulk_rows.hpp"
#include "local_days.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT a.id, a.shift_id, a.volunteer_id, a.status, a.source, a.pinned FROM assignments a ";
constexpr std::string_view kInserted = "shift_id, volunteer_id, status, source, pinned";

void append_assignment(std::vector<Value>& args, const Assignment& a) {
  args.insert(args.end(), {to_value(a.shift), to_value(a.volunteer), to_value(code_of(a.status)),
                           to_value(code_of(a.source)), to_value(a.pinned)});
}

std::vector<Assignment> read_all(std::unique_ptr<Rows> r) {
  std::vector<Assignment> out;
  while (r->next()) {
    Assignment a;
    a.id = r->id<AssignmentId>(0);
    a.shift = r->id<ShiftId>(1);
    a.volunteer = r->id<VolunteerId>(2);
    a.status = parse_enum<AssignmentStatus>(r->str(3));
    a.source = parse_enum<AssignmentSource>(r->str(4));
    a.pinned = r->flag(5);
    out.push_back(a);
  }
  return out;
}

}  // namespace

namespace assignments {

AssignmentId insert(Connection& db, const Assignment& a) {
  static const std::string sql = "INSERT INTO assignments (" + std::string(kInserted) +
                                 ") VALUES " +
                                 batched::placeholders(batched::columns_of(kInserted));
  std::vector<Value> args;
  append_assignment(args, a);
  return AssignmentId{db.insert(sql, std::move(args))};
}

AssignmentId next_id(Connection& db) {
  return AssignmentId{batched::next_id(db, "assignments")};
}

std::vector<Value> values_with_ids(std::span<const Assignment> rows) {
  return batched::bind_all(rows.size(), batched::columns_of(kInserted) + 1,
                           [&](std::size_t i, std::vector<Value>& args) {
                             args.push_back(to_value(rows[i].id));
                             append_assignment(args, rows[i]);
                           });
}

void insert_values(Connection& db, std::vector<Value> values) {
  static const std::string head =
      "INSERT INTO assignments (id, " + std::string(kInserted) + ") VALUES ";
  batched::write_bound(db, head, batched::columns_of(kInserted) + 1, "", std::move(values));
}

void update(Connection& db, const Assignment& a) {
  db.execute("UPDATE assignments SET status = ?, source = ?, pinned = ? WHERE id = ?",
             params(code_of(a.status), code_of(a.source), a.pinned, a.id));
}

void remove(Connection& db, AssignmentId id) {
  db.execute("DELETE FROM assignments WHERE id = ?", params(id));
}

std::optional<Assignment> find(Connection& db, ShiftId s, VolunteerId v) {
  auto out = read_all(db.query(std::string(kColumns) + "WHERE a.shift_id = ? AND a.volunteer_id = ?",
                               params(s, v)));
  if (out.empty()) return std::nullopt;
  return out.front();
}

std::vector<Assignment> of_shift(Connection& db, ShiftId s) {
  return read_all(db.query(std::string(kColumns) + "WHERE a.shift_id = ? ORDER BY a.id", params(s)));
}

std::size_t cancel_on_shift(Connection& db, ShiftId s) {
  std::size_t n = 0;
  for (auto a : of_shift(db, s)) {
    if (a.status == AssignmentStatus::cancelled) continue;
    a.status = AssignmentStatus::cancelled;
    a.pinned = false;
    update(db, a);
    ++n;
  }
  return n;
}

std::vector<Assignment> of_station(Connection& db, StationId st) {
  // The station's shifts first (CROSS JOIN keeps SQLite to that order), each one's people by the
  // UNIQUE (shift, volunteer) index.
  return read_all(db.query(
      "SELECT a.id, a.shift_id, a.volunteer_id, a.status, a.source, a.pinned FROM shifts s "
      "CROSS JOIN assignments a WHERE a.shift_id = s.id AND s.station_id = ?",
      params(st)));
}

std::vector<Assignment> in_range(Connection& db, TimeRange range, std::optional<StationId> st) {
  return read_all(db.query(std::string(kColumns) +
                               "JOIN shifts s ON s.id = a.shift_id WHERE s.starts_at >= ? AND "
                               "s.starts_at < ? AND (? IS NULL OR s.station_id = ?) "
                               "ORDER BY s.starts_at, a.id",
                           params(range.begin, range.end, st, st)));
}

std::vector<Assignment> all(Connection& db, const ListFilter& f) {
  if (!f.any()) return read_all(db.query(std::string(kColumns) + "ORDER BY a.shift_id, a.id"));
  auto b = utc_bounds(f);
  auto rows = read_all(db.query(
      std::string(kColumns) +
          "JOIN shifts s ON s.id = a.shift_id WHERE (? IS NULL OR a.volunteer_id = ?) "
          "AND (? IS NULL OR s.station_id = ?) AND (? IS NULL OR a.status = ?) "
          "AND (? IS NULL OR s.starts_at >= ?) AND (? IS NULL OR s.starts_at < ?) "
          "ORDER BY a.shift_id, a.id",
      params(f.volunteer, f.volunteer, f.station, f.station, f.status, f.status, b.lo, b.lo, b.hi,
             b.hi)));
  if (!f.days()) return rows;
  // The shift's local day at its station.
  std::map<ShiftId, Shift> shifts;
  StationDays days(db, f);
  std::vector<Assignment> out;
  for (auto& a : rows) {
    auto s = shifts.find(a.shift);
    if (s == shifts.end()) s = shifts.emplace(a.shift, *shifts::get(db, a.shift)).first;
    if (days.contains(s->second.time.begin, s->second.station)) out.push_back(a);
  }
  return out;
}

}  // namespace assignments
}  // namespace vstation::store
