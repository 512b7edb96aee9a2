#include "web/web_values.hpp"

#include <sodium.h>

#include "vstation/domain/text_util.hpp"
#include "vstation/store/records.hpp"

namespace vstation::store::web::values {
namespace {

constexpr Msg kNotHash{
    "expected the SHA-256 of a token as 64 lowercase hexadecimal digits, never the token itself",
    "应为令牌的 SHA-256 值（64 位小写十六进制数字），而非令牌本身"};
constexpr Msg kBlankName{"a paired device needs a name", "配对设备需要名称"};
constexpr Msg kBadBucket{
    "a rate-limit bucket is 1 to 32 lowercase letters, digits, '_', '-' or '.', not '{}'",
    "限流类别为 1 到 32 个小写字母、数字、“_”、“-”或“.”，而非“{}”"};
constexpr Msg kBadAddress{"a client address is 1 to 64 printable ASCII characters",
                          "客户端地址为 1 到 64 个可打印 ASCII 字符"};
constexpr Msg kBadExpiry{"a sign-in code must expire after it is made",
                         "登录码的失效时间须晚于生成时间"};
constexpr Msg kNoSodium{"the cryptography library could not start", "加密库无法初始化"};

const ColumnSpec kName{"name", "名称", {"the device's name", "设备名称"}};

}  // namespace

void check_hash(std::string_view column, std::string_view hash) {
  bool ok = hash.size() == 64;
  for (char c : hash) ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!ok) throw FieldError(std::string(column), Text(kNotHash));
}

std::string device_name(std::string_view name) {
  check_text(kName, name);
  if (is_blank(name)) throw FieldError("name", Text(kBlankName));
  return std::string(trim(name));
}

void check_bucket(std::string_view bucket) {
  bool ok = !bucket.empty() && bucket.size() <= 32;
  for (char c : bucket)
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.');
  if (!ok) throw FieldError("bucket", Text::of(kBadBucket, escape_controls(std::string(bucket))));
}

void check_address(std::string_view address) {
  bool ok = !address.empty() && address.size() <= 64;
  for (char c : address) ok = ok && c > ' ' && c < 0x7f;
  if (!ok) throw FieldError("address", Text(kBadAddress));
}

void check_expiry(Instant now, Instant expires) {
  if (expires.seconds <= now.seconds) throw FieldError("expires_at", Text(kBadExpiry));
}

std::string random_secret() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw DataError(kNoSodium);
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

}  // namespace vstation::store::web::values
