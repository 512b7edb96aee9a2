// One streamed pass over the credited sessions of a report (stats_scan.hpp, design.md §3.6).

#include "vstation/store/stats_scan.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "stats_sql.hpp"

namespace vstation::store::stats {
namespace {

// The UTC instants at which `days` begin and end at each zone.
struct Bounds {
  std::vector<std::int64_t> lo, hi;
};
Bounds bounds_of(const std::vector<TimeZone>& zones, DateRange days) {
  Bounds b;
  for (const auto& z : zones) {
    b.lo.push_back(days.first.start_at(z).seconds);
    b.hi.push_back(days.last.plus_days(1).start_at(z).seconds);
  }
  return b;
}

// Person-times, walk-ins, distinct volunteers and minutes of rows sorted by (volunteer, shift).
struct Tally {
  ServiceTotals t;
  std::uint32_t last_volunteer = UINT32_MAX;
  std::int64_t last_shift = -1;
  void add(std::uint32_t volunteer, std::int64_t shift, std::int64_t minutes) {
    t.credited_minutes += minutes;
    if (shift == 0) {
      ++t.walk_ins;
      ++t.person_times;
    } else if (volunteer != last_volunteer || shift != last_shift) {
      ++t.person_times;
    }
    if (volunteer != last_volunteer) ++t.volunteers;
    last_volunteer = volunteer;
    last_shift = shift;
  }
};

// Shift and project ids are kept in 32 bits (a row of the pass is 32 bytes); 0 stands for none.
std::uint32_t small_id(const Rows& r, int c) {
  if (r.is_null(c)) return 0;
  std::int64_t id = r.i64(c);
  if (id <= 0 || id > std::int64_t(UINT32_MAX)) throw std::out_of_range("record id beyond 32 bits in a report");
  return std::uint32_t(id);
}

}  // namespace

CreditedSessions::CreditedSessions(Connection& db, std::optional<StationId> station, Date through,
                                   std::vector<DateRange> keep)
    : station_(station), through_(through), kept_(keep.size()), keep_(std::move(keep)), before_(keep_.size()) {
  if (db.backend() != "sqlite") {
    server_ = &db;
    return;
  }
  auto zones = detail::zone_groups(db, station);
  std::unordered_map<std::int64_t, std::uint32_t> station_index;
  for (const auto& g : zones.groups) {
    for (std::int64_t id : g.stations) {
      station_index.emplace(id, std::uint32_t(station_ids_.size()));
      station_ids_.push_back(id);
      station_zone_.push_back(std::uint32_t(zones_.size()));
    }
    zones_.push_back(g.zone);
  }
  // Station ids are small integer keys: a flat table id -> dense index for the per-row lookup.
  std::vector<std::uint32_t> station_flat;
  for (std::size_t i = 0; i < station_ids_.size(); ++i) {
    std::int64_t id = station_ids_[i];
    if (id < 0 || id >= (std::int64_t(1) << 20)) continue;
    if (std::size_t(id) >= station_flat.size()) station_flat.resize(std::size_t(id) + 1, UINT32_MAX);
    station_flat[std::size_t(id)] = std::uint32_t(i);
  }
  std::vector<Bounds> kb;
  for (const auto& d : keep_) {
    kb.push_back(bounds_of(zones_, d));
    base_.push_back(kb.back().lo.empty() ? 0 : *std::min_element(kb.back().lo.begin(), kb.back().lo.end()));
  }

  // Shift fill (every station only): the uncancelled shifts starting in the kept periods, and
  // each one's (shift, volunteer) pairs of credited sessions, whenever they were checked in.
  std::vector<std::uint32_t> shift_flat;
  std::int64_t shift_base = 0;
  std::vector<std::uint64_t> pairs;  // dense shift << 32 | volunteer id
  fill_ = zones.every_station && !keep_.empty();
  if (fill_) {
    Date lo = keep_[0].first, hi = keep_[0].last;
    for (const auto& d : keep_) lo = std::min(lo, d.first), hi = std::max(hi, d.last);
    std::vector<Value> a;
    std::string w = detail::local_range("sh.starts_at", "sh.station_id", zones, lo, hi.plus_days(1), a);
    auto q = db.query("SELECT sh.id, sh.starts_at, sh.station_id, sh.slots FROM shifts sh WHERE sh.cancelled = 0 AND " + w,
                      std::move(a));
    std::vector<std::int64_t> ids;
    while (q->next()) {
      std::int64_t sid = q->i64(2);
      auto it = station_index.find(sid);
      std::int64_t slots = q->i64(3);
      if (slots < 0 || slots > std::int64_t(UINT32_MAX)) throw std::out_of_range("shift slots beyond 32 bits in a report");
      ids.push_back(q->i64(0));
      shifts_.push_back({q->i64(1), it == station_index.end() ? UINT32_MAX : it->second, std::uint32_t(slots), 0});
    }
    if (!ids.empty()) {
      auto [mn, mx] = std::minmax_element(ids.begin(), ids.end());
      if (*mx - *mn >= (std::int64_t(1) << 28)) throw std::out_of_range("shift ids too far apart in a report");
      shift_base = *mn;
      shift_flat.assign(std::size_t(*mx - *mn) + 1, UINT32_MAX);
      for (std::size_t i = 0; i < ids.size(); ++i) shift_flat[std::size_t(ids[i] - shift_base)] = std::uint32_t(i);
    }
  }
  auto note_pair = [&](const Rows& row, int shift_col, int volunteer_col) {
    if (row.is_null(shift_col)) return;
    std::int64_t off = row.i64(shift_col) - shift_base;
    if (off < 0 || std::size_t(off) >= shift_flat.size() || shift_flat[std::size_t(off)] == UINT32_MAX) return;
    pairs.push_back(std::uint64_t(shift_flat[std::size_t(off)]) << 32 | small_id(row, volunteer_col));
  };

  std::vector<Value> args;
  std::string until = detail::local_range("s.eff_in", "s.station_id", zones, std::nullopt, through.plus_days(1), args);
  auto r = db.query(
      "SELECT s.eff_in, s.station_id, s.volunteer_id, s.shift_id, s.project_id, s.credited_min FROM sessions s "
      "WHERE s.credited_min > 0 AND " + until,
      std::move(args));
  // Volunteer ids are the table's integer keys: a flat table id -> dense index when they are
  // small enough (a few MB), a hash map otherwise.
  std::int64_t max_volunteer = db.scalar("SELECT MAX(id) FROM volunteers").value_or(0);
  bool flat = max_volunteer >= 0 && max_volunteer < (std::int64_t(1) << 24);
  std::vector<std::uint32_t> flat_index(flat ? std::size_t(max_volunteer) + 1 : 0, UINT32_MAX);
  std::unordered_map<std::int64_t, std::uint32_t> hashed_index;
  auto dense = [&](std::int64_t vid) {
    std::uint32_t* slot = nullptr;
    if (flat && vid >= 0 && vid <= max_volunteer) slot = &flat_index[std::size_t(vid)];
    else slot = &hashed_index.try_emplace(vid, UINT32_MAX).first->second;
    if (*slot == UINT32_MAX) {
      *slot = std::uint32_t(volunteer_ids_.size());
      volunteer_ids_.push_back(vid);
      minutes_.push_back(0);
      for (auto& b : before_) b.push_back(false);
    }
    return *slot;
  };
  while (r->next()) {
    std::int64_t eff_in = r->i64(0);
    if (fill_) note_pair(*r, 3, 2);
    std::int64_t sid = r->i64(1);
    std::uint32_t st = UINT32_MAX;
    if (sid >= 0 && std::size_t(sid) < station_flat.size()) st = station_flat[std::size_t(sid)];
    else if (auto it = station_index.find(sid); it != station_index.end()) st = it->second;
    if (st == UINT32_MAX) continue;  // a station added since the zones were read
    std::uint32_t v = dense(r->i64(2));
    std::int64_t minutes = r->i64(5);
    minutes_[v] += minutes;
    std::uint32_t zone = station_zone_[st];
    for (std::size_t k = 0; k < kb.size(); ++k) {
      if (eff_in < kb[k].lo[zone]) {
        before_[k][v] = true;
      } else if (eff_in < kb[k].hi[zone]) {
        kept_[k].push_back({std::uint32_t(eff_in - base_[k]), small_id(*r, 3), small_id(*r, 4), v, st,
                            std::uint32_t(minutes)});
      }
    }
  }
  if (fill_) {
    // Sessions on those shifts checked in after `through` (none when reporting on the past).
    std::vector<Value> a;
    std::string after = detail::local_range("s.eff_in", "s.station_id", zones, through.plus_days(1), std::nullopt, a);
    auto q = db.query("SELECT s.shift_id, s.volunteer_id FROM sessions s WHERE s.credited_min > 0 AND " + after,
                      std::move(a));
    while (q->next()) note_pair(*q, 0, 1);
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t i = 0; i < pairs.size(); ++i)
      if (i == 0 || pairs[i] != pairs[i - 1]) ++shifts_[pairs[i] >> 32].filled;
  }
  // The index gives the rows in check-in order; each_on relies on it, so any other plan's
  // order is put right here.
  for (auto& rows : kept_)
    if (!std::is_sorted(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.at < b.at; }))
      std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.at < b.at; });
}

