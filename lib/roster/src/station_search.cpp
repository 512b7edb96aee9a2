#include "station_search.hpp"

#include <algorithm>
#include <cmath>

namespace vstation::roster::detail {

namespace {

// Penalties range from a few points (wishes) to a thousand (an empty slot); the schedule starts
// hot enough to trade wishes freely and ends where only improvements pass.
constexpr double kStartTemperature = 100.0;
constexpr double kEndTemperature = 1.0;

void push_unique(std::vector<int>& values, int value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

}  // namespace

StationSearch::StationSearch(StationState& state, const std::vector<std::pair<int, int>>& pinned,
                             std::uint64_t seed)
    : state_(state),
      pinned_(static_cast<std::size_t>(state.index().volunteer_count())),
      rng_(seed) {
  for (const auto& [v, s] : pinned) pinned_[static_cast<std::size_t>(v)].push_back(s);
}

bool StationSearch::is_pinned(int v, int s) const {
  const auto& list = pinned_[static_cast<std::size_t>(v)];
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool StationSearch::apply(const std::vector<Op>& ops, std::int64_t& delta) {
  touched_shifts_.clear();
  touched_volunteers_.clear();
  for (const auto& op : ops) {
    push_unique(touched_shifts_, op.shift);
    push_unique(touched_volunteers_, op.volunteer);
  }
  std::int64_t before = 0;
  for (const int s : touched_shifts_) before += state_.shift_cost(s);
  for (const int v : touched_volunteers_) before += state_.volunteer_cost(v);
  std::int64_t pairs = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto& op = ops[i];
    if (op.add) {
      if (!state_.can_add(op.volunteer, op.shift)) {
        revert(std::vector<Op>(ops.begin(), ops.begin() + static_cast<std::ptrdiff_t>(i)));
        return false;
      }
      state_.add(op.volunteer, op.shift);
      pairs += state_.pair_cost(op.volunteer, op.shift);
    } else {
      state_.remove(op.volunteer, op.shift);
      pairs -= state_.pair_cost(op.volunteer, op.shift);
    }
  }
  std::int64_t after = 0;
  for (const int s : touched_shifts_) after += state_.shift_cost(s);
  for (const int v : touched_volunteers_) after += state_.volunteer_cost(v);
  delta = after - before + pairs;
  return true;
}

void StationSearch::revert(const std::vector<Op>& ops) {
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
    if (it->add) {
      state_.remove(it->volunteer, it->shift);
    } else {
      state_.add(it->volunteer, it->shift);
    }
  }
}

void StationSearch::construct() {
  const auto& index = state_.index();
  std::vector<int> order(static_cast<std::size_t>(index.shift_count()));
  for (std::size_t s = 0; s < order.size(); ++s) order[s] = static_cast<int>(s);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const auto& sa = index.shift(a);
    const auto& sb = index.shift(b);
    if (sa.priority != sb.priority) return sa.priority > sb.priority;
    return index.candidates(a).size() < index.candidates(b).size();
  });
  std::vector<Op> ops(1);
  for (const int s : order) {
    while (state_.open_slot(s)) {
      int best = -1;
      std::int64_t best_delta = 0;
      for (const int v : index.candidates(s)) {
        if (!state_.can_add(v, s)) continue;
        ops[0] = Op{true, v, s};
        std::int64_t delta = 0;
        if (!apply(ops, delta)) continue;
        revert(ops);
        if (best < 0 || delta < best_delta) {
          best = v;
          best_delta = delta;
        }
      }
      if (best < 0) break;
      state_.add(best, s);
    }
  }
}

bool StationSearch::propose(std::vector<Op>& ops) {
  const auto& index = state_.index();
  ops.clear();
  const int s = random_below(static_cast<std::size_t>(index.shift_count()));
  const auto& candidates = index.candidates(s);
  const auto& on = state_.on_shift(s);
  const std::uint32_t kind = rng_.below(5);
  if (kind == 0) {  // add
    if (candidates.empty() || !state_.open_slot(s)) return false;
    ops.push_back({true, candidates[static_cast<std::size_t>(random_below(candidates.size()))], s});
    return true;
  }
  if (on.empty()) return false;
  const int v = on[static_cast<std::size_t>(random_below(on.size()))];
  if (is_pinned(v, s)) return false;
  if (kind == 1) {  // remove
    ops.push_back({false, v, s});
    return true;
  }
  if (kind == 2) {  // replace v by another candidate
    if (candidates.empty()) return false;
    const int u = candidates[static_cast<std::size_t>(random_below(candidates.size()))];
    if (u == v || state_.assigned(u, s)) return false;
    ops = {{false, v, s}, {true, u, s}};
    return true;
  }
  if (kind == 3) {  // move v to another shift
    const auto& open = index.open_shifts(v);
    if (open.empty()) return false;
    const int t = open[static_cast<std::size_t>(random_below(open.size()))];
    if (t == s || state_.assigned(v, t)) return false;
    ops = {{false, v, s}, {true, v, t}};
    return true;
  }
  // swap: v (on s) and u (on t) exchange shifts
  if (candidates.empty()) return false;
  const int u = candidates[static_cast<std::size_t>(random_below(candidates.size()))];
  const auto& theirs = state_.shifts_of(u);
  if (u == v || theirs.empty()) return false;
  const int t = theirs[static_cast<std::size_t>(random_below(theirs.size()))];
  if (t == s || is_pinned(u, t) || state_.assigned(u, s) || state_.assigned(v, t)) return false;
  ops = {{false, v, s}, {false, u, t}, {true, u, s}, {true, v, t}};
  return true;
}

StationSearchOutcome StationSearch::run(const SolveOptions& options, bool construct_first) {
  StationSearchOutcome outcome;
  Budget budget(options);
  if (construct_first) construct();
  outcome.seconds_to_first_roster = budget.elapsed_seconds();
  std::int64_t cost = state_.total();
  const auto record = [&] {
    outcome.best.clear();
    for (int v = 0; v < state_.index().volunteer_count(); ++v) {
      for (const int s : state_.shifts_of(v)) outcome.best.emplace_back(v, s);
    }
    outcome.cost = cost;
  };
  record();
  if (state_.index().shift_count() == 0) return outcome;
  std::vector<Op> ops;
  double temperature = kStartTemperature;
  while (true) {
    if ((budget.iterations() & 255) == 0) {
      temperature =
          kStartTemperature * std::pow(kEndTemperature / kStartTemperature, budget.progress());
    }
    bool improved = false;
    std::int64_t delta = 0;
    if (propose(ops) && apply(ops, delta)) {
      if (delta <= 0 || rng_.unit() < std::exp(-static_cast<double>(delta) / temperature)) {
        cost += delta;
        if (cost < outcome.cost) {
          record();
          improved = true;
        }
      } else {
        revert(ops);
      }
    }
    if (!budget.tick(improved)) break;
  }
  outcome.iterations = budget.iterations();
  return outcome;
}

}  // namespace vstation::roster::detail
