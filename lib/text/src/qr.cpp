#include "vstation/text/qr.hpp"

#include <qrencode.h>

#include <memory>

#include "vstation/domain/error.hpp"

namespace vstation::text {
namespace {
constexpr Msg kQrFailed{"could not make the QR code", "无法生成二维码"};
}

QrMatrix qr_encode(const std::string& payload) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) throw DataError(kQrFailed);
  QrMatrix m;
  m.size = code->width;
  m.dark.resize(std::size_t(m.size * m.size));
  for (int i = 0; i < m.size * m.size; ++i) m.dark[std::size_t(i)] = code->data[i] & 1;
  return m;
}

std::string qr_svg_element(const QrMatrix& qr, int mm) {
  int side = qr.size + 2 * kQrQuietZone;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    std::to_string(side) + " " + std::to_string(side) + "\" width=\"" +
                    std::to_string(mm) + "mm\" height=\"" + std::to_string(mm) +
                    "mm\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
                    "fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.at(x, y))
        out += "M" + std::to_string(x + kQrQuietZone) + " " + std::to_string(y + kQrQuietZone) +
               "h1v1h-1z";
  return out + "\"/></svg>";
}

}  // namespace vstation::text
