#pragma once
#include <string>

namespace gen {
// Re-reads the CSV files in dir and prints the season's totals for check-ins between from and
// to (days), computed from the records by the counting rules of docs/design.md §3, independently of
// the generator's own bookkeeping. Also checks the roster against availability and double
// booking. Returns the number of problems found.
int print_summary(const std::string& dir, int from, int to);
}  // namespace gen
