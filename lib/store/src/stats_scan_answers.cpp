// What the report pass answers (stats_scan.hpp): sums over the days of a range, corrected
// for the few (shift, volunteer) pairs with more than one session there.

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "vstation/store/stats_scan.hpp"

namespace vstation::store::stats {
namespace {

// Sessions beyond the first of each repeated pair, among those `in` selects and grouped by
// `key` (sessions of one pair under different keys count once under each).
template <class In, class Key>
std::map<std::uint32_t, std::int64_t> extra_sessions(
    const std::vector<CreditedSessions::Repeat>& repeats, In in, Key key) {
  std::map<std::uint32_t, std::int64_t> extra;
  std::map<std::uint32_t, std::int64_t> seen;  // key -> sessions of the current pair
  for (std::size_t i = 0; i < repeats.size();) {
    std::size_t j = i;
    seen.clear();
    for (; j < repeats.size() && repeats[j].pair == repeats[i].pair; ++j)
      if (in(repeats[j])) ++seen[key(repeats[j])];
    for (auto [k, n] : seen)
      if (n > 1) extra[k] += n - 1;
    i = j;
  }
  return extra;
}

// On PostgreSQL, what a member's row costs is mostly sending it, and a quarter by project names
// a quarter of the district's 655,000 projects: the condition that keeps the members' rows
// only, a look-up of each row's id in a bit set of the members' ids (wanted_bits, one parameter:
// a list of ids as a constant array costs the planner 0.2 s, a bit a row). SQLite reads its own
// file, and reads every row (nullopt); so does PostgreSQL when the members are half the ids or
// more (a quarter by volunteer names 420,000 of the district's 500,000: no gain measured).
std::optional<std::string> wanted_ids(
    Connection& db, const std::vector<std::pair<std::int64_t, std::uint32_t>>& members) {
  constexpr std::int64_t kMaxId = std::int64_t(1) << 27;  // a bit set of 16 MB at most
  if (db.backend() != "postgresql" || members.empty() || members.front().first < 0 ||
      members.back().first >= kMaxId || std::int64_t(members.size()) * 2 > members.back().first)
    return std::nullopt;
  // CASE: a row added since (an id past the set) is not looked up outside the set.
  return "CASE WHEN id >= 0 AND id < " + std::to_string(members.back().first + 1) +
         " THEN get_bit(CAST(? AS bytea), id) = 1 ELSE false END";
}

// The members' ids as a bit set (bit i % 8 of byte i / 8 for id i: get_bit's order), in
// PostgreSQL's hex form of a bytea.
std::string wanted_bits(const std::vector<std::pair<std::int64_t, std::uint32_t>>& members) {
  std::vector<std::uint8_t> bits(std::size_t(members.back().first) / 8 + 1, 0);
  for (const auto& [id, member] : members)
    bits[std::size_t(id) / 8] |= std::uint8_t(1u << (id % 8));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bits.size() * 2);
  for (std::uint8_t b : bits) (out += kHex[b >> 4]) += kHex[b & 15];
  return out;
}

}  // namespace

std::size_t CreditedSessions::range_index(DateRange days) const {
  for (std::size_t i = 0; i < plan_.ranges.size(); ++i)
    if (plan_.ranges[i] == days) return i;
  throw std::logic_error("report pass: a range that was not planned");
}

const CreditedSessions::Grouping& CreditedSessions::grouping(Group g) const {
  const Grouping& out = g == Group::station     ? stations_
                        : g == Group::volunteer ? volunteers_
                        : g == Group::category  ? categories_
                                                : projects_;
  if (!out.planned) throw std::logic_error("report pass: a group that was not planned");
  return out;
}

