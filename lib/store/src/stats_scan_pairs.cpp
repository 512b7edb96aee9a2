// The sessions of the report pass's repeated (shift, volunteer) pairs, read again
// (stats_scan_parts.hpp, design.md §3.8).

#include <algorithm>
#include <future>
#include <map>

#include "stats_scan_parts.hpp"

namespace vstation::store::stats::scan {
namespace {

// Repeated (shift, volunteer) pairs read this many at a time, as terms of one query (SQLite) or
// as two lists of numbers (PostgreSQL).
constexpr std::size_t kPairs = 64;
constexpr std::size_t kPairsArray = 65'536;

// The credited sessions of kPairs (shift, volunteer) pairs (2 * kPairs parameters), each pair's
// together. The top-level shift_id IS NOT NULL and credited_min > 0 let each term use the
// partial index sessions_by_shift, which holds every column read (no table row at random).
const std::string& repeated_pairs_sql() {
  static const std::string sql = [] {
    std::string out =
        "SELECT s.shift_id, s.volunteer_id, s.eff_in, s.station_id, COALESCE(s.project_id, 0) "
        "FROM sessions s WHERE s.shift_id IS NOT NULL AND s.credited_min > 0 AND (";
    for (std::size_t k = 0; k < kPairs; ++k)
      out += std::string(k ? " OR " : "") + "(s.shift_id = ? AND s.volunteer_id = ?)";
    return out + ") ORDER BY s.shift_id, s.volunteer_id";
  }();
  return sql;
}

// The credited sessions of the pairs whose shifts and volunteers two parameters list, comma
// separated and in the same order (PostgreSQL): each pair found through `sessions_by_shift`.
const std::string& repeated_pairs_array_sql() {
  static const std::string sql =
      "SELECT s.shift_id, s.volunteer_id, s.eff_in, s.station_id, COALESCE(s.project_id, 0) "
      "FROM unnest(string_to_array(?, ',')::bigint[], string_to_array(?, ',')::bigint[]) "
      "AS p(shift_id, volunteer_id) JOIN sessions s ON s.shift_id = p.shift_id "
      "AND s.volunteer_id = p.volunteer_id WHERE s.shift_id IS NOT NULL AND s.credited_min > 0 "
      "ORDER BY s.shift_id, s.volunteer_id";
  return sql;
}

}  // namespace

std::size_t pairs_aligned(Connection& db) {
  return db.backend() == "postgresql" ? 1 : kPairs;
}

std::vector<PairSession> pair_sessions(
    Connection& on, const std::vector<std::pair<std::int64_t, std::int64_t>>& pairs,
    std::size_t from, std::size_t to) {
  // Each pair's sessions come together: on SQLite kPairs pairs a query (repeated_pairs_sql); on
  // PostgreSQL, where every query is a round trip and planning 64 terms costs more than running
  // them, up to kPairsArray a query, the pairs given as two lists of numbers
  // (repeated_pairs_array_sql).
  const bool arrays = on.backend() == "postgresql";
  const std::size_t per_query = arrays ? kPairsArray : kPairs;
  std::vector<PairSession> found;
  for (std::size_t lo = from; lo < to; lo += per_query) {
    const std::size_t hi = std::min(lo + per_query, to);
    std::vector<Value> args;
    std::map<std::pair<std::int64_t, std::int64_t>, std::uint32_t> pair_of;
    std::string shifts, volunteers;
    for (std::size_t k = 0; k < per_query; ++k) {
      // A short last batch of terms repeats its last pair; a list just ends.
      const std::size_t i = std::min(lo + k, hi - 1);
      if (arrays && i != lo + k) break;
      auto [shift, volunteer] = pairs[i];
      if (arrays) {
        (shifts += k ? "," : "") += std::to_string(shift);
        (volunteers += k ? "," : "") += std::to_string(volunteer);
      } else {
        args.emplace_back(shift);
        args.emplace_back(volunteer);
      }
      pair_of.emplace(pairs[i], std::uint32_t(i));
    }
    if (arrays) args = params(std::move(shifts), std::move(volunteers));
    // A query, not a stream: a cursor is planned for its first rows, and PostgreSQL then
    // walked all of `sessions_by_shift` in order rather than look each pair up and sort.
    auto q = on.query(arrays ? repeated_pairs_array_sql() : repeated_pairs_sql(), std::move(args));
    while (q->next()) {
      auto at = pair_of.find({q->i64(0), q->i64(1)});
      if (at != pair_of.end()) found.push_back({at->second, q->i64(2), q->i64(3), q->i64(4)});
    }
  }
  return found;
}

std::vector<RepeatFound> repeated_sessions(
    Connection& db, Connection* beside, const Layout& layout,
    const std::vector<std::pair<std::int64_t, std::int64_t>>& pairs,
    const std::function<bool(std::int64_t, std::int64_t)>& from_totals) {
  auto read = [&](Connection& on, std::size_t from, std::size_t to) {
    std::vector<RepeatFound> found;
    for (const PairSession& s : pair_sessions(on, pairs, from, to)) {
      std::uint32_t st = layout.station_of(s.station);
      if (st == UINT32_MAX) continue;  // another station's, or one added since
      std::size_t cursor = 0;
      std::int32_t d = layout.zone_days[layout.station_zone[st]].day_of(s.at, cursor);
      if (from_totals(s.station, s.at)) continue;
      if (d >= 0 && d < layout.span_days) found.push_back({s.pair, d, st, s.project});
    }
    return found;
  };
  if (!beside) return read(db, 0, pairs.size());
  const std::size_t align = pairs_aligned(db);
  const std::size_t half = std::min((pairs.size() / 2 + align - 1) / align * align, pairs.size());
  auto other = std::async(std::launch::async, [&] { return read(*beside, half, pairs.size()); });
  std::vector<RepeatFound> found;
  try {
    found = read(db, 0, half);
  } catch (...) {
    other.wait();
    throw;
  }
  auto second_half = other.get();
  found.insert(found.end(), second_half.begin(), second_half.end());
  return found;
}

}  // namespace vstation::store::stats::scan
