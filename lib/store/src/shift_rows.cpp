#include "batched_upsert.hpp"
#include "bulk_rows.hpp"

namespace vstation::store::shifts {
namespace {

constexpr std::string_view kInserted =
    "station_id, project_id, template_id, starts_at, ends_at, slots, priority, cancelled";

void append_shift(std::vector<Value>& args, const Shift& s) {
  args.insert(args.end(),
              {to_value(s.station), to_value(s.project), to_value(s.from_template),
               to_value(s.time.begin), to_value(s.time.end), to_value(std::int64_t(s.slots)),
               to_value(std::int64_t(s.priority)), to_value(s.cancelled)});
}
constexpr std::string_view kMinimumsInsert =
    "INSERT INTO shift_minimums (shift_id, skill_id, min_count) VALUES ";

}  // namespace

ShiftId next_id(Connection& db) {
  return ShiftId{batched::next_id(db, "shifts")};
}

ShiftId insert_row(Connection& db, const Shift& s) {
  static const std::string sql = "INSERT INTO shifts (" + std::string(kInserted) + ") VALUES " +
                                 batched::placeholders(batched::columns_of(kInserted));
  std::vector<Value> args;
  append_shift(args, s);
  return ShiftId{db.insert(sql, std::move(args))};
}

BoundRows values_with_ids(std::span<const Shift> rows) {
  BoundRows out;
  out.shifts = batched::bind_all(rows.size(), batched::columns_of(kInserted) + 1,
                                 [&](std::size_t i, std::vector<Value>& args) {
                                   args.push_back(to_value(rows[i].id));
                                   append_shift(args, rows[i]);
                                 });
  for (const auto& s : rows)
    for (const auto& [skill, count] : s.minimums)
      out.minimums.insert(out.minimums.end(),
                          {to_value(s.id), to_value(skill), to_value(std::int64_t(count))});
  return out;
}

void insert_values(Connection& db, BoundRows rows) {
  static const std::string head = "INSERT INTO shifts (id, " + std::string(kInserted) + ") VALUES ";
  batched::write_bound(db, head, batched::columns_of(kInserted) + 1, "", std::move(rows.shifts));
  batched::write_bound(db, kMinimumsInsert, batched::columns_of(kMinimumsInsert), "",
                       std::move(rows.minimums));
}

}  // namespace vstation::store::shifts
