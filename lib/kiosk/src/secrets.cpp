#include "vstation/kiosk/secrets.hpp"

#include <sodium.h>

#include <atomic>

#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"

namespace vstation::kiosk {
namespace {
constexpr Msg kBadPin{"a PIN is 4 to 8 digits", "PIN 码为 4 到 8 位数字"};
constexpr Msg kPasswordEmpty{"the password is empty: give one of at least {} characters",
                             "密码为空：请提供至少 {} 个字符的密码"};
constexpr Msg kPasswordShort{"a password needs at least {} characters, this one has {}",
                             "密码至少需要 {} 个字符，此密码只有 {} 个"};
constexpr Msg kPasswordLong{"a password is at most 200 bytes", "密码最长 200 字节"};
constexpr Msg kPasswordControl{"a password holds no control characters (tab, escape …)",
                               "密码不能包含控制字符（制表符、Esc 等）"};
constexpr Msg kPasswordNotUtf8{
    "a password is UTF-8 text, as a browser sends it (this one has {} at character {}: type it "
    "in a UTF-8 terminal)",
    "密码须为 UTF-8 文本，与浏览器发送的一致（第 {1} 个字符为 {0}：请在 UTF-8 终端中输入）"};
constexpr Msg kPasswordBlank{"a password is more than spaces", "密码不能只有空格"};
constexpr Msg kNoSodium{"the cryptography library could not start", "加密库无法初始化"};

std::atomic<HashCost> hash_cost{HashCost::interactive};

void ready() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw DataError(kNoSodium);
}

// Argon2id, for PINs and staff passwords alike.
std::string argon2id(std::string_view secret) {
  ready();
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits keep a kiosk answer well under a second.
  const bool minimum = hash_cost.load(std::memory_order_relaxed) == HashCost::minimum;
  if (crypto_pwhash_str_alg(
          out, secret.data(), secret.size(),
          minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
          minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
          crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw DataError(kNoSodium);
  return out;
}

bool argon2id_verify(const std::string& hash, std::string_view secret) {
  ready();
  return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}
}  // namespace

void set_hash_cost(HashCost cost) {
  hash_cost.store(cost, std::memory_order_relaxed);
}

void check_pin_format(std::string_view pin) {
  if (pin.size() < 4 || pin.size() > 8) throw ParseError(kBadPin);
  for (char c : pin)
    if (c < '0' || c > '9') throw ParseError(kBadPin);
}

std::string hash_pin(std::string_view pin) {
  check_pin_format(pin);
  return argon2id(pin);
}

bool verify_pin(const std::string& hash, std::string_view pin) {
  return argon2id_verify(hash, pin);
}

void check_password_format(std::string_view password) {
  // No control character or direction override, and UTF-8: a browser's sign-in form sends
  // UTF-8, so a password in another encoding could never be typed there.
  if (auto bad = first_forbidden(password)) {
    if (bad->not_utf8) throw ParseError(kPasswordNotUtf8, bad->shown, bad->character);
    throw ParseError(kPasswordControl);
  }
  std::size_t chars = 0;  // valid UTF-8 here: the bytes that start a character
  for (char c : password) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (password.empty()) throw ParseError(kPasswordEmpty, kMinPasswordChars);
  if (trim(password).empty()) throw ParseError(kPasswordBlank);
  if (chars < kMinPasswordChars) throw ParseError(kPasswordShort, kMinPasswordChars, chars);
  if (password.size() > 200) throw ParseError(kPasswordLong);
}

std::string hash_password(std::string_view password) {
  check_password_format(password);
  return argon2id(password);
}

bool verify_password(const std::string& hash, std::string_view password) {
  return password.size() <= 200 && argon2id_verify(hash, password);
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
