#pragma once
// PINs are stored only as Argon2id hashes; badges carry an opaque random token, never a phone
// or ID number (docs/design.md §5). Both through libsodium.

#include <string>
#include <string_view>

namespace vstation::kiosk {

// 4 to 8 digits; throws ParseError otherwise.
void check_pin_format(std::string_view pin);
std::string hash_pin(std::string_view pin);
bool verify_pin(const std::string& hash, std::string_view pin);

// A staff account's password (docs/design.md §5): at least kMinPasswordChars characters (UTF-8
// code points), at most 200 bytes, no control characters; throws ParseError saying why not.
inline constexpr std::size_t kMinPasswordChars = 10;
void check_password_format(std::string_view password);
// Its Argon2id hash, made as a PIN's (the same call, the same limits).
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// What each Argon2id hash costs. `interactive` (libsodium's interactive limits: 64 MiB, two
// passes, a kiosk answer well under a second) is what every program uses. The unit tests, which
// hash thousands of PINs and passwords, ask for `minimum` (tests/unit/fast_hashes.cpp): a hash
// names its own cost, so it is checked the same way either way.
enum class HashCost { interactive, minimum };
void set_hash_cost(HashCost cost);

// 128 random bits as 26 base32 characters.
std::string new_badge_token();
// 256 random bits as 64 hex digits: web session tokens, calendar-feed and pairing secrets.
std::string new_secret_token();
// What a badge's QR code holds, and how the kiosk recognises a scan.
inline constexpr std::string_view kBadgePrefix = "VST1:";
std::string badge_payload(const std::string& token);

}  // namespace vstation::kiosk
