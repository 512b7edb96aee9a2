#include "document.hpp"

#include <sodium.h>

namespace vstation::web::detail {
namespace {

// A CSP hash source: 'sha256-' and the Base64 of the bytes' SHA-256 (libsodium's, as the
// certificates' digests).
std::string sha256_source(std::string_view bytes) {
  if (sodium_init() < 0) return "'none'";  // no hash: the styles stay refused
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char b64[sodium_base64_ENCODED_LEN(sizeof digest, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  return "'sha256-" + std::string(b64) + "'";
}

}  // namespace

std::string document_policy(std::string_view html) {
  std::string styles;
  for (std::size_t at = html.find("<style>"); at != std::string_view::npos;
       at = html.find("<style>", at)) {
    at += 7;
    auto end = html.find("</style>", at);
    if (end == std::string_view::npos) break;
    styles += " " + sha256_source(html.substr(at, end - at));
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
