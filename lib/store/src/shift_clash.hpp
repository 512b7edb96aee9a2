#pragma once
// The rule that a station's shifts of one project do not overlap, as the store asks it: by
// shifts::insert for one shift, and from memory by an import (records/shift_index.hpp).

#include <cstdint>
#include <optional>

#include "vstation/store/repos.hpp"

namespace vstation::store::shifts {

// A shift of the same project at the same station, not cancelled, that a new one overlaps.
struct ShiftClash {
  ShiftId id;
  Instant starts;
};
// A shift lies within one local day (at most 25 hours), so any it overlaps starts less than
// this many seconds before it.
inline constexpr std::int64_t kClashLookBack = 2 * 24 * 60 * 60;
// The earliest-starting shift `s` would overlap, as insert refuses it; update asks it with the
// shift's own id, `itself`, which is then no clash.
std::optional<ShiftClash> clash(Connection& db, const Shift& s,
                                std::optional<ShiftId> itself = std::nullopt);
// `s` refused for the clash found, naming that shift (DataError); nothing if none was.
void refuse(Connection& db, const Shift& s, const std::optional<ShiftClash>& found);
// shifts::insert with `clash` already asked by the caller (an import answering it from memory).
ShiftId insert(Connection& db, const Shift& s, const std::optional<ShiftClash>& found);

}  // namespace vstation::store::shifts
