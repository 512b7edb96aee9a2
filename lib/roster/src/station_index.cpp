#include "station_index.hpp"

#include <algorithm>

namespace vstation::roster::detail {

namespace {

// Touching or overlapping windows join, so two adjacent offers can cover one shift together.
std::vector<TimeWindow> merge_windows(std::vector<TimeWindow> windows) {
  std::sort(windows.begin(), windows.end(),
            [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
  std::vector<TimeWindow> merged;
  for (const auto& window : windows) {
    if (window.end <= window.start) continue;
    if (!merged.empty() && window.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, window.end);
    } else {
      merged.push_back(window);
    }
  }
  return merged;
}

bool contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

StationIndex::StationIndex(const StationProblem& problem) : problem_(problem) {
  const auto volunteers = problem.volunteers.size();
  const auto shifts = problem.shifts.size();
  for (std::size_t v = 0; v < volunteers; ++v) {
    volunteer_index_.emplace(problem.volunteers[v].id, static_cast<int>(v));
  }
  for (std::size_t s = 0; s < shifts; ++s) {
    shift_index_.emplace(problem.shifts[s].id, static_cast<int>(s));
    minutes_.push_back(static_cast<int>((problem.shifts[s].end - problem.shifts[s].start) / 60));
  }
  merged_availability_.resize(volunteers);
  for (std::size_t v = 0; v < volunteers; ++v) {
    merged_availability_[v] = merge_windows(problem.volunteers[v].availability);
  }
  candidates_.resize(shifts);
  open_shifts_.resize(volunteers);
  offered_.assign(volunteers, 0);
  usual_shifts_.resize(volunteers);
  const auto& w = problem.weights;
  for (std::size_t v = 0; v < volunteers; ++v) {
    const auto& volunteer = problem.volunteers[v];
    for (std::size_t s = 0; s < shifts; ++s) {
      const auto& shift = problem.shifts[s];
      const bool is_usual = std::any_of(
          volunteer.usual_slots.begin(), volunteer.usual_slots.end(), [&](const UsualSlot& slot) {
            return slot.weekday == shift.day && slot.start_minute == shift.local_start_minute &&
                   slot.station == shift.station;
          });
      if (is_usual) {
        usual_shifts_[v].push_back(static_cast<int>(s));
        wishes_baseline_ += w.continuity;
      }
      if (contains(volunteer.preferred_shifts, shift.id))
        wishes_baseline_ += w.preferred_shift_missed;
      if (volunteer.eligible && !contains(volunteer.barred_shifts, shift.id) &&
          covers(static_cast<int>(v), static_cast<int>(s))) {
        candidates_[s].push_back(static_cast<int>(v));
        open_shifts_[v].push_back(static_cast<int>(s));
      }
    }
    offered_[v] = std::min(static_cast<int>(open_shifts_[v].size()), volunteer.max_shifts_per_week);
  }
}

std::optional<int> StationIndex::volunteer_of(std::int64_t id) const {
  const auto it = volunteer_index_.find(id);
  if (it == volunteer_index_.end()) return std::nullopt;
  return it->second;
}

std::optional<int> StationIndex::shift_of(std::int64_t id) const {
  const auto it = shift_index_.find(id);
  if (it == shift_index_.end()) return std::nullopt;
  return it->second;
}

bool StationIndex::covers(int v, int s) const {
  const auto& shift = this->shift(s);
  for (const auto& window : merged_availability_[static_cast<std::size_t>(v)]) {
    if (window.start <= shift.start && shift.end <= window.end) return true;
  }
  return false;
}

bool StationIndex::conflict(int s1, int s2) const {
  const auto& a = shift(s1);
  const auto& b = shift(s2);
  const Instant rest = static_cast<Instant>(problem_.min_rest_minutes) * 60;
  // Overlap, or a gap shorter than the rest (a zero rest still forbids overlap).
  return a.start < b.end + rest && b.start < a.end + rest;
}

bool StationIndex::has_valid_skill(int v, int s, std::int64_t skill) const {
  const Instant start = shift(s).start;
  for (const auto& grant : volunteer(v).skills) {
    if (grant.skill == skill && (!grant.expires_at || start < *grant.expires_at)) return true;
  }
  return false;
}

bool StationIndex::preferred(int v, int s) const {
  return contains(volunteer(v).preferred_shifts, shift(s).id);
}

bool StationIndex::avoided(int v, int s) const {
  return contains(volunteer(v).avoided_shifts, shift(s).id);
}

bool StationIndex::barred(int v, int s) const {
  return contains(volunteer(v).barred_shifts, shift(s).id);
}

bool StationIndex::usual(int v, int s) const {
  const auto& list = usual_shifts_[static_cast<std::size_t>(v)];
  return std::binary_search(list.begin(), list.end(), s);
}

std::int64_t StationIndex::pair_cost(int v, int s) const {
  const auto& w = weights();
  std::int64_t cost = 0;
  if (avoided(v, s)) cost += w.avoided_shift;
  if (preferred(v, s)) cost -= w.preferred_shift_missed;
  if (usual(v, s)) cost -= w.continuity;
  return cost;
}

}  // namespace vstation::roster::detail
