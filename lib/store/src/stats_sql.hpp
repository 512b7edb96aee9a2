#pragma once
// Shared by the stats_*.cpp files: how a period of local days becomes a portable WHERE clause.

#include <string>
#include <vector>

#include "vstation/store/stats.hpp"

namespace vstation::store::stats::detail {

// Widest offsets a station may have; the UTC bounds keep the index on the time column usable,
// the local bounds then place each row exactly by its own station's offset.
constexpr std::int64_t kMaxOffsetSeconds = 14 * 3600;

struct Bounds {
  std::int64_t utc_lo, utc_hi, local_lo, local_hi;
};

inline Bounds bounds(const DateRange& days) {
  std::int64_t lo = days.first.day_number() * 86400;
  std::int64_t hi = days.last.plus_days(1).day_number() * 86400;
  return {lo - kMaxOffsetSeconds, hi + kMaxOffsetSeconds, lo, hi};
}

// "<col> in the period at <station alias>" with its parameters appended to args.
inline std::string in_period(const std::string& col, const std::string& st, const Period& p,
                             std::vector<Value>& args) {
  Bounds b = bounds(p.days);
  for (auto v : {b.utc_lo, b.utc_hi, b.local_lo, b.local_hi}) args.emplace_back(v);
  args.push_back(to_value(p.station));
  args.push_back(to_value(p.station));
  return col + " >= ? AND " + col + " < ? AND " + col + " + " + st + ".utc_offset_min * 60 >= ? AND " +
         col + " + " + st + ".utc_offset_min * 60 < ? AND (? IS NULL OR " + st + ".id = ?)";
}

// Sessions alias s joined to stations st, in the period, optionally of one volunteer.
inline std::string sessions_in_period(const Period& p, std::vector<Value>& args) {
  std::string w = in_period("s.eff_in", "st", p, args);
  args.push_back(to_value(p.volunteer));
  args.push_back(to_value(p.volunteer));
  return w + " AND (? IS NULL OR s.volunteer_id = ?)";
}

// The person-time columns: rostered pairs, walk-ins, distinct volunteers, minutes.
inline constexpr const char* kServiceColumns =
    "COUNT(DISTINCT CASE WHEN s.shift_id IS NOT NULL THEN s.volunteer_id || ':' || s.shift_id END), "
    "SUM(CASE WHEN s.shift_id IS NULL THEN 1 ELSE 0 END), COUNT(DISTINCT s.volunteer_id), "
    "COALESCE(SUM(s.credited_min), 0)";

// Reads kServiceColumns starting at column `c`.
inline ServiceTotals read_service(const Rows& r, int c) {
  ServiceTotals t;
  std::int64_t rostered = r.is_null(c) ? 0 : r.i64(c);
  t.walk_ins = r.is_null(c + 1) ? 0 : r.i64(c + 1);
  t.person_times = rostered + t.walk_ins;
  t.volunteers = r.is_null(c + 2) ? 0 : r.i64(c + 2);
  t.credited_minutes = r.is_null(c + 3) ? 0 : r.i64(c + 3);
  return t;
}

}  // namespace vstation::store::stats::detail
