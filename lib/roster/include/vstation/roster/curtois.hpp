#pragma once
// The Curtois & Qu shift-scheduling benchmark format (schedulingbenchmarks.org): the instance
// model, its reader, the solution file format, an independent evaluator and the solver
// front-end. The CLI command `vstation roster bench` is a thin wrapper over solve_curtois.

#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/roster/rules.hpp"
#include "vstation/roster/search.hpp"

namespace vstation::roster {

// A malformed instance or solution file. what() names the source, the line and the problem.
class CurtoisFormatError : public std::runtime_error {
 public:
  CurtoisFormatError(std::string source, int line, std::string problem);
  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] int line() const { return line_; }  // 1-based; 0 when not tied to a line
  [[nodiscard]] const std::string& problem() const { return problem_; }

 private:
  std::string source_;
  int line_;
  std::string problem_;
};

struct CurtoisShiftType {
  std::string id;
  int length_minutes = 0;
  std::vector<int> forbidden_next;  // shift type indices that may not be worked the next day
};

struct CurtoisEmployee {
  std::string id;
  std::vector<int> max_shifts_per_type;  // indexed by shift type; 0 = never
  int max_total_minutes = 0;
  int min_total_minutes = 0;
  int max_consecutive_shifts = 0;
  int min_consecutive_shifts = 0;
  int min_consecutive_days_off = 0;
  int max_weekends = 0;
  std::vector<int> days_off;
};

// A shift-on request (wants exactly this shift) or shift-off request (does not want it).
struct CurtoisRequest {
  int employee = 0;
  int day = 0;
  int shift = 0;
  int weight = 0;
};

struct CurtoisCover {
  int day = 0;
  int shift = 0;
  int requirement = 0;
  int weight_under = 0;
  int weight_over = 0;
};

struct CurtoisInstance {
  int horizon_days = 0;
  std::vector<CurtoisShiftType> shift_types;
  std::vector<CurtoisEmployee> employees;
  std::vector<CurtoisRequest> on_requests;
  std::vector<CurtoisRequest> off_requests;
  std::vector<CurtoisCover> covers;

  [[nodiscard]] int shift_index(std::string_view id) const;     // -1 when unknown
  [[nodiscard]] int employee_index(std::string_view id) const;  // -1 when unknown
};

// Reads an instance. Accepts CRLF, '#' comments, blank lines and surrounding spaces; throws
// CurtoisFormatError naming `source` and the line on anything it cannot make sense of.
[[nodiscard]] CurtoisInstance read_curtois_instance(std::istream& in,
                                                    const std::string& source = "instance");
[[nodiscard]] CurtoisInstance read_curtois_instance_text(std::string_view text,
                                                         const std::string& source = "instance");

inline constexpr int kDayOff = -1;

// shift[e][d]: the shift type index employee e works on day d, or kDayOff.
struct CurtoisRoster {
  std::vector<std::vector<int>> shift;
};

// Solution file: one line per employee, the employee ID then one comma-separated field per
// day holding the shift ID or nothing for a day off.
void write_curtois_roster(std::ostream& out, const CurtoisInstance& instance,
                          const CurtoisRoster& roster);
[[nodiscard]] CurtoisRoster read_curtois_roster(std::istream& in, const CurtoisInstance& instance,
                                                const std::string& source = "solution");

// One broken hard rule, located as precisely as the rule allows.
struct CurtoisViolation {
  RuleId rule{};
  int employee = 0;
  int day = -1;             // first day concerned, -1 when the rule is about the whole horizon
  int shift = -1;           // shift type concerned (per-type maximum, succession), else -1
  std::int64_t actual = 0;  // what the roster has (run length, minutes, count...)
  std::int64_t limit = 0;   // what the rule allows
};

struct CurtoisEvaluation {
  std::vector<CurtoisViolation> violations;  // empty when feasible
  std::int64_t objective = 0;
  ScoreBreakdown breakdown;  // soft goals only: on/off requests, cover under/over
  [[nodiscard]] bool feasible() const { return violations.empty(); }
};

// Checks a roster against every hard rule and computes the objective from the README's
// definitions, with straightforward code that shares nothing with the solver's delta scoring.
[[nodiscard]] CurtoisEvaluation evaluate_curtois(const CurtoisInstance& instance,
                                                 const CurtoisRoster& roster);
// One line per violation, in English, for logs and the bench runner.
[[nodiscard]] std::string describe(const CurtoisInstance& instance,
                                   const CurtoisViolation& violation);

struct CurtoisResult {
  CurtoisRoster roster;
  CurtoisEvaluation evaluation;  // by evaluate_curtois, not by the solver's own bookkeeping
  std::uint64_t iterations = 0;  // summed over threads
  double seconds = 0.0;
  double seconds_to_first_feasible = -1.0;  // -1 when never feasible
};

[[nodiscard]] CurtoisResult solve_curtois(const CurtoisInstance& instance,
                                          const SolveOptions& options);

}  // namespace vstation::roster
