#include "records/shift_index.hpp"

namespace vstation::store {

ShiftIndex::Station& ShiftIndex::station(Connection& db, Lookup& lookup, StationId st) {
  auto found = stations_.find(st.value);
  if (found != stations_.end()) return found->second;
  if (entries_ > kMaxEntries) {
    lookup.write_waiting();  // the stations read again find the import's rows too
    stations_.clear();
    entries_ = 0;
  }
  Station& out = stations_[st.value];
  for (const auto& s : shifts::of_station(db, st)) {
    out[s.project.value].emplace(s.time.begin.seconds, Span{s.time.end.seconds, s.id, s.cancelled});
    ++entries_;
  }
  return out;
}

std::optional<shifts::ShiftClash> ShiftIndex::clash(Connection& db, Lookup& lookup,
                                                    const Shift& s) {
  auto& of_station = station(db, lookup, s.station);
  auto project = of_station.find(s.project.value);
  if (project == of_station.end()) return std::nullopt;
  // By start, as the query reads the UNIQUE index: the earliest that starts after the look-back
  // and before `s` ends, and ends after `s` starts.
  const auto& by_start = project->second;
  for (auto at = by_start.upper_bound(s.time.begin.seconds - shifts::kClashLookBack);
       at != by_start.end() && at->first < s.time.end.seconds; ++at)
    if (!at->second.cancelled && at->second.ends > s.time.begin.seconds)
      return shifts::ShiftClash{at->second.id, Instant{at->first}};
  return std::nullopt;
}

std::optional<ShiftId> ShiftIndex::cancelled_at(const Shift& s) const {
  auto st = stations_.find(s.station.value);
  if (st == stations_.end()) return std::nullopt;
  auto project = st->second.find(s.project.value);
  if (project == st->second.end()) return std::nullopt;
  auto at = project->second.find(s.time.begin.seconds);
  if (at == project->second.end() || !at->second.cancelled) return std::nullopt;
  return at->second.id;
}

void ShiftIndex::added(ShiftId id, const Shift& s) {
  auto found = stations_.find(s.station.value);
  if (found == stations_.end()) return;  // read with it at the station's next row
  found->second[s.project.value].emplace(s.time.begin.seconds,
                                         Span{s.time.end.seconds, id, s.cancelled});
  ++entries_;
}

}  // namespace vstation::store
