#pragma once
// Small self-contained SVG bar charts for the printable report (no scripts, no external assets).

#include <string>
#include <vector>

namespace vstation::report::svg {

struct Bar {
  std::string label;
  double value = 0;
  std::string shown;  // the value as printed above/after the bar
};

// Vertical bars (months), scaled to `max` (or the largest value when max <= 0).
std::string columns(const std::string& title, const std::vector<Bar>& bars, double max = 0);
// Horizontal bars (categories).
std::string rows(const std::string& title, const std::vector<Bar>& bars);

}  // namespace vstation::report::svg
