// Reader for Curtois & Qu instance files. Sections may come in any order except that shifts
// must precede everything that names a shift, and staff everything that names an employee.

#include <algorithm>
#include <sstream>

#include "curtois_text.hpp"
#include "vstation/roster/curtois.hpp"

namespace vstation::roster {

namespace {

using detail::parse_int;
using detail::split;
using detail::trim;

enum class Section { none, horizon, shifts, staff, days_off, on_requests, off_requests, cover };

Section section_from_name(std::string_view name) {
  if (name == "SECTION_HORIZON") return Section::horizon;
  if (name == "SECTION_SHIFTS") return Section::shifts;
  if (name == "SECTION_STAFF") return Section::staff;
  if (name == "SECTION_DAYS_OFF") return Section::days_off;
  if (name == "SECTION_SHIFT_ON_REQUESTS") return Section::on_requests;
  if (name == "SECTION_SHIFT_OFF_REQUESTS") return Section::off_requests;
  if (name == "SECTION_COVER") return Section::cover;
  return Section::none;
}

class InstanceParser {
 public:
  explicit InstanceParser(std::string source) : source_(std::move(source)) {}

  CurtoisInstance parse(std::istream& in) {
    std::string raw;
    while (std::getline(in, raw)) {
      ++line_;
      const std::string_view text = trim(raw);
      if (text.empty() || text.front() == '#') continue;
      if (text.starts_with("SECTION_")) {
        section_ = section_from_name(text);
        if (section_ == Section::none) fail("unknown section '" + std::string(text) + "'");
        continue;
      }
      parse_row(text);
    }
    finish();
    return std::move(instance_);
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw CurtoisFormatError(source_, line_, problem);
  }

  int to_int(std::string_view field, const char* what, int minimum = 0) const {
    int value = 0;
    if (!parse_int(field, value)) {
      fail(std::string(what) + " must be an integer, got '" + std::string(field) + "'");
    }
    if (value < minimum) {
      fail(std::string(what) + " must be at least " + std::to_string(minimum) + ", got " +
           std::to_string(value));
    }
    return value;
  }

  void expect_fields(const std::vector<std::string_view>& fields, std::size_t count,
                     const char* layout) const {
    if (fields.size() < count) {
      fail("expected " + std::to_string(count) + " fields (" + layout + "), got " +
           std::to_string(fields.size()));
    }
  }

  int shift_of(std::string_view id) const {
    const int index = instance_.shift_index(id);
    if (index < 0) fail("unknown shift type '" + std::string(id) + "'");
    return index;
  }

  int employee_of(std::string_view id) const {
    const int index = instance_.employee_index(id);
    if (index < 0) fail("unknown employee '" + std::string(id) + "'");
    return index;
  }

  int day_of(std::string_view field) const {
    if (instance_.horizon_days <= 0) fail("SECTION_HORIZON must come before day numbers");
    const int day = to_int(field, "day");
    if (day >= instance_.horizon_days) {
      fail("day " + std::to_string(day) + " is outside the horizon of " +
           std::to_string(instance_.horizon_days) + " days");
    }
    return day;
  }

  void parse_row(std::string_view text) {
    const auto fields = split(text, ',');
    switch (section_) {
      case Section::none:
        fail("data before any SECTION_ header");
      case Section::horizon:
        return parse_horizon(fields);
      case Section::shifts:
        return parse_shift(fields);
      case Section::staff:
        return parse_staff(fields);
      case Section::days_off:
        return parse_days_off(fields);
      case Section::on_requests:
        return parse_request(fields, instance_.on_requests);
      case Section::off_requests:
        return parse_request(fields, instance_.off_requests);
      case Section::cover:
        return parse_cover(fields);
    }
  }

  void parse_horizon(const std::vector<std::string_view>& fields) {
    if (instance_.horizon_days > 0) fail("the horizon is given twice");
    instance_.horizon_days = to_int(fields[0], "horizon", 1);
  }

  void parse_shift(const std::vector<std::string_view>& fields) {
    expect_fields(fields, 2, "ShiftID,LengthMins,Forbidden|...");
    if (!staff_seen_lines_.empty()) fail("shift types must be listed before staff");
    CurtoisShiftType shift;
    shift.id = std::string(fields[0]);
    if (shift.id.empty()) fail("empty shift ID");
    if (instance_.shift_index(shift.id) >= 0) fail("shift type '" + shift.id + "' given twice");
    shift.length_minutes = to_int(fields[1], "shift length", 1);
    if (fields.size() > 2) {
      for (const auto next : split(fields[2], '|')) {
        if (!next.empty()) {
          pending_successions_.push_back({instance_.shift_types.size(), line_, std::string(next)});
        }
      }
    }
    instance_.shift_types.push_back(std::move(shift));
  }

