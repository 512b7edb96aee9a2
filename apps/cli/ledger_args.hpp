#pragma once
// Arguments shared by checkin and checkout: who, where, when.

#include "cli/command.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {

struct LedgerArgs {
  std::string volunteer;
  std::optional<std::string> station;
  std::optional<std::string> at;
  bool yes = false;
  std::optional<std::string> left;  // checkout: when the volunteer says they left
};

void declare_ledger_args(OptionSet& s, const Context& ctx, bool with_station);
LedgerArgs parse_ledger_args(const po::variables_map& vm);
VolunteerId resolve_volunteer(store::Lookup& lookup, const LedgerArgs& a);
// --station, else the volunteer's home station, else the database's only station.
StationId resolve_station(store::Lookup& lookup, const LedgerArgs& a, VolunteerId v);
// --at in the station's local time (or with an offset), else now.
Instant resolve_time(store::Lookup& lookup, const LedgerArgs& a, StationId st, Instant now);
// --left: a date-time, or a time of day taken as the first such moment after the check-in.
Instant resolve_left(store::Lookup& lookup, const std::string& text, const Session& s, Instant now);

}  // namespace vstation::cli
