// The spreadsheet renderer: an .xlsx workbook (libxlsxwriter) with one sheet per table of the
// report; numbers are stored as numbers with a display format.

#include <unistd.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "vstation/domain/error.hpp"
#include "vstation/report/render.hpp"
#include "vstation/text/width.hpp"

namespace vstation::report {
namespace {

constexpr Msg kCannotWrite{"cannot write the spreadsheet: {}", "无法生成电子表格：{}"};

// A private temporary file, removed on destruction.
struct TempFile {
  std::string path;
  TempFile() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "vstation-report-XXXXXX").string();
    int fd = mkstemp(tmpl.data());
    if (fd < 0) throw DataError(kCannotWrite, tmpl);
    ::close(fd);
    path = tmpl;
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

}  // namespace

std::string render_xlsx(const Report& r, Lang lang) {
  TempFile tmp;
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (!wb) throw DataError(kCannotWrite, tmp.path);
  // The file's creation stamp is the report's as-of day, not the wall clock: the same records
  // give the same bytes (the web download equals `vstation report`; a pinned clock pins it all).
  std::string doc_title = report_title(r, lang);
  lxw_doc_properties props{};
  props.title = doc_title.data();
  props.created = std::chrono::system_clock::to_time_t(
      std::chrono::system_clock::time_point(r.request.as_of.sys_days()));
  workbook_set_properties(wb, &props);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 13);
  lxw_format* count = workbook_add_format(wb);
  format_set_num_format(count, "#,##0");
  lxw_format* hrs = workbook_add_format(wb);
  format_set_num_format(hrs, "#,##0.0");
  lxw_format* pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.0%");

  bool first = true;
  for (const auto& s : tabulate(r, lang)) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.substr(0, 31).c_str());
    lxw_row_t row = 0;
    if (first) {
      worksheet_write_string(ws, row++, 0, report_title(r, lang).c_str(), title);
      for (const auto& n : report_notes(r, lang)) worksheet_write_string(ws, row++, 0, n.c_str(), nullptr);
      ++row;
      first = false;
    }
    worksheet_write_string(ws, row++, 0, s.title.c_str(), title);
    std::vector<std::size_t> widths(s.headers.size(), 8);
    for (std::size_t c = 0; c < s.headers.size(); ++c) {
      worksheet_write_string(ws, row, lxw_col_t(c), s.headers[c].c_str(), bold);
      widths[c] = std::max(widths[c], text::display_width(s.headers[c]));
    }
    ++row;
    for (const auto& cells : s.rows) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const Cell& cell = cells[c];
        if (cell.number) {
          lxw_format* f = cell.unit == Unit::hours ? hrs : cell.unit == Unit::percent ? pct : count;
          worksheet_write_number(ws, row, lxw_col_t(c), *cell.number, f);
        } else {
          worksheet_write_string(ws, row, lxw_col_t(c), cell.text.c_str(), nullptr);
        }
        if (c < widths.size()) widths[c] = std::max(widths[c], text::display_width(cell.text));
      }
      ++row;
    }
    for (std::size_t c = 0; c < widths.size(); ++c)
      worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), double(std::min<std::size_t>(widths[c], 60)) + 2, nullptr);
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) throw DataError(kCannotWrite, lxw_strerror(err));
  std::ifstream in(tmp.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace vstation::report