template <class F>
void CreditedSessions::each_on(DateRange days, F f) const {
  Bounds b = bounds_of(zones_, days);
  if (b.lo.empty()) return;
  for (std::size_t k = 0; k < keep_.size(); ++k) {
    if (days.first < keep_[k].first || keep_[k].last < days.last) continue;
    // The kept rows are in check-in order: only those between the earliest zone's start and
    // the latest zone's end are looked at (a month of a since-opening report reads its month).
    std::int64_t lo = *std::min_element(b.lo.begin(), b.lo.end()) - base_[k];
    std::int64_t hi = *std::max_element(b.hi.begin(), b.hi.end()) - base_[k];
    const auto& rows = kept_[k];
    auto first = rows.begin();
    if (lo > 0)
      first = std::lower_bound(rows.begin(), rows.end(), lo, [](const Row& r, std::int64_t at) { return r.at < at; });
    for (auto it = first; it != rows.end() && std::int64_t(it->at) < hi; ++it) {
      std::uint32_t z = station_zone_[it->station];
      std::int64_t at = base_[k] + it->at;
      if (at >= b.lo[z] && at < b.hi[z]) f(*it);
    }
    return;  // not within a kept period: nothing was kept
  }
}

ServiceTotals CreditedSessions::totals(DateRange days) const {
  if (server_) return service_totals(*server_, {days, station_, std::nullopt});
  // (volunteer, shift) in one 64-bit key, sorted: pairs and volunteers are runs.
  std::vector<std::uint64_t> keys;
  std::int64_t minutes = 0;
  each_on(days, [&](const Row& r) {
    keys.push_back(std::uint64_t(r.volunteer) << 32 | r.shift);
    minutes += r.minutes;
  });
  std::sort(keys.begin(), keys.end());
  Tally t;
  for (std::uint64_t k : keys) t.add(std::uint32_t(k >> 32), std::int64_t(k & 0xffffffffu), 0);
  t.t.credited_minutes = minutes;
  return t.t;
}

