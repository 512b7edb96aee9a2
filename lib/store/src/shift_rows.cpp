#include "batched_upsert.hpp"
#include "bulk_rows.hpp"

namespace vstation::store::shifts {
namespace {

constexpr std::string_view kShiftsInsert =
    "INSERT INTO shifts (id, station_id, project_id, template_id, starts_at, ends_at, slots, "
    "priority, cancelled) VALUES ";
constexpr std::string_view kMinimumsInsert =
    "INSERT INTO shift_minimums (shift_id, skill_id, min_count) VALUES ";

}  // namespace

ShiftId next_id(Connection& db) {
  return ShiftId{db.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM shifts").value_or(1)};
}

BoundRows values_with_ids(std::span<const Shift> rows) {
  BoundRows out;
  out.shifts = batched::bind_all(
      rows.size(), batched::columns_of(kShiftsInsert),
      [&](std::size_t i, std::vector<Value>& args) {
        const Shift& s = rows[i];
        args.insert(args.end(), {to_value(s.id), to_value(s.station), to_value(s.project),
                                 to_value(s.from_template), to_value(s.time.begin),
                                 to_value(s.time.end), to_value(std::int64_t(s.slots)),
                                 to_value(std::int64_t(s.priority)), to_value(s.cancelled)});
      });
  for (const auto& s : rows)
    for (const auto& [skill, count] : s.minimums)
      out.minimums.insert(out.minimums.end(),
                          {to_value(s.id), to_value(skill), to_value(std::int64_t(count))});
  return out;
}

void insert_values(Connection& db, BoundRows rows) {
  batched::write_bound(db, kShiftsInsert, batched::columns_of(kShiftsInsert), "",
                       std::move(rows.shifts));
  batched::write_bound(db, kMinimumsInsert, batched::columns_of(kMinimumsInsert), "",
                       std::move(rows.minimums));
}

}  // namespace vstation::store::shifts
