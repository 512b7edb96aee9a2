#include "curtois_search.hpp"

#include <algorithm>
#include <cmath>

namespace vstation::roster::detail {

namespace {

// Tuning: one configuration for every instance (the benchmark forbids per-instance tuning),
// chosen by measurement on the 13 instances (docs/benchmarks.md).
constexpr double kStartTemperature = 30.0;
constexpr double kEndTemperature = 0.3;
// Hard-rule penalty per violation unit adapts (strategic oscillation): it grows while the
// current state is infeasible and shrinks while feasible, so the search can cross infeasible
// regions yet keeps coming back to feasibility.
constexpr double kHardWeightMin = 100;
constexpr double kHardWeightMax = 5000;
constexpr double kHardWeightFactor = 1.01;
constexpr std::uint64_t kHardWeightPeriod = 10000;
// Infeasible for this many iterations since the last feasible state: return to the best.
constexpr std::uint64_t kRestoreAfter = 2'000'000;
// Step budget of the per-row feasibility search in construct_feasible_rows().
constexpr int kRowSearchSteps = 200000;

}  // namespace

CurtoisSearch::CurtoisSearch(const CurtoisInstance& instance, std::uint64_t seed)
    : instance_(instance),
      rng_(seed),
      employees_(static_cast<int>(instance.employees.size())),
      days_(instance.horizon_days),
      shifts_(static_cast<int>(instance.shift_types.size())),
      values_(shifts_ + 1) {
  const auto cells = static_cast<std::size_t>(employees_) * static_cast<std::size_t>(days_);
  const auto per_cell = static_cast<std::size_t>(values_);
  x_.assign(cells, 0);
  allowed_.assign(cells * per_cell, 1);
  request_cost_.assign(cells * per_cell, 0);
  type_count_scratch_.assign(static_cast<std::size_t>(shifts_), 0);

  minutes_unit_ = instance.shift_types.front().length_minutes;
  for (const auto& shift : instance.shift_types) {
    minutes_unit_ = std::min(minutes_unit_, shift.length_minutes);
  }
  forbidden_.assign(static_cast<std::size_t>(shifts_ * shifts_), 0);
  for (int s = 0; s < shifts_; ++s) {
    for (const int next : instance.shift_types[static_cast<std::size_t>(s)].forbidden_next) {
      forbidden_[static_cast<std::size_t>(s * shifts_ + next)] = 1;
    }
  }
  for (int e = 0; e < employees_; ++e) {
    const auto& employee = instance.employees[static_cast<std::size_t>(e)];
    for (int day = 0; day < days_; ++day) {
      for (int s = 0; s < shifts_; ++s) {
        if (employee.max_shifts_per_type[static_cast<std::size_t>(s)] <= 0) {
          allowed_[cell(e, day) * per_cell + static_cast<std::size_t>(s + 1)] = 0;
        }
      }
    }
    for (const int day : employee.days_off) {
      for (int s = 0; s < shifts_; ++s) {
        allowed_[cell(e, day) * per_cell + static_cast<std::size_t>(s + 1)] = 0;
      }
    }
  }
  for (const auto& request : instance.on_requests) {
    for (int value = 0; value < values_; ++value) {
      if (value != request.shift + 1) {
        request_cost_[cell(request.employee, request.day) * per_cell +
                      static_cast<std::size_t>(value)] += request.weight;
      }
    }
  }
  for (const auto& request : instance.off_requests) {
    request_cost_[cell(request.employee, request.day) * per_cell +
                  static_cast<std::size_t>(request.shift + 1)] += request.weight;
  }
  const auto cover_cells = static_cast<std::size_t>(days_ * shifts_);
  cover_required_.assign(cover_cells, 0);
  cover_under_.assign(cover_cells, 0);
  cover_over_.assign(cover_cells, 0);
  cover_count_.assign(cover_cells, 0);
  for (const auto& cover : instance.covers) {
    const auto index = static_cast<std::size_t>(cover.day * shifts_ + cover.shift);
    cover_required_[index] = cover.requirement;
    cover_under_[index] = cover.weight_under;
    cover_over_[index] = cover.weight_over;
  }
  violation_.assign(static_cast<std::size_t>(employees_), 0);
  for (int e = 0; e < employees_; ++e) {
    violation_[static_cast<std::size_t>(e)] = row_violation(e);
    hard_ += violation_[static_cast<std::size_t>(e)];
  }
  objective_ = full_objective();
}

int CurtoisSearch::row_violation(int e) const {
  const auto& employee = instance_.employees[static_cast<std::size_t>(e)];
  const Value* row = &x_[cell(e, 0)];
  auto& count = type_count_scratch_;
  std::fill(count.begin(), count.end(), 0);
  int violation = 0;
  int minutes = 0;
  for (int day = 0; day < days_; ++day) {
    const int value = row[day];
    if (value == 0) continue;
    ++count[static_cast<std::size_t>(value - 1)];
    minutes += instance_.shift_types[static_cast<std::size_t>(value - 1)].length_minutes;
    if (day > 0 && row[day - 1] != 0 &&
        forbidden_[static_cast<std::size_t>((row[day - 1] - 1) * shifts_ + value - 1)]) {
      ++violation;
    }
  }
  for (int s = 0; s < shifts_; ++s) {
    violation += std::max(0, count[static_cast<std::size_t>(s)] -
                                 employee.max_shifts_per_type[static_cast<std::size_t>(s)]);
  }
  // Minutes outside the range count in units of the shortest shift, so that every shift
  // moved towards the range lowers the violation.
  if (minutes > employee.max_total_minutes) {
    violation += (minutes - employee.max_total_minutes + minutes_unit_ - 1) / minutes_unit_;
  } else if (minutes < employee.min_total_minutes) {
    violation += (employee.min_total_minutes - minutes + minutes_unit_ - 1) / minutes_unit_;
  }
  int start = 0;
  bool working = row[0] != 0;
  for (int day = 1; day <= days_; ++day) {
    if (day < days_ && (row[day] != 0) == working) continue;
    const int length = day - start;
    const bool touches_edge = start == 0 || day == days_;
    if (working) {
      violation += std::max(0, length - employee.max_consecutive_shifts);
      if (!touches_edge) violation += std::max(0, employee.min_consecutive_shifts - length);
    } else if (!touches_edge) {
      violation += std::max(0, employee.min_consecutive_days_off - length);
    }
    start = day;
    working = !working;
  }
  int weekends = 0;
  for (int saturday = 5; saturday < days_; saturday += 7) {
    if (row[saturday] != 0 || (saturday + 1 < days_ && row[saturday + 1] != 0)) ++weekends;
  }
  violation += std::max(0, weekends - employee.max_weekends);
  return violation;
}

int CurtoisSearch::cover_cost_delta(int day, int shift, int change) const {
  const auto index = static_cast<std::size_t>(day * shifts_ + shift);
  const int assigned = cover_count_[index];
  const int required = cover_required_[index];
  if (change > 0) return assigned < required ? -cover_under_[index] : cover_over_[index];
  return assigned <= required ? cover_under_[index] : -cover_over_[index];
}

int CurtoisSearch::set_cell(int e, int day, int value) {
  const std::size_t index = cell(e, day);
  const int old = x_[index];
  int delta = request_cost(e, day, value) - request_cost(e, day, old);
  if (old != 0) {
    delta += cover_cost_delta(day, old - 1, -1);
    --cover_count_[static_cast<std::size_t>(day * shifts_ + old - 1)];
  }
  if (value != 0) {
    delta += cover_cost_delta(day, value - 1, +1);
    ++cover_count_[static_cast<std::size_t>(day * shifts_ + value - 1)];
  }
  x_[index] = static_cast<Value>(value);
  return delta;
}

std::int64_t CurtoisSearch::full_objective() const {
  std::int64_t total = 0;
  for (int e = 0; e < employees_; ++e) {
    for (int day = 0; day < days_; ++day) total += request_cost(e, day, x_[cell(e, day)]);
  }
  for (std::size_t i = 0; i < cover_count_.size(); ++i) {
    const int gap = cover_required_[i] - cover_count_[i];
    total += gap > 0 ? static_cast<std::int64_t>(gap) * cover_under_[i]
                     : static_cast<std::int64_t>(-gap) * cover_over_[i];
  }
  return total;
}

int CurtoisSearch::change(int e, int day, int value) {
  undo_log_.push_back(Undo{e, day, x_[cell(e, day)]});
  return set_cell(e, day, value);
}

std::int64_t CurtoisSearch::rows_delta(int e1, int e2) {
  std::int64_t delta = 0;
  for (const int e : {e1, e2}) {
    if (e < 0 || (e == e2 && e2 == e1)) continue;
    const int before = violation_[static_cast<std::size_t>(e)];
    const int after = row_violation(e);
    row_undo_.push_back(RowUndo{e, before});
    violation_[static_cast<std::size_t>(e)] = after;
    delta += after - before;
  }
  return delta;
}

void CurtoisSearch::undo() {
  for (auto it = undo_log_.rbegin(); it != undo_log_.rend(); ++it) {
    set_cell(it->e, it->day, it->old_value);
  }
  for (const auto& row : row_undo_) violation_[static_cast<std::size_t>(row.e)] = row.old_violation;
  undo_log_.clear();
  row_undo_.clear();
}

void CurtoisSearch::commit(const Delta& delta) {
  objective_ += delta.objective;
  hard_ += delta.hard;
  undo_log_.clear();
  row_undo_.clear();
}

void CurtoisSearch::load(const CurtoisRoster& roster) {
  for (int e = 0; e < employees_; ++e) {
    for (int day = 0; day < days_; ++day) {
      set_cell(e, day,
               roster.shift[static_cast<std::size_t>(e)][static_cast<std::size_t>(day)] + 1);
    }
  }
  hard_ = 0;
  for (int e = 0; e < employees_; ++e) {
    violation_[static_cast<std::size_t>(e)] = row_violation(e);
    hard_ += violation_[static_cast<std::size_t>(e)];
  }
  objective_ = full_objective();
}

void CurtoisSearch::construct_feasible_rows(const Budget& budget) {
  // Every hard rule concerns one employee's row and cover is soft, so a feasible roster is
  // just a feasible row per employee: find each by a small local search on the row alone.
  for (int e = 0; e < employees_; ++e) {
    int current = row_violation(e);
    for (int step = 0; step < kRowSearchSteps && current > 0; ++step) {
      if (step % 1024 == 1023 && budget.time_up()) break;
      const int first = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_)));
      const int value = static_cast<int>(rng_.below(static_cast<std::uint32_t>(values_)));
      const std::uint32_t kind = rng_.below(3);
      if (kind == 0) {
        if (allowed(e, first, value)) change(e, first, value);
      } else if (kind == 1) {
        const int last = std::min(days_, first + random_block_length());
        for (int day = first; day < last; ++day) {
          if (allowed(e, day, value)) change(e, day, value);
        }
      } else {
        const int other = static_cast<int>(rng_.below(static_cast<std::uint32_t>(days_)));
        const int v1 = x_[cell(e, first)];
        const int v2 = x_[cell(e, other)];
        if (allowed(e, first, v2) && allowed(e, other, v1)) {
          change(e, first, v2);
          change(e, other, v1);
        }
      }
      const int candidate = row_violation(e);
      // Plateau moves are accepted to drift across ties; rare worsening ones escape traps.
      if (candidate <= current || rng_.below(1000) == 0) {
        current = candidate;
        undo_log_.clear();
      } else {
        undo();
      }
    }
  }
  hard_ = 0;
  for (int e = 0; e < employees_; ++e) {
    violation_[static_cast<std::size_t>(e)] = row_violation(e);
    hard_ += violation_[static_cast<std::size_t>(e)];
  }
  objective_ = full_objective();
}

