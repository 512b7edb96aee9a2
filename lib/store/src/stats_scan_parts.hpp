#pragma once
// The report pass's parts (stats_scan.cpp only): dense indexes, local days, the sorted keys,
// per-category bits, active projects. Internal to lib/store.

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "stats_sql.hpp"
#include "vstation/store/day_totals.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/quarter_service.hpp"
#include "vstation/store/stats_scan.hpp"

namespace vstation::store::stats::scan {

// Reads a pass may make on either connection, each once, taken in order by whichever is free:
// the helper from the start, the pass's own connection once its streams are read.
class Chores {
 public:
  void add(std::function<void(Connection&)> chore) { todo_.push_back(std::move(chore)); }
  void run(Connection& on) {
    for (std::size_t i; (i = next_.fetch_add(1)) < todo_.size();) todo_[i](on);
  }

 private:
  std::vector<std::function<void(Connection&)>> todo_;
  std::atomic<std::size_t> next_{0};
};

// Ids of one table as dense indexes 0, 1, …: a flat table while the ids are small (a few MB),
// a hash map otherwise.
class DenseIds {
 public:
  explicit DenseIds(std::int64_t max_id)
      : flat_(max_id >= 0 && max_id < (std::int64_t(1) << 24) ? std::size_t(max_id) + 1 : 0,
              UINT32_MAX) {}
  // Ids 0..max_id as their own indexes, all in `ids` already, when they are few enough: no
  // table look-up per row (a cache miss each, as rows come in time order); the caller sizes its
  // per-index arrays to ids.size() up front. Whether it did so.
  bool identity(std::int64_t max_id, std::vector<std::int64_t>& ids) {
    if (max_id < 0 || max_id >= (std::int64_t(1) << 22) || !ids.empty()) return false;
    identity_ = std::size_t(max_id) + 1;
    for (std::size_t i = 0; i < identity_; ++i) ids.push_back(std::int64_t(i));
    return true;
  }
  // The index of `id` (appended to `ids` when new) and whether it is new.
  std::pair<std::uint32_t, bool> of(std::int64_t id, std::vector<std::int64_t>& ids) {
    if (id >= 0 && std::size_t(id) < identity_) return {std::uint32_t(id), false};
    std::uint32_t* slot = id >= 0 && std::size_t(id) < flat_.size()
                              ? &flat_[std::size_t(id)]
                              : &hashed_.try_emplace(id, UINT32_MAX).first->second;
    if (*slot != UINT32_MAX) return {*slot, false};
    *slot = std::uint32_t(ids.size());
    ids.push_back(id);
    return {*slot, true};
  }

