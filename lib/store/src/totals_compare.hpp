#pragma once
// The maintained totals (credit_totals.cpp, incident_totals.cpp, shift_fill.cpp) against a
// recount: the stored rows, read in key order, walked beside the recount's, sorted by the same
// key; and the differences gathered for `vstation check` and `vstation recount`.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store::totals {

// Calls differ(stored, counted) for each key whose rows differ, a missing side given as
// `zero(row)` (the key with values of 0, as the triggers leave a row whose records went away);
// stops when differ returns false. `read` makes a Row of the stream's current row.
template <class Row, class Read, class Key, class Zero, class Differ>
void compare(Rows& stored_rows, Read read, const std::vector<Row>& counted, Key key, Zero zero,
             Differ differ) {
  std::size_t i = 0;
  bool more = true;
  while (more && stored_rows.next()) {
    Row stored = read(stored_rows);
    for (; more && i < counted.size() && key(counted[i]) < key(stored); ++i)
      more = differ(zero(counted[i]), counted[i]);
    if (!more) break;
    Row c = zero(stored);
    if (i < counted.size() && key(counted[i]) == key(stored)) c = counted[i++];
    if (!(c == stored)) more = differ(stored, c);
  }
  for (; more && i < counted.size(); ++i) more = differ(zero(counted[i]), counted[i]);
}

// Calls f(Difference{key, stored, counted}) for each row of `sql`, which gives those three
// integers for each key whose stored count differs from a recount (a SQL join of the two), until
// f returns false.
template <class Difference, class F>
void each_differing(Connection& db, std::string_view sql, F f) {
  auto r = db.stream(std::string(sql));
  while (r->next())
    if (!f(Difference{r->i64(0), r->i64(1), r->i64(2)})) return;
}

// The first `limit` differences `walk` gives, in one read transaction (`vstation check`). `walk`
// calls its argument with each difference, in key order, and stops when that returns false.
template <class Difference, class Walk>
std::vector<Difference> first_differences(Connection& db, std::size_t limit, Walk walk) {
  std::vector<Difference> out;
  if (limit == 0) return out;
  ReadTransaction read(db);
  walk([&](const Difference& d) {
    out.push_back(d);
    return out.size() < limit;
  });
  return out;
}

// Every difference `walk` gives (for a rebuild, in the caller's transaction).
template <class Difference, class Walk>
std::vector<Difference> all_differences(Walk walk) {
  std::vector<Difference> out;
  walk([&](const Difference& d) {
    out.push_back(d);
    return true;
  });
  return out;
}

// The first `limit` differences, and all of them, of one SQL join (each_differing).
template <class Difference>
std::vector<Difference> first_differing(Connection& db, std::size_t limit, std::string_view sql) {
  return first_differences<Difference>(db, limit,
                                       [&](auto f) { each_differing<Difference>(db, sql, f); });
}
template <class Difference>
std::vector<Difference> all_differing(Connection& db, std::string_view sql) {
  return all_differences<Difference>([&](auto f) { each_differing<Difference>(db, sql, f); });
}

}  // namespace vstation::store::totals
