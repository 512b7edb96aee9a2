#pragma once
// A volunteer badge: a QR code of the badge payload, rendered as SVG, PNG or terminal art.

#include <string>
#include <vector>

#include "vstation/text/qr.hpp"

namespace vstation::kiosk {

using text::qr_encode;
using text::QrMatrix;
// `caption` is printed under the code (volunteer number and masked name); none: the code alone.
std::string badge_svg(const QrMatrix& qr, const std::string& caption);
std::string badge_png(const QrMatrix& qr, int scale = 8);  // PNG file bytes
std::string badge_terminal(const QrMatrix& qr);  // half-block characters, quiet zone included

}  // namespace vstation::kiosk