 private:
  std::vector<std::uint32_t> flat_;
  std::unordered_map<std::int64_t, std::uint32_t> hashed_;
  std::size_t identity_ = 0;
};

// The local days of the span at one zone: the UTC instant each begins, then the span's end.
struct ZoneDays {
  std::vector<std::int64_t> starts;
  // The day index of `at`: -1 before the span, starts.size() - 1 after it. `cursor` is the
  // caller's: rows come in check-in order, so the day is almost always the cursor's or the next.
  std::int32_t day_of(std::int64_t at, std::size_t& cursor) const {
    if (at < starts.front()) return -1;
    if (at >= starts.back()) return std::int32_t(starts.size() - 1);
    if (at < starts[cursor])
      cursor = std::size_t(std::upper_bound(starts.begin(), starts.end(), at) - starts.begin()) - 1;
    while (at >= starts[cursor + 1]) ++cursor;
    return std::int32_t(cursor);
  }
};

// Sorts 64-bit keys by 11-bit digits, least significant first (a few passes over the keys,
// each digit's counts in the L1 cache, instead of n log n comparisons with a branch each); a
// digit every key shares is skipped, so ids that fit 20 bits cost five passes.
inline void radix_sort(std::vector<std::uint64_t>& keys) {
  if (keys.size() < 1024) {
    std::sort(keys.begin(), keys.end());
    return;
  }
  constexpr unsigned kBits = 11, kDigits = (64 + kBits - 1) / kBits;
  constexpr std::size_t kRadix = std::size_t(1) << kBits;
  std::vector<std::size_t> counts(kDigits * kRadix, 0);
  for (std::uint64_t k : keys)
    for (unsigned d = 0; d < kDigits; ++d)
      ++counts[d * kRadix + ((k >> (d * kBits)) & (kRadix - 1))];
  std::vector<std::uint64_t> other(keys.size());
  for (unsigned d = 0; d < kDigits; ++d) {
    std::size_t* c = &counts[d * kRadix];
    if (std::any_of(c, c + kRadix, [&](std::size_t n) { return n == keys.size(); })) continue;
    std::size_t at = 0;
    for (std::size_t b = 0; b < kRadix; ++b) at += std::exchange(c[b], at);
    for (std::uint64_t k : keys) other[c[(k >> (d * kBits)) & (kRadix - 1)]++] = k;
    keys.swap(other);
  }
}

// 64-bit keys read back in ascending order: put in buckets by their high bits as they come
// (chunks of a few thousand, so no reallocation peak), each bucket sorted on its own when read
// (small enough for the cache: a few times faster than sorting long runs and merging them).
class SortedKeys {
 public:
  explicit SortedKeys(std::uint64_t max_key) : buckets_(kBuckets) {
    while ((max_key >> shift_) >= kBuckets) ++shift_;
  }
  void add(std::uint64_t k) {
    auto& chunks = buckets_[std::min<std::uint64_t>(k >> shift_, kBuckets - 1)];
    if (chunks.empty() || chunks.back().size() == kChunk) chunks.emplace_back().reserve(kChunk);
    chunks.back().push_back(k);
  }
  // Calls f(key) for every key in ascending order (duplicates included).
  template <class F>
  void each(F f) const {
    std::vector<std::uint64_t> run;
    for (const auto& chunks : buckets_) {
      run.clear();
      for (const auto& c : chunks) run.insert(run.end(), c.begin(), c.end());
      radix_sort(run);
      for (std::uint64_t k : run) f(k);
    }
  }

 private:
  static constexpr std::size_t kBuckets = 1024, kChunk = 4096;
  unsigned shift_ = 0;
  std::vector<std::vector<std::vector<std::uint64_t>>> buckets_;
};

// Member << 32 | volunteer keys, kept sorted and unique every so often: memory follows the
// distinct pairs, not the rows, and the work is sequential.
inline void add_distinct(std::vector<std::uint64_t>& keys, std::uint64_t k) {
  if (!keys.empty() && keys.back() == k) return;  // a volunteer's sessions often follow each other
  if (keys.size() == keys.capacity() && keys.size() >= (std::size_t(1) << 20)) {
    radix_sort(keys);
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    if (keys.size() * 2 > keys.capacity()) keys.reserve(keys.capacity() * 2);
  }
  keys.push_back(k);
}
inline void finish_distinct(std::vector<std::uint64_t>& keys) {
  radix_sort(keys);
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  keys.shrink_to_fit();
}

// A volunteer's bit per category, for the few categories: their distinct volunteers without
// a key per row.
struct CategoryBits {
  std::vector<std::vector<std::uint64_t>> bits;  // per category member, per volunteer
  std::vector<std::int64_t> volunteers;          // per category member
  void add(std::uint32_t member, std::uint32_t v) {
    if (member >= bits.size()) bits.resize(member + 1), volunteers.resize(member + 1, 0);
    auto& b = bits[member];
    if (v / 64 >= b.size()) b.resize(std::max<std::size_t>(v / 64 + 1, b.size() * 2), 0);
    std::uint64_t m = std::uint64_t(1) << (v % 64);
    if (!(b[v / 64] & m)) b[v / 64] |= m, ++volunteers[member];
  }
};

// Shift and project ids are kept in 32 bits; 0 stands for none (the queries read a missing
// one as COALESCE(id, 0): one column read a row instead of two).
inline std::uint32_t small_id(std::int64_t id) {
  if (id < 0 || id > std::int64_t(UINT32_MAX))
    throw std::out_of_range("record id beyond 32 bits in a report");
  return std::uint32_t(id);
}

// Two ids sent in one column (ScanPlan::pair_ids): the SQL that joins them, each below 2^32, and
// the two it gives back.
inline std::string two_ids(std::string_view high, std::string_view low) {
  return std::string(high) + " * 4294967296 + " + std::string(low);
}
inline std::pair<std::int64_t, std::int64_t> split_ids(std::int64_t both) {
  return {both >> 32, both & 0xffffffff};
}

// The projects with an uncancelled shift starting in each planned range, as
// stats::projects_active counts them: a bit per project id and range.
class ActiveProjects {
 public:
  ActiveProjects(std::size_t ranges, std::int64_t max_id)
      : ranges_(max_id >= 0 && max_id < (std::int64_t(1) << 26) ? ranges : 0),
        words_((std::size_t(std::max<std::int64_t>(max_id, 0)) >> 6) + 1),
        bits_(ranges_ * words_, 0),
        counts_(ranges_, 0) {}
  // Project `id` (0: none) on a shift of a day in the ranges of `day_mask`.
  void mark(std::uint32_t id, const std::uint64_t* day_mask) {
    if (id == 0 || ranges_ == 0) return;
    if ((id >> 6) >= words_) {  // a project added since MAX(id) was read: not counted here
      ranges_ = 0;
      return;
    }
    for (std::size_t w = 0; w * 64 < ranges_; ++w)
      for (std::uint64_t m = day_mask[w]; m != 0; m &= m - 1) {
        std::size_t r = w * 64 + std::size_t(std::countr_zero(m));
        std::uint64_t& word = bits_[r * words_ + (id >> 6)];
        std::uint64_t bit = std::uint64_t(1) << (id & 63);
        if (!(word & bit)) word |= bit, ++counts_[r];
      }
  }
  // `n` more projects active in range `r` (counted elsewhere, on days no other range has).
  void add(std::size_t r, std::int64_t n) {
    if (r < ranges_) counts_[r] += n;
  }
  // Per range; empty when not counted (ids too large for a bit table).
  std::vector<std::int64_t> counts() const {
    return ranges_ == 0 ? std::vector<std::int64_t>{} : counts_;
  }

