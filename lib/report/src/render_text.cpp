// Terminal table and CSV renderers: the shared sheets, laid out as text.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>

#include "vstation/report/render.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/text/csv.hpp"
#include "vstation/text/table.hpp"

namespace vstation::report {
namespace {

// Plain numbers for spreadsheets: no thousands separators.
std::string raw(const Cell& c) {
  if (!c.number) return c.text;
  switch (c.unit) {
    case Unit::count: return std::to_string(std::llround(*c.number));
    case Unit::hours: return fmt::format("{:.1f}", *c.number);
    case Unit::percent: return fmt::format("{:.1f}%", *c.number * 100.0);
  }
  return c.text;
}

// One line of a table laid out as text::Table lays it out (the breakdowns' rows are written
// as they are made, so their widths are found by a first walk over them).
std::string table_line(const std::vector<std::string>& cells, const std::vector<std::size_t>& widths,
                       const std::vector<text::Align>& align) {
  std::string out;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    bool last = c + 1 == cells.size();
    out += (last && align[c] == text::Align::left) ? cells[c] : text::pad(cells[c], widths[c], align[c]);
    if (!last) out += "  ";
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += '\n';
  return out;
}

// A breakdown row's cells as text::Table::add keeps them: control characters shown escaped.
std::vector<std::string> shown_cells(const BreakdownRow& row, Lang lang) {
  std::vector<std::string> out;
  for (auto& c : breakdown_cells(row, lang))
    out.push_back(first_forbidden(c.text) ? escape_controls(c.text) : std::move(c.text));
  return out;
}

void breakdown_table(const Sheet& s, Lang lang, std::ostream& os) {
  const auto& rows = s.source->rows;
  std::vector<text::Align> align;
  std::vector<Cell> first = rows.empty() ? std::vector<Cell>{} : breakdown_cells(rows.front(), lang);
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < s.headers.size(); ++c) {
    bool numeric = c < first.size() && first[c].number;
    align.push_back(numeric ? text::Align::right : text::Align::left);
    widths.push_back(text::display_width(s.headers[c]));
  }
  for (const auto& row : rows) {
    auto cells = shown_cells(row, lang);
    for (std::size_t c = 0; c < widths.size() && c < cells.size(); ++c)
      widths[c] = std::max(widths[c], text::display_width(cells[c]));
  }
  std::vector<std::string> rule;
  for (auto w : widths) rule.emplace_back(w, '-');
  os << "\n" << s.title << "\n" << table_line(s.headers, widths, align) << table_line(rule, widths, align);
  for (const auto& row : rows) {
    auto cells = shown_cells(row, lang);
    cells.resize(s.headers.size());
    os << table_line(cells, widths, align);
  }
}

}  // namespace

void render_table(const Report& r, Lang lang, std::ostream& os) {
  os << report_title(r, lang) << "\n";
  for (const auto& n : report_notes(r, lang)) os << n << "\n";
  for (const auto& s : tabulate(r, lang, false)) {
    if (s.source) {
      breakdown_table(s, lang, os);
      continue;
    }
    std::vector<text::Align> align;
    for (std::size_t c = 0; c < s.headers.size(); ++c) {
      bool numeric = !s.rows.empty() && c < s.rows.front().size() && s.rows.front()[c].number;
      align.push_back(numeric ? text::Align::right : text::Align::left);
    }
    text::Table t(s.headers, align);
    for (const auto& row : s.rows) {
      std::vector<std::string> cells;
      for (const auto& c : row) cells.push_back(c.text);
      t.add(std::move(cells));
    }
    os << "\n" << s.title << "\n" << t.render();
  }
}

void render_csv(const Report& r, Lang lang, std::ostream& os) {
  text::CsvWriter w(true);
  w.row({report_title(r, lang)});
  for (const auto& n : report_notes(r, lang)) w.row({n});
  auto put = [&](const std::vector<Cell>& row) {
    std::vector<std::string> cells;
    for (const auto& c : row) cells.push_back(raw(c));
    w.row(cells);
    if (w.str().size() >= (std::size_t(1) << 16)) {  // written out a block at a time
      os << w.str();
      w = text::CsvWriter(false);
    }
  };
  for (const auto& s : tabulate(r, lang, false)) {
    w.row({});
    w.row({s.title});
    w.row(s.headers);
    for (const auto& row : s.rows) put(row);
    if (s.source)
      for (const auto& row : s.source->rows) put(breakdown_cells(row, lang));
  }
  os << w.str();
}

std::string render_table(const Report& r, Lang lang) {
  std::ostringstream os;
  render_table(r, lang, os);
  return std::move(os).str();
}

std::string render_csv(const Report& r, Lang lang) {
  std::ostringstream os;
  render_csv(r, lang, os);
  return std::move(os).str();
}

}  // namespace vstation::report