std::vector<GroupTotals> CreditedSessions::by(Connection& db, DateRange days, Group g) const {
  if (server_) {
    auto out = service_by(db, {days, station_, std::nullopt}, g);
    std::sort(out.begin(), out.end(), [](const GroupTotals& a, const GroupTotals& b) { return a.key < b.key; });
    return out;
  }
  // The group's key of each project, station or volunteer, as an index into `keys`.
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::uint32_t> key_index;
  auto intern = [&](std::string k) {
    auto [it, fresh] = key_index.try_emplace(std::move(k), std::uint32_t(keys.size()));
    if (fresh) keys.push_back(it->first);
    return it->second;
  };
  std::unordered_map<std::int64_t, std::uint32_t> key_of;  // project, station or volunteer id
  std::uint32_t none = 0;
  if (g == Group::project || g == Group::category) {
    none = intern("");
    auto r = db.query(std::string("SELECT id, ") + (g == Group::project ? "code" : "category") + " FROM projects");
    while (r->next()) key_of[r->i64(0)] = intern(r->str(1));
  } else if (g == Group::station) {
    auto r = db.query("SELECT id, code FROM stations");
    while (r->next()) key_of[r->i64(0)] = intern(r->str(1));
  }
  // A volunteer's key by dense index, read only for the volunteers in the pass.
  std::vector<std::uint32_t> volunteer_key;
  if (g == Group::volunteer) {
    std::vector<std::pair<std::int64_t, std::uint32_t>> ids;
    for (std::uint32_t i = 0; i < volunteer_ids_.size(); ++i) ids.emplace_back(volunteer_ids_[i], i);
    std::sort(ids.begin(), ids.end());
    volunteer_key.assign(volunteer_ids_.size(), UINT32_MAX);
    auto r = db.query("SELECT id, number FROM volunteers");
    while (r->next()) {
      auto it = std::lower_bound(ids.begin(), ids.end(), std::pair{r->i64(0), std::uint32_t(0)});
      if (it != ids.end() && it->first == r->i64(0)) volunteer_key[it->second] = intern(r->str(1));
    }
  }
  struct Keyed {  // 16 bytes
    std::uint32_t key;
    std::uint32_t volunteer;
    std::uint32_t shift;
    std::uint32_t minutes;
  };
  std::vector<Keyed> rows;
  each_on(days, [&](const Row& row) {
    const Row* r = &row;
    std::uint32_t key = none;
    if (g == Group::volunteer) {
      key = volunteer_key[r->volunteer];
      if (key == UINT32_MAX) return;  // inner join
    } else {
      auto it = key_of.find(g == Group::station ? station_ids_[r->station] : std::int64_t(r->project));
      if (it != key_of.end()) key = it->second;
      else if (g == Group::station) return;  // inner join
    }
    rows.push_back({key, r->volunteer, r->shift, r->minutes});
  });
  std::sort(rows.begin(), rows.end(), [](const Keyed& a, const Keyed& b) {
    if (a.key != b.key) return a.key < b.key;
    return a.volunteer != b.volunteer ? a.volunteer < b.volunteer : a.shift < b.shift;
  });
  std::vector<GroupTotals> out;
  for (std::size_t i = 0; i < rows.size();) {
    Tally t;
    std::size_t j = i;
    for (; j < rows.size() && rows[j].key == rows[i].key; ++j) t.add(rows[j].volunteer, rows[j].shift, rows[j].minutes);
    out.push_back({keys[rows[i].key], t.t});
    i = j;
  }
  std::sort(out.begin(), out.end(), [](const GroupTotals& a, const GroupTotals& b) { return a.key < b.key; });
  return out;
}

