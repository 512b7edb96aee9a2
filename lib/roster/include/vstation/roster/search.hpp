#pragma once
// Search budget and the deterministic random source shared by the solvers.

#include <chrono>
#include <cstdint>
#include <optional>

namespace vstation::roster {

// How long a solve may run. Any limit that is set stops the search; with only iteration limits
// set, a run is fully reproducible for a given seed (wall-clock limits are not).
struct SolveOptions {
  std::optional<double> time_limit_seconds = 10.0;
  std::optional<std::uint64_t> max_iterations;             // per search thread
  std::optional<std::uint64_t> no_improvement_iterations;  // since the last new best
  std::uint64_t seed = 1;
  int threads = 2;  // independent searches with derived seeds; the best is kept
};

// xoshiro256** seeded by splitmix64. Own implementation (not <random> distributions) so that
// the same seed gives the same roster on every standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next();
  // Uniform in [0, bound); bound > 0.
  std::uint32_t below(std::uint32_t bound);
  // Uniform in [0, 1).
  double unit();

 private:
  std::uint64_t s_[4];
};

// Measures progress through the budget as a fraction in [0, 1] (for cooling schedules) and
// says when to stop. Reads the clock only every few calls to keep the inner loop cheap.
class Budget {
 public:
  explicit Budget(const SolveOptions& options);
  // Call once per iteration; false when the search must stop.
  bool tick(bool improved_best);
  [[nodiscard]] double progress() const { return progress_; }
  [[nodiscard]] std::uint64_t iterations() const { return iterations_; }
  [[nodiscard]] double elapsed_seconds() const;
  // True once the time limit (if any) has passed; for phases that run outside tick().
  [[nodiscard]] bool time_up() const { return time_limit_ && elapsed_seconds() >= *time_limit_; }

 private:
  std::chrono::steady_clock::time_point start_;
  std::optional<double> time_limit_;
  std::optional<std::uint64_t> max_iterations_;
  std::optional<std::uint64_t> no_improvement_;
  std::uint64_t iterations_ = 0;
  std::uint64_t since_best_ = 0;
  double progress_ = 0.0;
};

}  // namespace vstation::roster
