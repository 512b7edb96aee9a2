#pragma once
// Placing records on local days (design.md §3.5) inside a store query: a filter's days bound the
// UTC instants in SQL by the widest offsets a zone may have, and each row is then placed on its
// own station's calendar.

#include <map>

#include "vstation/store/db.hpp"
#include "vstation/store/list_filter.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store {

// [lo, hi): every instant whose local day, in any zone, may fall in the filter's days. UTC-14:00
// to UTC+14:00 covers every zone, fixed ones included. Absent: that end is open.
struct UtcBounds {
  std::optional<Instant> lo;
  std::optional<Instant> hi;
};
inline UtcBounds utc_bounds(const ListFilter& f) {
  UtcBounds b;
  if (f.from) b.lo = Instant{f.from->day_number() * 86400 - 14 * 3600};
  if (f.to) b.hi = Instant{(f.to->day_number() + 1) * 86400 + 14 * 3600};
  return b;
}

// Whether an instant at a station falls on the filter's local days (time zones read once each).
class StationDays {
 public:
  StationDays(Connection& db, const ListFilter& f) : db_(db), f_(f) {}
  bool contains(Instant t, StationId st) {
    if (!f_.days()) return true;
    auto z = zones_.find(st);
    if (z == zones_.end()) z = zones_.emplace(st, stations::get(db_, st)->zone).first;
    Date day = local_date(t, z->second);
    return !(f_.from && day < *f_.from) && !(f_.to && day > *f_.to);
  }

 private:
  Connection& db_;
  const ListFilter& f_;
  std::map<StationId, TimeZone> zones_;
};

// Keeps the records whose instant `at(r)` at station `station(r)` is on the filter's days.
template <class R, class At, class Station>
std::vector<R> on_days(Connection& db, const ListFilter& f, std::vector<R> rows, At at,
                       Station station) {
  if (!f.days()) return rows;
  StationDays days(db, f);
  std::vector<R> out;
  for (auto& r : rows)
    if (days.contains(at(r), station(r))) out.push_back(std::move(r));
  return out;
}

}  // namespace vstation::store
