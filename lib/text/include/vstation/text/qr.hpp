#pragma once
// QR codes (libqrencode): the matrix, and an SVG of it to embed in a page. Badges (lib/kiosk)
// and certificates (lib/report) both draw from here.

#include <string>
#include <vector>

namespace vstation::text {

struct QrMatrix {
  int size = 0;
  std::vector<bool> dark;  // row-major, size * size
  [[nodiscard]] bool at(int x, int y) const {
    return x >= 0 && y >= 0 && x < size && y < size && dark[std::size_t(y * size + x)];
  }
};

// Modules of white border the standard asks for around a code.
inline constexpr int kQrQuietZone = 4;

QrMatrix qr_encode(const std::string& payload);
// An <svg> element drawing the code with its quiet zone, `mm` millimetres wide.
std::string qr_svg_element(const QrMatrix& qr, int mm);

}  // namespace vstation::text
