// The neighbourhood of the Curtois search: each move picks its cells at random, applies itself
// through change() (so undo() can revert it) and reports the objective and hard deltas.

#include <algorithm>

#include "curtois_search.hpp"

namespace vstation::roster::detail {

namespace {

// Longest block of days moved at once (a week: runs and weekends fit inside).
constexpr int kMaxBlock = 7;
// Share of moves (in percent) that target an under-covered (day, shift).
constexpr std::uint32_t kFillCoverPercent = 5;

}  // namespace

int CurtoisSearch::random_block_length() {
  // 2..min(kMaxBlock, days); never longer than the horizon (one-day horizons give 1).
  const int longest = std::min(kMaxBlock, days_);
  if (longest < 2) return longest;
  return 2 + static_cast<int>(rng_.below(static_cast<std::uint32_t>(longest - 1)));
}

bool CurtoisSearch::propose_change_cell(Delta& delta) {
  const int e = static_cast<int>(rng_.below(static_cast<std::uint32_t>(employees_)));
  const int day = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_)));
  const int value = static_cast<int>(rng_.below(static_cast<std::uint32_t>(values_)));
  if (value == x_[cell(e, day)] || !allowed(e, day, value)) return false;
  delta.objective = change(e, day, value);
  delta.hard = rows_delta(e, -1);
  return true;
}

bool CurtoisSearch::propose_swap_day(Delta& delta) {
  if (employees_ < 2) return false;
  const int e1 = static_cast<int>(rng_.below(static_cast<std::uint32_t>(employees_)));
  const int e2 = static_cast<int>(rng_.below(static_cast<std::uint32_t>(employees_)));
  const int day = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_)));
  const int v1 = x_[cell(e1, day)];
  const int v2 = x_[cell(e2, day)];
  if (e1 == e2 || v1 == v2 || !allowed(e1, day, v2) || !allowed(e2, day, v1)) return false;
  delta.objective = change(e1, day, v2) + change(e2, day, v1);
  delta.hard = rows_delta(e1, e2);
  return true;
}

bool CurtoisSearch::propose_swap_block(Delta& delta) {
  if (employees_ < 2 || days_ < 2) return false;
  const int e1 = static_cast<int>(rng_.below(static_cast<std::uint32_t>(employees_)));
  const int e2 = static_cast<int>(rng_.below(static_cast<std::uint32_t>(employees_)));
  if (e1 == e2) return false;
  int length = random_block_length();
  int first = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_ - length + 1)));
  if (days_ >= 7 && rng_.below(2) == 0) {
    // Weekend-aligned block: Saturday and Sunday change hands together, otherwise a move can
    // never take a whole weekend off someone over their weekend limit.
    const int weekend = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_ / 7)));
    first = 7 * weekend + 5 - static_cast<int>(rng_.below(2));
    length = std::min(2 + static_cast<int>(rng_.below(3)), days_ - first);
  }
  bool differs = false;
  for (int day = first; day < first + length; ++day) {
    const int v1 = x_[cell(e1, day)];
    const int v2 = x_[cell(e2, day)];
    if (!allowed(e1, day, v2) || !allowed(e2, day, v1)) return false;
    differs = differs || v1 != v2;
  }
  if (!differs) return false;
  for (int day = first; day < first + length; ++day) {
    const int v1 = x_[cell(e1, day)];
    const int v2 = x_[cell(e2, day)];
    if (v1 != v2) delta.objective += change(e1, day, v2) + change(e2, day, v1);
  }
  delta.hard = rows_delta(e1, e2);
  return true;
}

bool CurtoisSearch::propose_assign_block(Delta& delta) {
  const int e = static_cast<int>(rng_.below(static_cast<std::uint32_t>(employees_)));
  const int length = random_block_length();
  const int first = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_ - length + 1)));
  const int value = static_cast<int>(rng_.below(static_cast<std::uint32_t>(values_)));
  bool changed = false;
  for (int day = first; day < first + length; ++day) {
    if (x_[cell(e, day)] == value || !allowed(e, day, value)) continue;
    delta.objective += change(e, day, value);
    changed = true;
  }
  if (!changed) return false;
  delta.hard = rows_delta(e, -1);
  return true;
}

bool CurtoisSearch::propose_move_within_row(Delta& delta) {
  const int e = static_cast<int>(rng_.below(static_cast<std::uint32_t>(employees_)));
  const int d1 = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_)));
  const int d2 = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_)));
  const int v1 = x_[cell(e, d1)];
  const int v2 = x_[cell(e, d2)];
  if (v1 == v2 || !allowed(e, d1, v2) || !allowed(e, d2, v1)) return false;
  delta.objective = change(e, d1, v2) + change(e, d2, v1);
  delta.hard = rows_delta(e, -1);
  return true;
}

bool CurtoisSearch::propose_fill_cover(Delta& delta) {
  // Most cover rows are met, so a uniformly random cell change rarely targets the costly
  // under-covered ones; this move looks for one on a random day and staffs it.
  const int day = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_)));
  const int offset = static_cast<int>(rng_.below(static_cast<std::uint32_t>(shifts_)));
  int shift = -1;
  for (int k = 0; k < shifts_ && shift < 0; ++k) {
    const int s = (offset + k) % shifts_;
    const auto index = static_cast<std::size_t>(day * shifts_ + s);
    if (cover_count_[index] < cover_required_[index]) shift = s;
  }
  if (shift < 0) return false;
  const int e = static_cast<int>(rng_.below(static_cast<std::uint32_t>(employees_)));
  if (x_[cell(e, day)] == shift + 1 || !allowed(e, day, shift + 1)) return false;
  delta.objective = change(e, day, shift + 1);
  delta.hard = rows_delta(e, -1);
  return true;
}

bool CurtoisSearch::propose(Delta& delta) {
  const std::uint32_t pick = rng_.below(100);
  if (pick < kFillCoverPercent) return propose_fill_cover(delta);
  if (pick < 30) return propose_change_cell(delta);
  if (pick < 50) return propose_swap_day(delta);
  if (pick < 70) return propose_swap_block(delta);
  if (pick < 85) return propose_assign_block(delta);
  return propose_move_within_row(delta);
}

}  // namespace vstation::roster::detail
