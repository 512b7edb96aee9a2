// The solution file: "EmployeeID,f0,f1,...,f(H-1)" with a shift ID or nothing in each field.

#include <algorithm>
#include <string>

#include "curtois_text.hpp"
#include "vstation/roster/curtois.hpp"

namespace vstation::roster {

void write_curtois_roster(std::ostream& out, const CurtoisInstance& instance,
                          const CurtoisRoster& roster) {
  for (std::size_t e = 0; e < instance.employees.size(); ++e) {
    out << instance.employees[e].id;
    for (int day = 0; day < instance.horizon_days; ++day) {
      out << ',';
      const int shift = roster.shift[e][static_cast<std::size_t>(day)];
      if (shift != kDayOff) out << instance.shift_types[static_cast<std::size_t>(shift)].id;
    }
    out << '\n';
  }
}

CurtoisRoster read_curtois_roster(std::istream& in, const CurtoisInstance& instance,
                                  const std::string& source) {
  const auto days = static_cast<std::size_t>(instance.horizon_days);
  CurtoisRoster roster;
  roster.shift.assign(instance.employees.size(), std::vector<int>(days, kDayOff));
  std::vector<bool> seen(instance.employees.size(), false);
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    const std::string_view text = detail::trim(raw);
    if (text.empty() || text.front() == '#') continue;
    const auto fields = detail::split(text, ',');
    const int employee = instance.employee_index(fields[0]);
    if (employee < 0) {
      throw CurtoisFormatError(source, line, "unknown employee '" + std::string(fields[0]) + "'");
    }
    if (seen[static_cast<std::size_t>(employee)]) {
      throw CurtoisFormatError(source, line,
                               "employee '" + std::string(fields[0]) + "' appears twice");
    }
    seen[static_cast<std::size_t>(employee)] = true;
    if (fields.size() != days + 1) {
      throw CurtoisFormatError(source, line,
                               "expected " + std::to_string(days) +
                                   " day fields after the ID, got " +
                                   std::to_string(fields.size() - 1));
    }
    for (std::size_t day = 0; day < days; ++day) {
      const auto field = fields[day + 1];
      if (field.empty()) continue;
      const int shift = instance.shift_index(field);
      if (shift < 0) {
        throw CurtoisFormatError(
            source, line,
            "unknown shift type '" + std::string(field) + "' on day " + std::to_string(day));
      }
      roster.shift[static_cast<std::size_t>(employee)][day] = shift;
    }
  }
  const auto missing = std::find(seen.begin(), seen.end(), false);
  if (missing != seen.end()) {
    const auto index = static_cast<std::size_t>(missing - seen.begin());
    throw CurtoisFormatError(source, 0,
                             "no line for employee '" + instance.employees[index].id + "'");
  }
  return roster;
}

}  // namespace vstation::roster