CurtoisSearchOutcome CurtoisSearch::run(const SolveOptions& options) {
  CurtoisSearchOutcome outcome;
  Budget budget(options);
  double temperature = kStartTemperature;
  double hard_weight = kHardWeightMax;
  std::uint64_t last_feasible = 0;
  const auto snapshot = [&] {
    outcome.best.shift.assign(static_cast<std::size_t>(employees_), {});
    for (int e = 0; e < employees_; ++e) {
      auto& row = outcome.best.shift[static_cast<std::size_t>(e)];
      row.resize(static_cast<std::size_t>(days_));
      for (int day = 0; day < days_; ++day)
        row[static_cast<std::size_t>(day)] = x_[cell(e, day)] - 1;
    }
    outcome.objective = objective_;
  };
  const auto record_best = [&] {
    snapshot();
    if (!outcome.feasible) outcome.seconds_to_first_feasible = budget.elapsed_seconds();
    outcome.feasible = true;
  };
  construct_feasible_rows(budget);
  if (hard_ == 0) record_best();
  while (true) {
    if ((budget.iterations() & 255) == 0) {
      temperature =
          kStartTemperature * std::pow(kEndTemperature / kStartTemperature, budget.progress());
    }
    if (budget.iterations() % kHardWeightPeriod == 0) {
      // Until the first feasible roster the weight stays at its maximum (reach feasibility
      // first); afterwards it oscillates between the bounds.
      hard_weight = hard_ > 0 || !outcome.feasible
                        ? std::min(kHardWeightMax, hard_weight * kHardWeightFactor)
                        : std::max(kHardWeightMin, hard_weight / kHardWeightFactor);
    }
    if (hard_ == 0) {
      last_feasible = budget.iterations();
    } else if (outcome.feasible && budget.iterations() - last_feasible > kRestoreAfter) {
      // Drifted into an infeasible basin it cannot leave: go back to the best roster.
      load(outcome.best);
      hard_weight = kHardWeightMax;
      last_feasible = budget.iterations();
    }
    bool improved = false;
    Delta delta;
    if (propose(delta)) {
      const double cost =
          static_cast<double>(delta.objective) + hard_weight * static_cast<double>(delta.hard);
      if (cost <= 0 || rng_.unit() < std::exp(-cost / temperature)) {
        commit(delta);
        if (hard_ == 0 && (!outcome.feasible || objective_ < outcome.objective)) {
          record_best();
          improved = true;
        }
      } else {
        undo();
      }
    }
    if (!budget.tick(improved)) break;
  }
  // Never feasible: hand back where the search ended so the evaluator can say what is broken.
  if (!outcome.feasible) snapshot();
  outcome.iterations = budget.iterations();
  return outcome;
}

}  // namespace vstation::roster::detail
