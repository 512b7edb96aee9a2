#include "vstation/kiosk/secrets.hpp"

#include <sodium.h>

#include "vstation/domain/error.hpp"

namespace vstation::kiosk {
namespace {
constexpr Msg kBadPin{"a PIN is 4 to 8 digits", "PIN 码为 4 到 8 位数字"};
constexpr Msg kNoSodium{"the cryptography library could not start", "加密库无法初始化"};

void ready() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw DataError(kNoSodium);
}
}  // namespace

void check_pin_format(std::string_view pin) {
  if (pin.size() < 4 || pin.size() > 8) throw ParseError(kBadPin);
  for (char c : pin)
    if (c < '0' || c > '9') throw ParseError(kBadPin);
}

std::string hash_pin(std::string_view pin) {
  ready();
  check_pin_format(pin);
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits keep a kiosk answer well under a second.
  if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw DataError(kNoSodium);
  return out;
}

bool verify_pin(const std::string& hash, std::string_view pin) {
  ready();
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

std::string new_secret_token() {
  ready();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string new_badge_token() {
  ready();
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> unsigned(bits - 5)) & 31u];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << unsigned(5 - bits)) & 31u];
  return out;
}

std::string badge_payload(const std::string& token) {
  return std::string(kBadgePrefix) + token;
}

}  // namespace vstation::kiosk