 private:
  std::size_t ranges_, words_;
  std::vector<std::uint64_t> bits_;
  std::vector<std::int64_t> counts_;
};

// Where the pass puts a row (stats_scan_layout.cpp): the span's local days at each zone, the
// stations of the scope as dense indexes, each day's planned ranges, and the ranges read narrow
// (ScanPlan::narrow_apart), whose rows count on their first day.
struct Layout {
  Layout(Connection& db, std::optional<StationId> station, DateRange span, const ScanPlan& plan);

  DateRange span;
  std::int32_t span_days;
  detail::Zones zones;
  std::vector<std::int64_t> station_ids;    // dense index -> id
  std::vector<ZoneDays> zone_days;          // per zone
  std::vector<std::uint32_t> station_zone;  // dense station index -> zone
  std::size_t words;                        // words of range bits a day
  std::vector<std::uint64_t> day_mask;      // per day, the planned ranges it is in
  std::vector<DateRange> alone;             // apart from every other range, in order
  std::vector<DateRange> narrow;            // of those, read narrow, in order

  [[nodiscard]] std::int32_t day_index(Date d) const {
    return std::int32_t(d.day_number() - span.first.day_number());
  }
  // The dense index of station `id`; UINT32_MAX: not in the scope.
  [[nodiscard]] std::uint32_t station_of(std::int64_t id) const {  // once a row: inline
    if (id >= 0 && std::size_t(id) < station_flat_.size()) return station_flat_[std::size_t(id)];
    auto it = station_index_.find(id);
    return it == station_index_.end() ? UINT32_MAX : it->second;
  }
  // `head` (a SELECT up to its WHERE) for each stretch of [from, until) between the narrow
  // ranges, or between those of `skip` (in order, disjoint) when given (no `from`: since the
  // first record), `col` of each row by its station's zone and then `also` (appending its own
  // parameter), joined by UNION ALL; empty when there is no stretch.
  using Also = std::function<std::string(std::vector<Value>&)>;
  [[nodiscard]] std::string over_stretches(const std::string& head, const char* col,
                                           const char* station_col, std::optional<Date> from,
                                           Date until, std::vector<Value>& args, const Also& also,
                                           const std::vector<DateRange>* skip = nullptr) const;

