#pragma once
// Renderers of a computed Report. None of them computes a number: they lay out the model
// (through the shared sheets below) in one format each.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "vstation/report/model.hpp"

namespace vstation::report {

// A report as titled tables of cells, shared by the table, CSV, xlsx and HTML renderers.
struct Cell {
  std::string text;
  std::optional<double> number;  // set for numeric cells (right-aligned, numeric in xlsx)
  Unit unit = Unit::count;
};
struct Sheet {
  std::string name;   // short, for xlsx tabs: "summary", "by_project"
  std::string title;  // in the chosen language
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
  // Without `breakdown_rows` a breakdown's sheet leaves its rows to this: a renderer that writes
  // as it goes makes them one at a time (breakdown_cells), not all at once (a row per volunteer).
  const Breakdown* source = nullptr;
};
std::vector<Sheet> tabulate(const Report& r, Lang lang, bool breakdown_rows = true);
std::vector<Cell> breakdown_cells(const BreakdownRow& row, Lang lang);

// "I城志愿服务站 — 2023Q2 (2023-04-01 to 2023-06-30)", and the notes under it.
std::string report_title(const Report& r, Lang lang);
std::vector<std::string> report_notes(const Report& r, Lang lang);

enum class Format { table, csv, json, html, xlsx };
std::optional<Format> parse_format(std::string_view s);

std::string render_table(const Report& r, Lang lang);
std::string render_csv(const Report& r, Lang lang);  // UTF-8 with BOM
// The same texts written to `out` as they are made.
void render_table(const Report& r, Lang lang, std::ostream& out);
void render_csv(const Report& r, Lang lang, std::ostream& out);
void render_html(const Report& r, Lang lang, std::ostream& out);
std::string render_json(const Report& r, Lang lang);
// The same text written to `out` as it is made: a breakdown by volunteer has a row per
// volunteer of the district, and the whole text is tens of MB.
void render_json(const Report& r, Lang lang, std::ostream& out);
std::string render_html(const Report& r, Lang lang);
// What render_html puts under the title, without the document around it or its style sheet:
// the notes, the headline cards, the three SVG charts and the tables (classes note, cards, card,
// charts, ct/cl/cv, n, sub), for a page with its own layout (the web face's /staff/reports).
std::string render_html_fragment(const Report& r, Lang lang);
std::string render_xlsx(const Report& r, Lang lang);  // the workbook's bytes
std::string render(const Report& r, Format f, Lang lang);
// The same bytes as render(), written to `out`; the large breakdowns are not held whole.
void render(const Report& r, Format f, Lang lang, std::ostream& out);

}  // namespace vstation::report
