#include "vstation/kiosk/badge.hpp"

#include <png.h>

#include <memory>

#include "vstation/domain/error.hpp"
#include "vstation/text/markup.hpp"

namespace vstation::kiosk {
namespace {
constexpr Msg kPngFailed{"could not write the PNG image", "无法生成 PNG 图像"};
constexpr int kQuiet = text::kQrQuietZone;

}  // namespace

std::string badge_svg(const QrMatrix& qr, const std::string& caption) {
  int side = qr.size + 2 * kQuiet;
  const int below = caption.empty() ? 0 : 6;  // room for the caption
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 " +
      std::to_string(side) + " " + std::to_string(side + below) + "\" width=\"" +
      std::to_string(side * 8) + "\" height=\"" + std::to_string((side + below) * 8) +
      "\" shape-rendering=\"crispEdges\">\n<rect width=\"100%\" height=\"100%\" "
      "fill=\"#fff\"/>\n<path fill=\"#000\" d=\"";
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.at(x, y))
        out += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h1v1h-1z";
  out += "\"/>\n";
  if (caption.empty()) return out + "</svg>\n";
  out += "<text x=\"" + std::to_string(side / 2) + "\" y=\"" + std::to_string(side + 3) +
         "\" font-size=\"3\" text-anchor=\"middle\" font-family=\"sans-serif\">" +
         text::escape_xml(caption) + "</text>\n</svg>\n";
  return out;
}

std::string badge_png(const QrMatrix& qr, int scale) {
  int side = (qr.size + 2 * kQuiet) * scale;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) throw DataError(kPngFailed);
  png_infop info = png_create_info_struct(png);
  std::string out;
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw DataError(kPngFailed);
  }
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t len) {
        static_cast<std::string*>(png_get_io_ptr(p))
            ->append(reinterpret_cast<const char*>(data), len);
      },
      nullptr);
  png_set_IHDR(png, info, png_uint_32(side), png_uint_32(side), 8, PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  std::vector<png_byte> row(static_cast<std::size_t>(side));
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x)
      row[std::size_t(x)] = qr.at(x / scale - kQuiet, y / scale - kQuiet) ? 0 : 255;
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::string badge_terminal(const QrMatrix& qr) {
  // Two modules per character cell: upper and lower halves. Light background, dark modules.
  std::string out;
  int lo = -kQuiet, hi = qr.size + kQuiet;
  for (int y = lo; y < hi; y += 2) {
    for (int x = lo; x < hi; ++x) {
      bool top = qr.at(x, y), bottom = qr.at(x, y + 1);
      out += top && bottom ? " " : top ? "▄" : bottom ? "▀" : "█";
    }
    out += "\n";
  }
  return out;
}

}  // namespace vstation::kiosk