 private:
  std::vector<std::uint32_t> station_flat_;
  std::unordered_map<std::int64_t, std::uint32_t> station_index_;
};

// Each day's shifts, slots demanded and filled, and the projects active in each of the plan's
// ranges (empty where not counted; -1 for a range not counted alone): the shifts of the layout's
// span (stats_scan_shifts.cpp). SQLite reads them as rows; a server sums them where they are, by
// start time, except that each range apart from every other (Layout::alone, whose days nothing
// asks for one by one) is summed whole, its fill counted on its first day, and counts the
// projects of the ranges in ScanPlan::projects_asked only.
struct ShiftDays {
  std::vector<ShiftFill> fill;  // per day of the span
  std::vector<std::int64_t> projects_active;
};
ShiftDays read_shift_days(Connection& on, const Layout& layout, const ScanPlan& plan,
                          std::int64_t max_project, bool paired);

// A credited session of a repeated (shift, volunteer) pair: the pair's index, its check-in,
// station and project (0: none).
struct PairSession {
  std::uint32_t pair;
  std::int64_t at, station, project;
};
// The credited sessions of pairs[from, to) (shift id, volunteer id each), each pair's together
// (stats_scan_pairs.cpp).
std::vector<PairSession> pair_sessions(
    Connection& on, const std::vector<std::pair<std::int64_t, std::int64_t>>& pairs,
    std::size_t from, std::size_t to);
// How many pairs one query of pair_sessions takes whole on `db`'s backend (1: any number): split
// the pairs between two connections at a multiple of it.
std::size_t pairs_aligned(Connection& db);
// A credited session of a repeated pair found again: the pair's index, the session's day of the
// span, its station's dense index and its project id (0: none).
struct RepeatFound {
  std::uint32_t pair;
  std::int32_t day;
  std::uint32_t station;
  std::int64_t project;
};
// The credited sessions of `pairs` (shift id, volunteer id each) on the span's days at the
// layout's stations, less those `from_totals(station id, check-in)` says are counted from the
// quarter totals; with `beside`, it reads the second half of the pairs while `db` reads the first.
std::vector<RepeatFound> repeated_sessions(
    Connection& db, Connection* beside, const Layout& layout,
    const std::vector<std::pair<std::int64_t, std::int64_t>>& pairs,
    const std::function<bool(std::int64_t, std::int64_t)>& from_totals);

// Each of `parts` from the day totals (day_totals.hpp) of the zones' stations: at each zone, the
// sums of its days, less the hours of its first day before it begins and plus those of the day
// after it before it ends, both read from the records. Only the parts' days are read, or with
// `all` every day, whose sum it gets.
struct PartTotals {
  std::vector<std::int64_t> minutes;
  std::vector<ShiftFill> fill;
};
PartTotals part_totals(Connection& db, const detail::Zones& zones,
                       const std::vector<DateRange>& parts, day_totals::Sums* all = nullptr);

// The one range of a plan counted from the maintained totals alone (ScanPlan::history_totals,
// stats_scan_history.cpp): a range of every station holding every credited session of the
// database. Its minutes, walk-ins and (shift, volunteer) pairs are then the day totals' sums over
// every day and station, and each volunteer's minutes the credit totals' years. Each part is the
// sum of the days it lies in, less the hours of its first day before it begins and plus those of
// the day after it (day_totals.hpp), at each zone; the active projects are found through
// `shifts_by_project`.
struct HistoryTotals {
  // Such a range, or nothing (the pass reads the sessions).
  static std::optional<HistoryTotals> of(Connection& db, std::optional<StationId> station,
                                         const ScanPlan& plan);
  // Each on any connection, at the same time as the others.
  void read_minutes(Connection& db);   // each volunteer's (and the volunteers)
  void read_days(Connection& db);      // the parts and the range's other sums
  void read_projects(Connection& db);  // the active projects

