#pragma once
// What importing shifts asks of the database for every row (does the new shift overlap another
// of its project at its station, or start when a cancelled one does), answered from memory: each
// station's shifts are read once, at its first row (shifts::of_station), and every shift the
// import adds is added here too.
// The answers are shifts::clash's inside the import's transaction (nothing else writes the
// station's shifts meanwhile; an edit in the same import clears the Lookup and with it this).

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>

#include "shift_clash.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store {

class ShiftIndex final : public Lookup::Scratch {
 public:
  // shifts::clash(db, s).
  std::optional<shifts::ShiftClash> clash(Connection& db, Lookup& lookup, const Shift& s);
  // The cancelled shift of s's station and project starting when `s` does, which the UNIQUE
  // index would refuse `s` for; asked after clash().
  [[nodiscard]] std::optional<ShiftId> cancelled_at(const Shift& s) const;
  // A shift just inserted as `id`, or kept to be written as `id`.
  void added(ShiftId id, const Shift& s);

  // Past this many cached shifts the cache starts over (the database still has everything, once
  // the rows the import keeps waiting are written).
  static constexpr std::size_t kMaxEntries = 4'000'000;

 private:
  struct Span {
    std::int64_t ends;
    ShiftId id;
    bool cancelled;  // occupies nothing, but keeps its start
  };
  // project -> start -> span; a project's shifts start at distinct times (the UNIQUE index)
  using Station = std::unordered_map<std::int64_t, std::map<std::int64_t, Span>>;
  Station& station(Connection& db, Lookup& lookup, StationId st);
  std::unordered_map<std::int64_t, Station> stations_;
  std::size_t entries_ = 0;
};

}  // namespace vstation::store
