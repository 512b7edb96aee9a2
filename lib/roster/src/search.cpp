#include "vstation/roster/search.hpp"

#include <algorithm>

namespace vstation::roster {

namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

// Used when neither a time limit nor an iteration limit is given, so a search always ends.
constexpr std::uint64_t kDefaultIterationCap = 10'000'000;
// Reading the clock costs tens of nanoseconds; a move costs about as much, so sample sparsely.
constexpr std::uint64_t kClockEvery = 256;

}  // namespace

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (auto& word : s_) word = splitmix64(state);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint32_t Rng::below(std::uint32_t bound) {
  // Lemire's multiply-shift; the tiny bias is irrelevant for a search heuristic.
  return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(bound)) >> 32);
}

double Rng::unit() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

Budget::Budget(const SolveOptions& options)
    : start_(std::chrono::steady_clock::now()),
      time_limit_(options.time_limit_seconds),
      max_iterations_(options.max_iterations),
      no_improvement_(options.no_improvement_iterations) {
  if (!time_limit_ && !max_iterations_) max_iterations_ = kDefaultIterationCap;
}

double Budget::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

bool Budget::tick(bool improved_best) {
  ++iterations_;
  since_best_ = improved_best ? 0 : since_best_ + 1;
  if (no_improvement_ && since_best_ >= *no_improvement_) return false;
  double progress = 0.0;
  if (max_iterations_) {
    if (iterations_ >= *max_iterations_) return false;
    progress = static_cast<double>(iterations_) / static_cast<double>(*max_iterations_);
  }
  if (time_limit_ && (iterations_ % kClockEvery == 0 || iterations_ == 1)) {
    const double elapsed = elapsed_seconds();
    if (elapsed >= *time_limit_) return false;
    progress = std::max(progress, *time_limit_ > 0 ? elapsed / *time_limit_ : 1.0);
  } else if (time_limit_) {
    progress = std::max(progress, progress_);
  }
  progress_ = progress;
  return true;
}

}  // namespace vstation::roster
