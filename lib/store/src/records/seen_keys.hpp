#pragma once
// The keys one import file has brought so far, each with the line it came on, so that a key
// repeated within the file is refused naming its first line. Exact (keys are compared, not only
// hashed) and compact: each key's line and bytes go into one arena, and an open-addressing table
// of 4-byte arena offsets, at most half full, finds them: about 16 bytes plus the key's length a
// key, where a std::map<std::string, line> took about 90. A district's volunteers or projects
// (hundreds of thousands) fit in a few megabytes.

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vstation::store {

class SeenKeys {
 public:
  // The line `key` was first seen on; if it is new, nothing, and it is kept with `line`.
  std::optional<std::uint64_t> first_or_add(std::string_view key, std::uint64_t line) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      std::uint32_t at = slots_[i];
      if (at == kEmpty) {
        slots_[i] = append(key, line);
        ++count_;
        return std::nullopt;
      }
      if (key_at(at) == key) return line_at(at);
    }
  }
  [[nodiscard]] std::size_t size() const { return count_; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  // An arena entry: the line (8 bytes), the key's length (4 bytes), the key's bytes.
  static constexpr std::size_t kHead = 12;

  static std::size_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

  std::uint32_t append(std::string_view key, std::uint64_t line) {
    // Offsets are 4 bytes: past 4 GiB of keys the caller's limit on keys has long refused the file.
    if (arena_.size() + kHead + key.size() >= kEmpty)
      throw std::length_error("import keys past 4 GiB");
    auto at = std::uint32_t(arena_.size());
    auto length = std::uint32_t(key.size());
    arena_.resize(arena_.size() + kHead + key.size());
    std::memcpy(&arena_[at], &line, 8);
    std::memcpy(&arena_[at + 8], &length, 4);
    std::memcpy(&arena_[at + kHead], key.data(), key.size());
    return at;
  }
  [[nodiscard]] std::uint64_t line_at(std::uint32_t at) const {
    std::uint64_t line;
    std::memcpy(&line, &arena_[at], 8);
    return line;
  }
  [[nodiscard]] std::string_view key_at(std::uint32_t at) const {
    std::uint32_t length;
    std::memcpy(&length, &arena_[at + 8], 4);
    return {&arena_[at + kHead], length};
  }
  void grow() {
    std::vector<std::uint32_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, kEmpty);
    std::size_t mask = slots_.size() - 1;
    for (std::uint32_t at : old) {
      if (at == kEmpty) continue;
      std::size_t i = hash(key_at(at)) & mask;
      while (slots_[i] != kEmpty) i = (i + 1) & mask;
      slots_[i] = at;
    }
  }

  std::string arena_;
  std::vector<std::uint32_t> slots_;  // arena offsets; kEmpty: free
  std::size_t count_ = 0;
};

}  // namespace vstation::store