  DateRange range{};
  std::vector<DateRange> parts;
  detail::Zones zones;
  // What the reads give:
  ServiceTotals totals;
  std::vector<std::pair<std::int64_t, std::int64_t>> minutes;  // (volunteer id, minutes > 0)
  std::vector<std::int64_t> part_minutes;
  std::vector<ShiftFill> part_fill;
  std::int64_t projects_active = 0;
};

// A range the pass reads narrow that is a whole local quarter, counted from the maintained
// totals of the quarter of the same name in the UTC+14 calendar (credit_totals.hpp,
// quarter_service.hpp), which begins hours before the range does at any station and ends hours
// before it ends. Inside both, the sessions are not read: the quarter's rows less its head (its
// sessions before the range's first local day, read here) give the range's minutes, walk-ins and
// shifts per volunteer; its tail (the range's sessions after the quarter ends) the pass reads
// narrow as usual. A (shift, volunteer) pair at either edge is looked up whole, so that it
// counts once: a head pair only if it has a session inside, a tail pair not again if it has one.
class QuarterTotals {
 public:
  static std::optional<QuarterTotals> of(DateRange days);  // nothing: not a whole quarter

  [[nodiscard]] const DateRange& days() const { return days_; }
  [[nodiscard]] Instant ends() const { return ends_; }  // the UTC+14 quarter's end
  // Whether a session checked in at `at`, at a station whose first local instant of the range is
  // `first`, is inside both (not read by the pass).
  [[nodiscard]] bool is_inside(std::int64_t first, std::int64_t at) const {
    return at >= first && at < ends_.seconds;
  }
  // The quarter's minutes (credit_totals), of the stations `in_scope`.
  void read_minutes(Connection& on, const std::function<bool(std::int64_t)>& in_scope);
  // The quarter's walk-ins and shifts (quarter_service) summed, and its head, of the zones'
  // stations (on another connection than read_minutes, at the same time, if need be); with
  // `by_key`, its rows too, for finish's `each_key`: per station and volunteer, or per station,
  // volunteer and project `by_project`; `paired_ids`: station and volunteer ids fit two_ids.
  void read_service(Connection& on, const detail::Zones& zones, bool by_key = false,
                    bool by_project = false, bool paired_ids = false);
  // A credited session at an edge of the range: of its head (in the UTC+14 quarter, before the
  // range) or its tail (in the range, after the UTC+14 quarter).
  struct Edge {
    std::int64_t station, volunteer, minutes, shift;  // shift 0: a walk-in
    std::int64_t project = 0;                         // 0: none, or not read
  };
  // One volunteer's figures at one station (on one project, when read by project) inside the
  // range, the tail included.
  struct Keyed {
    std::int64_t station, volunteer, project, minutes, walk_ins, shifts;
  };
  // What lies inside: the totals (a tail pair with a session inside taken off, as the pass
  // counts it), and each volunteer's minutes there per station (not 0); after read_service
  // `by_key`, each_key(each (station, volunteer[, project]) with sessions in the range, its tail
  // counted, its shifts distinct), by key. `tail` holds the tail's sessions the pass read
  // (station 0 unless by_key; an edge's project counts only by project); `first_instant(station
  // id)` is the range's first local instant at that station.
  struct Inside {
    ServiceTotals totals;
    std::vector<std::pair<std::int64_t, std::int64_t>> minutes;  // (volunteer id, minutes)
  };
  [[nodiscard]] Inside finish(Connection& db, std::vector<Edge> tail,
                              const std::function<std::int64_t(std::int64_t)>& first_instant,
                              const std::function<void(const Keyed&)>& each_key = {}) const;

 private:
  struct Minutes {  // a volunteer's credited minutes at a station
    std::int64_t station, volunteer, minutes;
  };
  using Head = Edge;
  // Streams the quarter's rows into each_key with the edges' parts; their sums.
  quarter_service::Sums keyed(Connection& db, const std::vector<Edge>& tail,
                              const std::vector<std::pair<std::int64_t, std::int64_t>>& edge,
                              const std::vector<bool>& has_inside,
                              const std::function<void(const Keyed&)>& each_key) const;

  DateRange days_{};
  std::int64_t key_ = 0;
  Instant begins_, ends_;
  std::vector<Minutes> minutes_;  // the quarter's, by station and volunteer
  std::vector<Head> head_;        // by station and volunteer
  bool by_key_ = false, by_project_ = false, paired_ids_ = false;
  std::optional<std::vector<std::int64_t>> stations_;  // of the zones (none: every station)
  quarter_service::Sums sums_;                         // unless by_key (read by finish then)
};

}  // namespace vstation::store::stats::scan
