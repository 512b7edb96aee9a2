#pragma once
// Words for sessions and shifts shared by the check-in, check-out, review and kiosk screens.

#include <optional>
#include <string>

#include "vstation/domain/entities.hpp"
#include "vstation/domain/message.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::cli {

// "周二 09:00–12:00 交通劝导" / "Tue 09:00–12:00 traffic persuasion · P003 name"
Text shift_label(const Shift& s, store::Lookup& lookup);
Text shift_label(const store::shifts::RosteredShift& s, store::Lookup& lookup);
// One review line: number, volunteer (masked), station, times, status, credited.
std::vector<std::string> session_row(const Session& s, store::Lookup& lookup, Lang lang);
// "session 42 (V0012 张*三): 2023-05-02 09:00–12:00 closed 180 min → … corrected 0 min"
std::string session_change(const Session& before, const Session& after, store::Lookup& lookup,
                           Lang lang);

}  // namespace vstation::cli
