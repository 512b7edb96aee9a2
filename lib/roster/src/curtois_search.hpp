#pragma once
// Simulated annealing over per-employee day vectors for the Curtois format (internal).
//
// Representation: one value per (employee, day): 0 = day off, s + 1 = shift type s. Rule 1 and
// the listed days off and zero per-type caps are enforced by construction (such cells are never
// offered to the moves); every other hard rule is a penalised violation count, so the search can
// cross infeasible regions, and only feasible states are recorded as the best.
//
// Scoring: the objective is separable into per-cell request costs plus per-(day, shift) cover
// costs, both updated in O(1) per changed cell; hard rules only depend on one employee's row,
// which is recomputed in O(days) after a move touches it.

#include <cstdint>
#include <vector>

#include "vstation/roster/curtois.hpp"
#include "vstation/roster/search.hpp"

namespace vstation::roster::detail {

struct CurtoisSearchOutcome {
  CurtoisRoster best;
  bool feasible = false;
  std::int64_t objective = 0;  // of `best` as the search scored it
  std::uint64_t iterations = 0;
  double seconds_to_first_feasible = -1.0;
};

class CurtoisSearch {
 public:
  CurtoisSearch(const CurtoisInstance& instance, std::uint64_t seed);
  CurtoisSearchOutcome run(const SolveOptions& options);

 private:
  using Value = std::uint16_t;  // 0 = off, s + 1 = shift type s

  // --- model ---
  [[nodiscard]] std::size_t cell(int e, int day) const {
    return static_cast<std::size_t>(e) * static_cast<std::size_t>(days_) +
           static_cast<std::size_t>(day);
  }
  [[nodiscard]] bool allowed(int e, int day, int value) const {
    return allowed_[cell(e, day) * static_cast<std::size_t>(values_) +
                    static_cast<std::size_t>(value)];
  }
  [[nodiscard]] int request_cost(int e, int day, int value) const {
    return request_cost_[cell(e, day) * static_cast<std::size_t>(values_) +
                         static_cast<std::size_t>(value)];
  }
  [[nodiscard]] int row_violation(int e) const;
  // Sets one cell and returns the objective delta (requests + cover).
  int set_cell(int e, int day, int value);
  [[nodiscard]] int cover_cost_delta(int day, int shift, int change) const;
  [[nodiscard]] std::int64_t full_objective() const;

  // --- moves: each applies itself and reports its delta; false when it changed nothing ---
  struct Delta {
    std::int64_t objective = 0;
    std::int64_t hard = 0;
  };
  bool propose_change_cell(Delta& delta);
  bool propose_swap_day(Delta& delta);
  bool propose_swap_block(Delta& delta);
  bool propose_assign_block(Delta& delta);
  bool propose_move_within_row(Delta& delta);
  bool propose_fill_cover(Delta& delta);
  bool propose(Delta& delta);
  void undo();
  void commit(const Delta& delta);
  // Makes each row feasible on its own (stops early at the time limit).
  void construct_feasible_rows(const Budget& budget);
  // Replaces the whole state by `roster` (used to return to the best after a long detour).
  void load(const CurtoisRoster& roster);
  [[nodiscard]] int random_block_length();

  // Records a cell change for undo and applies it.
  int change(int e, int day, int value);
  // Recomputes the rows of e1 and e2 (e2 may be -1 or equal e1); returns the hard delta.
  std::int64_t rows_delta(int e1, int e2);

  const CurtoisInstance& instance_;
  Rng rng_;
  int employees_ = 0;
  int days_ = 0;
  int shifts_ = 0;
  int values_ = 0;  // shifts + 1
  int minutes_unit_ = 1;
  std::vector<Value> x_;
  std::vector<std::uint8_t> allowed_;
  std::vector<int> request_cost_;
  std::vector<std::uint8_t> forbidden_;  // [prev_shift * shifts + next_shift]
  std::vector<int> cover_required_, cover_under_, cover_over_, cover_count_;
  std::vector<int> violation_;  // cached row_violation per employee
  mutable std::vector<int> type_count_scratch_;
  std::int64_t objective_ = 0;
  std::int64_t hard_ = 0;

  struct Undo {
    int e, day, old_value;
  };
  std::vector<Undo> undo_log_;
  struct RowUndo {
    int e, old_violation;
  };
  std::vector<RowUndo> row_undo_;
};

}  // namespace vstation::roster::detail
