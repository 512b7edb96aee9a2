#pragma once
// The key of the maintained totals kept per volunteer, station and period (credit_totals.cpp;
// quarter_service.cpp's also per project), and its hash for the maps that count a bulk import's
// rows.

#include <compare>
#include <cstddef>
#include <cstdint>

namespace vstation::store {

struct PeriodKey {
  std::int64_t period, station, volunteer, project = 0;
  bool operator==(const PeriodKey&) const = default;
  auto operator<=>(const PeriodKey&) const = default;
};

struct PeriodKeyHash {
  std::size_t operator()(const PeriodKey& k) const {
    std::uint64_t h = std::uint64_t(k.period) * 0x9e3779b97f4a7c15ull;
    h ^= std::uint64_t(k.station) + 0x632be59bd9b4e019ull + (h << 6) + (h >> 2);
    h ^= std::uint64_t(k.volunteer) * 0xff51afd7ed558ccdull + (h << 6) + (h >> 2);
    h ^= std::uint64_t(k.project) * 0xc4ceb9fe1a85ec53ull + (h << 6) + (h >> 2);
    return std::size_t(h ^ (h >> 31));
  }
};

}  // namespace vstation::store
