#pragma once
// A volunteer badge: a QR code of the badge payload, rendered as SVG, PNG or terminal art.

#include <string>
#include <vector>

namespace vstation::kiosk {

struct QrMatrix {
  int size = 0;
  std::vector<bool> dark;  // row-major, size * size
  [[nodiscard]] bool at(int x, int y) const {
    return x >= 0 && y >= 0 && x < size && y < size && dark[std::size_t(y * size + x)];
  }
};

QrMatrix qr_encode(const std::string& payload);
// `caption` is printed under the code (volunteer number and masked name).
std::string badge_svg(const QrMatrix& qr, const std::string& caption);
std::string badge_png(const QrMatrix& qr, int scale = 8);  // PNG file bytes
std::string badge_terminal(const QrMatrix& qr);  // half-block characters, quiet zone included

}  // namespace vstation::kiosk
