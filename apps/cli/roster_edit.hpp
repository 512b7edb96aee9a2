#pragma once
// Arguments shared by the coordinator's manual roster edits: a volunteer and a shift, and the
// --force --reason that lets an edit break a rule about the person.

#include "cli/command.hpp"
#include "vstation/planning/roster_edit.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {

struct EditArgs {
  std::string volunteer;
  std::int64_t shift = 0;
  bool flag = false;                  // --pin for assign, --off for pin
  std::optional<std::string> reason;  // --force --reason
};

void declare_edit_args(OptionSet& s, const Context& ctx, const char* flag, Msg flag_help);
EditArgs parse_edit_args(const po::variables_map& vm, const char* flag);

// --force --reason TEXT, for commands that add assignments (both or neither).
void declare_force(OptionSet& s, const Context& ctx);
std::optional<std::string> parse_force(const po::variables_map& vm);
std::optional<store::Override> override_of(const std::optional<std::string>& reason,
                                           const Context& ctx);

// Resolves both; throws naming the option when either is unknown.
std::pair<VolunteerId, Shift> resolve_edit(store::Connection& db, store::Lookup& lookup,
                                           const EditArgs& a);
// Lines for what an edit forced and the softer rules it breaks.
std::string edit_notes(const planning::AssignOutcome& o, store::Lookup& lookup,
                       const std::string& volunteer, Lang lang);

}  // namespace vstation::cli
