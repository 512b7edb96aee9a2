// Terminal table and CSV renderers: the shared sheets, laid out as text.

#include <fmt/format.h>

#include <cmath>

#include "vstation/report/render.hpp"
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

}  // namespace

std::string render_table(const Report& r, Lang lang) {
  std::string out = report_title(r, lang) + "\n";
  for (const auto& n : report_notes(r, lang)) out += n + "\n";
  for (const auto& s : tabulate(r, lang)) {
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
    out += "\n" + s.title + "\n" + t.render();
  }
  return out;
}

std::string render_csv(const Report& r, Lang lang) {
  text::CsvWriter w(true);
  w.row({report_title(r, lang)});
  for (const auto& n : report_notes(r, lang)) w.row({n});
  for (const auto& s : tabulate(r, lang)) {
    w.row({});
    w.row({s.title});
    w.row(s.headers);
    for (const auto& row : s.rows) {
      std::vector<std::string> cells;
      for (const auto& c : row) cells.push_back(raw(c));
      w.row(cells);
    }
  }
  return w.str();
}

}  // namespace vstation::report