ServiceTotals CreditedSessions::totals(DateRange days) const {
  std::size_t r = range_index(days);
  ServiceTotals t;
  for (std::int32_t d = day_index(days.first); d <= day_index(days.last); ++d) {
    const Day& day = days_[std::size_t(d)];
    t.credited_minutes += day.minutes;
    t.walk_ins += day.walk_ins;
    t.person_times += day.walk_ins + day.rostered;
  }
  std::int32_t lo = day_index(days.first), hi = day_index(days.last);
  for (auto [k, n] : extra_sessions(
           repeats_, [&](const Repeat& s) { return s.day >= lo && s.day <= hi; },
           [](const Repeat&) { return 0u; }))
    t.person_times -= n;
  t.volunteers = served_[r];
  t.credited_minutes += summed_[r].credited_minutes;
  t.walk_ins += summed_[r].walk_ins;
  t.person_times += summed_[r].person_times;
  return t;
}

std::vector<GroupTotals> CreditedSessions::by(Connection& db, DateRange days, Group g) const {
  if (days != plan_.group_days)
    throw std::logic_error("report pass: group days that were not planned");
  const Grouping& grouping = this->grouping(g);
  // Each member with sessions on the days makes one row, under a key no other member has (a
  // category's code, a code or number unique in its table, read there with its name; empty for
  // project-less sessions). UINT32_MAX: no row (a station or volunteer not found).
  std::vector<std::uint32_t> member_row(grouping.tally.size(), UINT32_MAX);
  std::vector<GroupTotals> result;
  auto active = [&](std::uint32_t m) {
    return grouping.tally[m].walk_ins + grouping.tally[m].rostered > 0;
  };
  auto add_row = [&](std::uint32_t m, std::string key, std::optional<std::string> name) {
    member_row[m] = std::uint32_t(result.size());
    result.push_back({std::move(key), {}, std::move(name)});
  };
  if (g == Group::category) {
    for (std::uint32_t m = 0; m < member_row.size(); ++m)
      if (active(m)) add_row(m, categories_seen_[m], std::nullopt);
  } else {
    const std::vector<std::int64_t>& ids = g == Group::station     ? station_ids_
                                           : g == Group::volunteer ? volunteer_ids_
                                                                   : project_ids_;
    std::vector<std::pair<std::int64_t, std::uint32_t>> members;  // (id, member), by id
    for (std::uint32_t m = 0; m < member_row.size(); ++m)
      if (active(m)) {
        if (g == Group::project && ids[m] == 0)
          add_row(m, "", std::nullopt);  // no project
        else
          members.emplace_back(ids[m], m);
      }
    std::sort(members.begin(), members.end());
    result.reserve(result.size() + members.size());
    std::string sql = g == Group::project   ? "SELECT id, code, name FROM projects"
                      : g == Group::station ? "SELECT id, code, name FROM stations"
                                            : "SELECT id, number, name FROM volunteers";
    std::vector<Value> args;
    if (auto wanted = wanted_ids(db, members)) {
      sql += " WHERE " + *wanted;
      args.emplace_back(wanted_bits(members));
    }
    // Read to its end, nothing else run meanwhile: on a server through COPY (a district quarter's
    // volunteers, 750,000 rows, by cursor 0.25 s of the server's time and more of the client's).
    auto r = db.stream_whole(sql, std::move(args));
    while (r->next()) {
      auto it =
          std::lower_bound(members.begin(), members.end(), std::pair{r->i64(0), std::uint32_t(0)});
      if (it != members.end() && it->first == r->i64(0)) add_row(it->second, r->str(1), r->str(2));
    }
  }
  auto row_of = [&](std::uint32_t m) -> ServiceTotals* {
    return m < member_row.size() && member_row[m] != UINT32_MAX ? &result[member_row[m]].service
                                                                : nullptr;
  };
  for (std::uint32_t m = 0; m < grouping.tally.size(); ++m)
    if (ServiceTotals* o = row_of(m)) {
      const Tally& t = grouping.tally[m];
      o->credited_minutes += t.minutes;
      o->walk_ins += t.walk_ins;
      o->person_times += t.walk_ins + t.rostered;
    }
  // Distinct volunteers: counted per member (categories, volunteers), or one a distinct
  // (member, volunteer) pair.
  for (std::uint32_t m = 0; m < grouping.volunteers.size(); ++m)
    if (ServiceTotals* o = row_of(m)) o->volunteers += grouping.volunteers[m];
  for (std::uint64_t mv : grouping.distinct)
    if (ServiceTotals* o = row_of(std::uint32_t(mv >> 32))) ++o->volunteers;
  // A repeated pair counts once per member.
  std::int32_t lo = day_index(days.first), hi = day_index(days.last);
  for (auto [m, n] : extra_sessions(
           repeats_,
           [&](const Repeat& s) { return !grouping.pairs_distinct && s.day >= lo && s.day <= hi; },
           [&](const Repeat& s) -> std::uint32_t {
             if (g == Group::station) return s.station;
             if (g == Group::category)
               return s.project < project_category_.size() ? project_category_[s.project] : 0;
             return g == Group::volunteer ? s.volunteer : s.project;
           }))
    if (ServiceTotals* o = row_of(m)) o->person_times -= n;

  // By key: the rows' indexes sorted (a row is a hundred bytes to move), then the rows moved
  // once each into that order. Each key's first eight bytes, as a number, are sorted with its
  // index in one array, and only rows whose first bytes agree are compared whole: comparing the
  // rows themselves went to a random row for each side (a fifth of a --by volunteer report).
  auto prefix = [](const std::string& key) {
    std::uint64_t p = 0;
    for (std::size_t i = 0; i < 8; ++i)
      p = p << 8 | (i < key.size() ? std::uint64_t(static_cast<unsigned char>(key[i])) : 0);
    return p;
  };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order(result.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = {prefix(result[i].key), i};
  std::sort(order.begin(), order.end());
  for (auto run = order.begin(); run != order.end();) {
    auto end = std::find_if(run, order.end(), [&](const auto& o) { return o.first != run->first; });
    if (end - run > 1)
      std::sort(run, end, [&](const auto& a, const auto& b) {
        return result[a.second].key < result[b.second].key;
      });
    run = end;
  }
  std::vector<GroupTotals> sorted;
  sorted.reserve(result.size());
  for (const auto& o : order) sorted.push_back(std::move(result[o.second]));
  return sorted;
}

std::int64_t CreditedSessions::new_volunteers(DateRange days) const {
  std::int32_t lo = day_index(days.first), hi = day_index(days.last);
  return std::count_if(people_.begin(), people_.end(),
                       [&](const Person& p) { return p.first_day >= lo && p.first_day <= hi; });
}

std::int64_t CreditedSessions::minutes(DateRange part) const {
  for (std::size_t i = 0; parts_from_days_ && i < plan_.parts.size(); ++i)
    if (plan_.parts[i] == part) return part_minutes_[i];
  return totals(part).credited_minutes;  // the range itself, or not planned (it throws)
}

std::optional<std::vector<ShiftFill>> CreditedSessions::fill_parts(
    const std::vector<DateRange>& parts) const {
  // The day totals' fill of a station's shifts is what the pass counts; a one-station scope gets
  // none from either, as documented.
  if (parts_from_days_ && parts == plan_.parts && (from_totals_ || fill_)) return part_fill_;
  if (from_totals_ || !fill_) return std::nullopt;
  std::vector<ShiftFill> out(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::int32_t lo = std::max(day_index(parts[i].first), 0);
    std::int32_t hi = std::min(day_index(parts[i].last), std::int32_t(days_.size()) - 1);
    for (std::int32_t d = lo; d <= hi; ++d) {
      out[i].shifts += days_[std::size_t(d)].shifts;
      out[i].slots_demanded += days_[std::size_t(d)].slots_demanded;
      out[i].slots_filled += days_[std::size_t(d)].slots_filled;
    }
  }
  return out;
}

std::optional<std::int64_t> CreditedSessions::projects_active(DateRange days) const {
  if (projects_active_.empty() || projects_active_[range_index(days)] < 0) return std::nullopt;
  return projects_active_[range_index(days)];
}

std::vector<std::int64_t> CreditedSessions::cumulative() const {
  // Volunteers met only on a shift's sessions after `through` have no first day: not counted.
  std::vector<std::int64_t> out;
  for (const Person& p : people_)
    if (p.first_day != INT32_MAX) out.push_back(p.minutes);
  return out;
}

}  // namespace vstation::store::stats
