#pragma once
// Arguments shared by the coordinator's manual roster edits: a volunteer and a shift.

#include "cli/command.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {

struct EditArgs {
  std::string volunteer;
  std::int64_t shift = 0;
  bool flag = false;  // --pin for assign, --off for pin
};

void declare_edit_args(OptionSet& s, const Context& ctx, const char* flag, Msg flag_help);
EditArgs parse_edit_args(const po::variables_map& vm, const char* flag);
// Resolves both; throws naming the option when either is unknown.
std::pair<VolunteerId, Shift> resolve_edit(store::Connection& db, store::Lookup& lookup,
                                           const EditArgs& a);
// Hard-rule warnings for the volunteer in the shift's week after an edit (the edit stands).
std::string edit_warnings(store::Connection& db, store::Lookup& lookup, VolunteerId v,
                          const Shift& s, Lang lang);

}  // namespace vstation::cli
