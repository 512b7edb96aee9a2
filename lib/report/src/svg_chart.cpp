#include "svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "vstation/text/markup.hpp"

namespace vstation::report::svg {
namespace {

constexpr const char* kBarColour = "#c0392b";
constexpr const char* kAxisColour = "#555";

double largest(const std::vector<Bar>& bars) {
  double m = 0;
  for (const auto& b : bars) m = std::max(m, b.value);
  return m > 0 ? m : 1;
}

}  // namespace

std::string columns(const std::string& title, const std::vector<Bar>& bars, double max) {
  const double width = 340, height = 220, top = 34, bottom = 28, left = 10;
  double scale_max = max > 0 ? max : largest(bars);
  double plot_h = height - top - bottom;
  double slot = bars.empty() ? 0 : (width - 2 * left) / double(bars.size());
  std::string out = fmt::format(
      "<svg viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "role=\"img\" aria-label=\"{2}\">\n<text x=\"{3}\" y=\"18\" class=\"ct\">{2}</text>\n",
      width, height, text::escape_xml(title), left);
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", left, height - bottom,
                     width - left, height - bottom, kAxisColour);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    double h = plot_h * std::clamp(bars[i].value / scale_max, 0.0, 1.0);
    double x = left + slot * double(i) + slot * 0.15, w = slot * 0.7;
    double y = height - bottom - h;
    out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>\n", x, y,
                       w, h, kBarColour);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"cv\" text-anchor=\"middle\">{}</text>\n",
                       x + w / 2, y - 4, text::escape_xml(bars[i].shown));
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"cl\" text-anchor=\"middle\">{}</text>\n",
                       x + w / 2, height - bottom + 16, text::escape_xml(bars[i].label));
  }
  return out + "</svg>\n";
}

std::string rows(const std::string& title, const std::vector<Bar>& bars) {
  const double width = 700, row_h = 24, top = 30, label_w = 170, value_w = 70;
  double height = top + row_h * double(std::max<std::size_t>(bars.size(), 1)) + 8;
  double scale_max = largest(bars);
  double plot_w = width - label_w - value_w;
  std::string out = fmt::format(
      "<svg viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "role=\"img\" aria-label=\"{2}\">\n<text x=\"0\" y=\"18\" class=\"ct\">{2}</text>\n",
      width, height, text::escape_xml(title));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    double y = top + row_h * double(i);
    double w = plot_w * std::clamp(bars[i].value / scale_max, 0.0, 1.0);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"cl\" text-anchor=\"end\">{}</text>\n", label_w - 8,
                       y + 16, text::escape_xml(bars[i].label));
    out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>\n", label_w,
                       y + 4, w, row_h - 8, kBarColour);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"cv\">{}</text>\n", label_w + w + 6, y + 16,
                       text::escape_xml(bars[i].shown));
  }
  return out + "</svg>\n";
}

}  // namespace vstation::report::svg