  void parse_staff(const std::vector<std::string_view>& fields) {
    expect_fields(fields, 8,
                  "ID,MaxShifts,MaxTotalMinutes,MinTotalMinutes,MaxConsecutiveShifts,"
                  "MinConsecutiveShifts,MinConsecutiveDaysOff,MaxWeekends");
    if (instance_.horizon_days <= 0) fail("SECTION_HORIZON must come before SECTION_STAFF");
    resolve_successions();
    staff_seen_lines_.push_back(line_);
    CurtoisEmployee employee;
    employee.id = std::string(fields[0]);
    if (employee.id.empty()) fail("empty employee ID");
    if (instance_.employee_index(employee.id) >= 0) {
      fail("employee '" + employee.id + "' given twice");
    }
    // A type missing from MaxShifts is unlimited (the horizon is the natural cap).
    employee.max_shifts_per_type.assign(instance_.shift_types.size(), instance_.horizon_days);
    for (const auto entry : split(fields[1], '|')) {
      if (entry.empty()) continue;
      const auto eq = entry.find('=');
      if (eq == std::string_view::npos)
        fail("MaxShifts entry '" + std::string(entry) + "' lacks '='");
      const int shift = shift_of(trim(entry.substr(0, eq)));
      employee.max_shifts_per_type[static_cast<std::size_t>(shift)] =
          to_int(trim(entry.substr(eq + 1)), "MaxShifts count");
    }
    employee.max_total_minutes = to_int(fields[2], "MaxTotalMinutes");
    employee.min_total_minutes = to_int(fields[3], "MinTotalMinutes");
    employee.max_consecutive_shifts = to_int(fields[4], "MaxConsecutiveShifts");
    employee.min_consecutive_shifts = to_int(fields[5], "MinConsecutiveShifts");
    employee.min_consecutive_days_off = to_int(fields[6], "MinConsecutiveDaysOff");
    employee.max_weekends = to_int(fields[7], "MaxWeekends");
    instance_.employees.push_back(std::move(employee));
  }

  void parse_days_off(const std::vector<std::string_view>& fields) {
    auto& employee = instance_.employees[static_cast<std::size_t>(employee_of(fields[0]))];
    for (std::size_t i = 1; i < fields.size(); ++i) {
      if (!fields[i].empty()) employee.days_off.push_back(day_of(fields[i]));
    }
  }

  void parse_request(const std::vector<std::string_view>& fields,
                     std::vector<CurtoisRequest>& requests) {
    expect_fields(fields, 4, "EmployeeID,Day,ShiftID,Weight");
    requests.push_back(CurtoisRequest{employee_of(fields[0]), day_of(fields[1]),
                                      shift_of(fields[2]), to_int(fields[3], "weight")});
  }

  void parse_cover(const std::vector<std::string_view>& fields) {
    expect_fields(fields, 5, "Day,ShiftID,Requirement,WeightUnder,WeightOver");
    const CurtoisCover cover{day_of(fields[0]), shift_of(fields[1]),
                             to_int(fields[2], "requirement"), to_int(fields[3], "under weight"),
                             to_int(fields[4], "over weight")};
    for (const auto& other : instance_.covers) {
      if (other.day == cover.day && other.shift == cover.shift) {
        fail("cover for day " + std::to_string(cover.day) + " shift '" + std::string(fields[1]) +
             "' given twice");
      }
    }
    instance_.covers.push_back(cover);
  }

  void resolve_successions() {
    for (const auto& pending : pending_successions_) {
      const int next = instance_.shift_index(pending.next_id);
      if (next < 0) {
        throw CurtoisFormatError(source_, pending.line,
                                 "unknown shift type '" + pending.next_id + "' in successions");
      }
      instance_.shift_types[pending.shift].forbidden_next.push_back(next);
    }
    pending_successions_.clear();
  }

  void finish() {
    resolve_successions();
    // A missing section belongs to no line: report line 0.
    const auto missing = [&](const char* problem) {
      throw CurtoisFormatError(source_, 0, problem);
    };
    if (instance_.horizon_days <= 0) missing("SECTION_HORIZON is missing");
    if (instance_.shift_types.empty()) missing("SECTION_SHIFTS is missing or empty");
    if (instance_.employees.empty()) missing("SECTION_STAFF is missing or empty");
  }

  struct PendingSuccession {
    std::size_t shift;
    int line;
    std::string next_id;
  };

  std::string source_;
  int line_ = 0;
  Section section_ = Section::none;
  CurtoisInstance instance_;
  std::vector<PendingSuccession> pending_successions_;
  std::vector<int> staff_seen_lines_;
};

}  // namespace

namespace {

// "source:line: problem" (built by appending: GCC 12 warns falsely on `"x" + std::string&&`).
std::string format_error(const std::string& source, int line, const std::string& problem) {
  std::string text = source;
  if (line > 0) text.append(":").append(std::to_string(line));
  text.append(": ").append(problem);
  return text;
}

}  // namespace

CurtoisFormatError::CurtoisFormatError(std::string source, int line, std::string problem)
    : std::runtime_error(format_error(source, line, problem)),
      source_(std::move(source)),
      line_(line),
      problem_(std::move(problem)) {}

int CurtoisInstance::shift_index(std::string_view id) const {
  for (std::size_t i = 0; i < shift_types.size(); ++i) {
    if (shift_types[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int CurtoisInstance::employee_index(std::string_view id) const {
  for (std::size_t i = 0; i < employees.size(); ++i) {
    if (employees[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

CurtoisInstance read_curtois_instance(std::istream& in, const std::string& source) {
  return InstanceParser(source).parse(in);
}

CurtoisInstance read_curtois_instance_text(std::string_view text, const std::string& source) {
  std::istringstream in{std::string(text)};
  return read_curtois_instance(in, source);
}

}  // namespace vstation::roster
