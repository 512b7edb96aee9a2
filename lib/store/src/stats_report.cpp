// The further aggregations of the period report (issue 5): breakdowns, new volunteers, shift
// fill, training, review backlog and star levels. Portable SQL only.

#include <algorithm>
#include <map>
#include <unordered_set>

#include "stats_sql.hpp"

namespace vstation::store::stats {
namespace {

constexpr const char* kSessionsFrom = " FROM sessions s JOIN stations st ON st.id = s.station_id ";

std::string group_sql(Group g, std::string& join) {
  switch (g) {
    case Group::project:
      join = "LEFT JOIN projects p ON p.id = s.project_id ";
      return "p.code";
    case Group::category:
      join = "LEFT JOIN projects p ON p.id = s.project_id ";
      return "p.category";
    case Group::volunteer:
      join = "JOIN volunteers v ON v.id = s.volunteer_id ";
      return "v.number";
    case Group::station:
      join = "";
      return "st.code";
  }
  return "st.code";
}

}  // namespace

std::vector<GroupTotals> service_by(Connection& db, const Period& p, Group g) {
  std::string join;
  std::string key = group_sql(g, join);
  std::vector<Value> args;
  std::string where = detail::sessions_in_period(db, p, args);
  auto r = db.query("SELECT " + key + ", " + detail::kServiceColumns + kSessionsFrom + join +
                        "WHERE s.credited_min > 0 AND " + where + " GROUP BY " + key + " ORDER BY " + key,
                    std::move(args));
  std::vector<GroupTotals> out;
  while (r->next())
    out.push_back({r->is_null(0) ? std::string() : r->str(0), detail::read_service(*r, 1), std::nullopt});
  return out;
}

std::map<std::string, std::string> group_names(Connection& db, Group g, std::vector<std::string> keys) {
  std::map<std::string, std::string> out;
  if (g == Group::category || keys.empty()) return out;
  std::sort(keys.begin(), keys.end());
  auto r = db.stream(g == Group::project   ? "SELECT code, name FROM projects ORDER BY code"
                    : g == Group::station ? "SELECT code, name FROM stations ORDER BY code"
                                          : "SELECT number, name FROM volunteers ORDER BY number");
  while (r->next()) {
    std::string key = r->str(0);
    if (std::binary_search(keys.begin(), keys.end(), key)) out[key] = r->str(1);
  }
  return out;
}

std::int64_t new_volunteers(Connection& db, const Period& p) {
  std::vector<Value> args;
  std::string where = detail::sessions_in_period(db, p, args);
  std::string earlier = detail::local_range("s2.eff_in", "s2.station_id", detail::zone_groups(db, p.station),
                                            std::nullopt, p.days.first, args);
  return db
      .scalar(std::string("SELECT COUNT(DISTINCT s.volunteer_id)") + kSessionsFrom +
                  "WHERE s.credited_min > 0 AND " + where +
                  " AND NOT EXISTS (SELECT 1 FROM sessions s2 "
                  "WHERE s2.volunteer_id = s.volunteer_id AND s2.credited_min > 0 AND " + earlier + ")",
              std::move(args))
      .value_or(0);
}

ShiftFill shift_fill(Connection& db, const Period& p) {
  std::vector<Value> args;
  std::string where = detail::in_period_at(db, "sh.starts_at", "sh.station_id", p, args);
  auto r = db.query(
      "SELECT COUNT(*), COALESCE(SUM(x.slots), 0), "
      "COALESCE(SUM(CASE WHEN x.n > x.slots THEN x.slots ELSE x.n END), 0) FROM "
      "(SELECT sh.slots AS slots, (SELECT COUNT(DISTINCT s.volunteer_id) FROM sessions s "
      "WHERE s.shift_id = sh.id AND s.credited_min > 0) AS n "
      "FROM shifts sh WHERE sh.cancelled = 0 AND " + where + ") x",
      std::move(args));
  ShiftFill f;
  if (r->next()) f = {r->i64(0), r->i64(1), r->i64(2)};
  return f;
}

std::vector<ShiftFill> shift_fill_parts(Connection& db, const Period& p, const std::vector<DateRange>& parts) {
  auto zones = detail::zone_groups(db, p.station);
  std::vector<Value> args;
  std::string where = detail::local_range("sh.starts_at", "sh.station_id", zones, p.days.first,
                                          p.days.last.plus_days(1), args);
  auto r = db.query(
      "SELECT sh.starts_at, sh.station_id, sh.slots, (SELECT COUNT(DISTINCT s.volunteer_id) FROM sessions s "
      "WHERE s.shift_id = sh.id AND s.credited_min > 0) FROM shifts sh WHERE sh.cancelled = 0 AND " + where,
      std::move(args));
  // Each part's UTC bounds at each station's zone.
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::int64_t>>> bounds;
  for (const auto& g : zones.groups) {
    std::vector<std::pair<std::int64_t, std::int64_t>> b;
    for (const auto& d : parts) b.emplace_back(d.first.start_at(g.zone).seconds, d.last.plus_days(1).start_at(g.zone).seconds);
    for (std::int64_t st : g.stations) bounds[st] = b;
  }
  std::vector<ShiftFill> out(parts.size());
  while (r->next()) {
    auto it = bounds.find(r->i64(1));
    if (it == bounds.end()) continue;
    std::int64_t at = r->i64(0), slots = r->i64(2), n = r->i64(3);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (at < it->second[i].first || at >= it->second[i].second) continue;
      out[i].shifts += 1;
      out[i].slots_demanded += slots;
      out[i].slots_filled += std::min(n, slots);
    }
  }
  return out;
}

