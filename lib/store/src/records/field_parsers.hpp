#pragma once
// Cell parsers shared by the record kinds. Each throws ParseError naming the expected form.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::store::cells {

// A code or number typed on the command line and written in lists (stations, skills, projects,
// templates, volunteers): letters, digits, '_' and '-' only, starting with a letter or digit.
std::string code(std::string_view s);

bool yes_no(std::string_view s);
std::string yes_no_text(bool b);
// A time something starts at (09:00): a time of day, but not 24:00, which ends a day.
TimeOfDay start_time(std::string_view s);
// A whole number within [lo, hi].
int integer(std::string_view s, int lo, int hi);
std::optional<Date> optional_date(std::string_view s);
std::string date_text(const std::optional<Date>& d);
// "Mon-Fri", "Sat,Sun", "daily", "周一,周三" -> bit mask (bit i: Weekday(i)).
unsigned weekday_set(std::string_view s);
std::string weekday_set_text(unsigned mask);
// The set as people read it: Mon-Fri / 周一至周五.
std::string weekday_set_label(std::string_view code, Lang lang);
// "first_aid:1;traffic:2".
SkillMinimums minimums(std::string_view s, Lookup& lookup);
std::string minimums_text(const SkillMinimums& m, Lookup& lookup);
// "V0001;V0002" (also comma or Chinese semicolon/comma separated).
std::vector<VolunteerId> volunteer_list(std::string_view s, Lookup& lookup);
std::string volunteer_list_text(const std::vector<VolunteerId>& v, Lookup& lookup);
// An 11-digit mainland mobile number (spaces and dashes ignored); empty allowed.
std::string phone(std::string_view s);

}  // namespace vstation::store::cells
