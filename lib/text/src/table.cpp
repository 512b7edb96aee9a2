#include "vstation/text/table.hpp"

#include <algorithm>

#include "vstation/domain/text_util.hpp"

namespace vstation::text {

Table::Table(std::vector<std::string> headers, std::vector<Align> align)
    : headers_(std::move(headers)), align_(std::move(align)) {
  align_.resize(headers_.size(), Align::left);
}

Table& Table::add(std::vector<std::string> row) {
  row.resize(headers_.size());
  // Stored text cannot hold control characters, but a database written by hand might: a table
  // shows them escaped rather than letting them reach the terminal.
  for (auto& cell : row)
    if (first_forbidden(cell)) cell = escape_controls(cell);
  rows_.push_back(std::move(row));
  return *this;
}

std::string Table::render() const {
  std::vector<std::size_t> widths(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    widths[c] = display_width(headers_[c]);
    for (const auto& r : rows_) widths[c] = std::max(widths[c], display_width(r[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      bool last = c + 1 == cells.size();
      // No trailing spaces on the last, left-aligned column.
      out += (last && align_[c] == Align::left) ? cells[c] : pad(cells[c], widths[c], align_[c]);
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
    return out;
  };
  std::string out = line(headers_);
  std::vector<std::string> rule;
  for (auto w : widths) rule.emplace_back(w, '-');
  out += line(rule);
  for (const auto& r : rows_) out += line(r);
  return out;
}

}  // namespace vstation::text