namespace {

// Distinct ids counted with a bit each while they are small, as row ids are; a set beyond.
class DistinctIds {
 public:
  bool add(std::int64_t id) {  // whether it is new
    if (id < 0 || id >= (std::int64_t(1) << 26)) return others_.insert(id).second && ++count_;
    if (std::size_t(id) >= bits_.size()) bits_.resize(std::max(std::size_t(id) + 1, bits_.size() * 2));
    if (bits_[std::size_t(id)]) return false;
    bits_[std::size_t(id)] = true;
    return ++count_;
  }
  [[nodiscard]] std::int64_t count() const { return count_; }

 private:
  std::vector<bool> bits_;
  std::unordered_set<std::int64_t> others_;
  std::int64_t count_ = 0;
};

}  // namespace

TrainingTotals training_totals(Connection& db, const Period& p) {
  // One read of the period's trainings with their attendees (a training without any once, with
  // a NULL attendee), counted here: COUNT(DISTINCT) built a temporary b-tree and a subquery
  // per training counted the attendees again.
  std::vector<Value> args;
  std::string where = detail::in_period(db, "t.starts_at", "st", p, args);
  auto r = db.stream(
      "SELECT t.id, t.minutes, a.volunteer_id FROM trainings t JOIN stations st ON st.id = t.station_id "
      "LEFT JOIN training_attendees a ON a.training_id = t.id WHERE " + where,
      std::move(args));
  TrainingTotals t;
  DistinctIds trainings, attendees;
  while (r->next()) {
    if (trainings.add(r->i64(0))) t.minutes += r->i64(1);
    if (r->is_null(2)) continue;
    t.attendee_minutes += r->i64(1);
    attendees.add(r->i64(2));
  }
  t.trainings = trainings.count();
  t.attendees = attendees.count();
  return t;
}

ReviewBacklog review_backlog(Connection& db, const Period& p, Date overdue_before) {
  std::vector<Value> args;
  std::string overdue = detail::local_range("s.eff_in", "s.station_id", detail::zone_groups(db, p.station),
                                            std::nullopt, overdue_before, args);
  std::string where = detail::in_period_at(db, "s.eff_in", "s.station_id", p, args);
  if (p.volunteer) {
    where += " AND s.volunteer_id = ?";
    args.push_back(to_value(p.volunteer));
  }
  auto r = db.query(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + overdue + " THEN 1 ELSE 0 END), 0)" +
          " FROM sessions s "
          "WHERE (s.status = 'auto_closed' OR (s.status = 'closed' AND s.shift_id IS NULL)) AND " + where,
      std::move(args));
  ReviewBacklog b;
  if (r->next()) b = {r->i64(0), r->i64(1)};
  return b;
}

std::vector<std::int64_t> cumulative_minutes(Connection& db, std::optional<StationId> station,
                                             Date through) {
  std::vector<Value> args;
  std::string until = detail::local_range("s.eff_in", "s.station_id", detail::zone_groups(db, station),
                                          std::nullopt, through.plus_days(1), args);
  auto r = db.query(std::string("SELECT SUM(s.credited_min) FROM sessions s WHERE s.credited_min > 0 AND ") +
                        until + " GROUP BY s.volunteer_id",
                    std::move(args));
  std::vector<std::int64_t> out;
  while (r->next()) out.push_back(r->i64(0));
  return out;
}

}  // namespace vstation::store::stats
