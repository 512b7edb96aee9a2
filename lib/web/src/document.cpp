#include "document.hpp"

#include "sessions.hpp"

namespace vstation::web::detail {
namespace {

std::string base64(std::string_view bytes) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = unsigned(static_cast<unsigned char>(bytes[i])) << 16 |
                 unsigned(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                 unsigned(static_cast<unsigned char>(bytes[i + 2]));
    for (int shift = 18; shift >= 0; shift -= 6) out += kDigits[(n >> shift) & 63];
  }
  if (i < bytes.size()) {
    unsigned n = unsigned(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= unsigned(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kDigits[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += char(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

}  // namespace

std::string document_policy(std::string_view html) {
  std::string styles;
  for (std::size_t at = html.find("<style>"); at != std::string_view::npos;
       at = html.find("<style>", at)) {
    at += 7;
    auto end = html.find("</style>", at);
    if (end == std::string_view::npos) break;
    styles += " 'sha256-" + base64(from_hex(sha256_hex(html.substr(at, end - at)))) + "'";
    at = end;
  }
  return "default-src 'none'; style-src" + (styles.empty() ? std::string(" 'none'") : styles) +
         "; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
}

Response document(std::string body, std::string_view content_type, const std::string& filename,
                  Disposition how) {
  Response out;
  out.set("Content-Type", std::string(content_type));
  out.set("Content-Disposition",
          std::string(how == Disposition::download ? "attachment" : "inline") + "; filename=\"" +
              filename + "\"");
  if (content_type.starts_with("text/html"))
    out.set("Content-Security-Policy", document_policy(body));
  out.body = std::move(body);
  return out;
}

}  // namespace vstation::web::detail
