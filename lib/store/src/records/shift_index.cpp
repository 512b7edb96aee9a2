#include "records/shift_index.hpp"

namespace vstation::store {

ShiftIndex::Station& ShiftIndex::station(Connection& db, StationId st) {
  auto found = stations_.find(st.value);
  if (found != stations_.end()) return found->second;
  if (entries_ > kMaxEntries) {
    stations_.clear();
    entries_ = 0;
  }
  Station& out = stations_[st.value];
  for (const auto& s : shifts::of_station(db, st)) {
    if (s.cancelled) continue;  // occupies nothing
    out[s.project.value].emplace(s.time.begin.seconds, Span{s.time.end.seconds, s.id});
    ++entries_;
  }
  return out;
}

std::optional<shifts::ShiftClash> ShiftIndex::clash(Connection& db, const Shift& s) {
  auto& of_station = station(db, s.station);
  auto project = of_station.find(s.project.value);
  if (project == of_station.end()) return std::nullopt;
  // By start, as the query reads the UNIQUE index: the earliest that starts after the look-back
  // and before `s` ends, and ends after `s` starts.
  const auto& by_start = project->second;
  for (auto at = by_start.upper_bound(s.time.begin.seconds - shifts::kClashLookBack);
       at != by_start.end() && at->first < s.time.end.seconds; ++at)
    if (at->second.ends > s.time.begin.seconds)
      return shifts::ShiftClash{at->second.id, Instant{at->first}};
  return std::nullopt;
}

void ShiftIndex::added(ShiftId id, const Shift& s) {
  if (s.cancelled) return;
  auto found = stations_.find(s.station.value);
  if (found == stations_.end()) return;  // read with it at the station's next row
  found->second[s.project.value].emplace(s.time.begin.seconds, Span{s.time.end.seconds, id});
  ++entries_;
}

}  // namespace vstation::store
