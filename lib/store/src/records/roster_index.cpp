#include "records/roster_index.hpp"

#include <algorithm>
#include <tuple>

#include "vstation/store/repos.hpp"

namespace vstation::store {
namespace {

bool before(const NearShift& a, const NearShift& b) {
  return std::tuple(a.time.begin.seconds, a.assignment) <
         std::tuple(b.time.begin.seconds, b.assignment);
}

// A volunteer's shifts as near() reads them: assignments not cancelled, on shifts not cancelled.
constexpr std::string_view kNearColumns =
    "SELECT s.id, s.station_id, s.starts_at, s.ends_at, a.id, a.volunteer_id FROM assignments a "
    "CROSS JOIN shifts s ";
constexpr std::string_view kNearOf = "AND s.cancelled = 0";

NearShift near_shift(const Rows& r) {
  return {r.id<ShiftId>(0), r.id<StationId>(1), {r.instant(2), r.instant(3)}, r.i64(4)};
}

}  // namespace

void RosterIndex::make_room(Lookup& lookup) {
  if (entries_ <= kMaxEntries && station_entries_ <= kMaxStationEntries) return;
  lookup.write_waiting();
  if (entries_ > kMaxEntries) {
    volunteers_.clear();
    entries_ = 0;
    holds_all_ = false;
  }
  if (station_entries_ > kMaxStationEntries) {
    stations_.clear();
    station_entries_ = 0;
  }
}

void RosterIndex::hold_all(Connection& db) {
  if (holds_all_ || *db.scalar("SELECT COUNT(*) FROM assignments") > std::int64_t(kMaxEntries) - 1)
    return;
  volunteers_.clear();
  entries_ = 0;
  auto r = db.query(std::string(kNearColumns) + "WHERE s.id = a.shift_id AND a.status <> ? " +
                        std::string(kNearOf),
                    params(code_of(AssignmentStatus::cancelled)));
  while (r->next()) {
    volunteers_[r->i64(5)].shifts.push_back(near_shift(*r));
    ++entries_;
  }
  r.reset();
  for (auto& [_, v] : volunteers_) std::sort(v.shifts.begin(), v.shifts.end(), before);
  entries_ += volunteers_.size();
  holds_all_ = true;
}

std::vector<NearShift> RosterIndex::near(Connection& db, VolunteerId v, const Shift& shift) {
  auto [it, fresh] = volunteers_.try_emplace(v.value);
  auto& shifts = it->second.shifts;
  if (fresh && !holds_all_) {
    auto r = db.query(std::string(kNearColumns) +
                          "WHERE s.id = a.shift_id AND a.volunteer_id = ? AND a.status <> ? " +
                          std::string(kNearOf),
                      params(v, code_of(AssignmentStatus::cancelled)));
    while (r->next()) shifts.push_back(near_shift(*r));
    std::sort(shifts.begin(), shifts.end(), before);
  }
  if (fresh) entries_ += shifts.size() + 1;
  // Any shift overlapping this one starts less than a day before it ends (as assignment_breaks).
  std::int64_t from = shift.time.begin.plus_minutes(-24 * 60).seconds;
  auto at =
      std::lower_bound(shifts.begin(), shifts.end(), from,
                       [](const NearShift& s, std::int64_t t) { return s.time.begin.seconds < t; });
  std::vector<NearShift> out;
  for (; at != shifts.end() && at->time.begin < shift.time.end; ++at)
    if (at->id != shift.id) out.push_back(*at);
  return out;
}

RosterIndex::Station& RosterIndex::station(Connection& db, StationId st) {
  auto found = stations_.find(st.value);
  if (found != stations_.end()) return found->second;
  Station& out = stations_[st.value];
  for (auto& s : shifts::of_station(db, st)) {
    std::pair key{s.project.value, s.time.begin.seconds};
    out.by_start.emplace(key, std::move(s));
  }
  for (auto& a : assignments::of_station(db, st)) out.on[a.shift.value].push_back(a);
  station_entries_ += out.by_start.size() + out.on.size() + 1;
  return out;
}

std::optional<Shift> RosterIndex::shift_at(Connection& db, StationId st, ProjectId project,
                                           Instant starts) {
  const auto& shifts = station(db, st).by_start;
  auto found = shifts.find({project.value, starts.seconds});
  if (found == shifts.end()) return std::nullopt;
  return found->second;
}

int RosterIndex::taken(Connection& db, const Shift& shift, VolunteerId v) {
  const auto& on = station(db, shift.station).on;
  auto found = on.find(shift.id.value);
  if (found == on.end()) return 0;
  return int(std::count_if(found->second.begin(), found->second.end(), [&](const Assignment& a) {
    return a.status != AssignmentStatus::cancelled && a.volunteer != v;
  }));
}

bool RosterIndex::on_shift(Connection& db, const Shift& shift, VolunteerId v) {
  const auto& on = station(db, shift.station).on;
  auto found = on.find(shift.id.value);
  return found != on.end() && std::any_of(found->second.begin(), found->second.end(),
                                          [&](const Assignment& a) { return a.volunteer == v; });
}

void RosterIndex::added(const Assignment& a, const Shift& shift) {
  if (auto st = stations_.find(shift.station.value); st != stations_.end()) {
    st->second.on[shift.id.value].push_back(a);
    ++station_entries_;
  }
  if (a.status == AssignmentStatus::cancelled || shift.cancelled) return;
  auto found = volunteers_.find(a.volunteer.value);
  // Not loaded yet: the database has it (the rows waiting are written before it is read), and
  // will say so when the volunteer is first asked about.
  if (found == volunteers_.end() && !holds_all_) return;
  auto& shifts = volunteers_[a.volunteer.value].shifts;
  NearShift s{shift.id, shift.station, shift.time, a.id.value};
  shifts.insert(std::upper_bound(shifts.begin(), shifts.end(), s, before), s);
  ++entries_;
}

}  // namespace vstation::store