std::int64_t CreditedSessions::new_volunteers(std::size_t k) const {
  if (server_) return stats::new_volunteers(*server_, {keep_.at(k), station_, std::nullopt});
  std::vector<bool> counted(volunteer_ids_.size(), false);
  std::int64_t n = 0;
  for (const auto& row : kept_.at(k)) {
    if (before_[k][row.volunteer] || counted[row.volunteer]) continue;
    counted[row.volunteer] = true;
    ++n;
  }
  return n;
}

std::optional<std::vector<ShiftFill>> CreditedSessions::fill_parts(const std::vector<DateRange>& parts) const {
  if (!fill_) return std::nullopt;
  std::vector<Bounds> pb;
  for (const auto& d : parts) pb.push_back(bounds_of(zones_, d));
  std::vector<ShiftFill> out(parts.size());
  for (const auto& sh : shifts_) {
    if (sh.station == UINT32_MAX) continue;
    std::uint32_t z = station_zone_[sh.station];
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (sh.starts_at < pb[i].lo[z] || sh.starts_at >= pb[i].hi[z]) continue;
      out[i].shifts += 1;
      out[i].slots_demanded += sh.slots;
      out[i].slots_filled += std::min(sh.filled, sh.slots);
    }
  }
  return out;
}

std::vector<std::int64_t> CreditedSessions::cumulative() const {
  return server_ ? cumulative_minutes(*server_, station_, through_) : minutes_;
}

}  // namespace vstation::store::stats
