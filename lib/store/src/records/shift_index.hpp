#pragma once
// What importing shifts asks of the database for every row (does the new shift overlap another
// of its project at its station), answered from memory: each station's shifts that are not
// cancelled are read once, at its first row (shifts::of_station), and every shift the import adds
// is added here too.
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
  std::optional<shifts::ShiftClash> clash(Connection& db, const Shift& s);
  // A shift just inserted as `id`.
  void added(ShiftId id, const Shift& s);

  // Past this many cached shifts the cache starts over (the database still has everything).
  static constexpr std::size_t kMaxEntries = 4'000'000;

 private:
  struct Span {
    std::int64_t ends;
    ShiftId id;
  };
  // project -> start -> span; a project's live shifts start at distinct times (the UNIQUE index)
  using Station = std::unordered_map<std::int64_t, std::map<std::int64_t, Span>>;
  Station& station(Connection& db, StationId st);
  std::unordered_map<std::int64_t, Station> stations_;
  std::size_t entries_ = 0;
};

}  // namespace vstation::store
