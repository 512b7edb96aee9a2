#pragma once
// What store::web accepts before a value reaches the database: the field-level checks in front
// of the CHECK constraints of schema version 11 (tests/unit/store_checks_test.cpp).

#include <string>
#include <string_view>

#include "vstation/domain/time.hpp"

namespace vstation::store::web::values {

// A SHA-256 as 64 lowercase hexadecimal digits, else FieldError naming `column`.
void check_hash(std::string_view column, std::string_view hash);
// A paired device's name: not blank, a record's text (check_text: at most 100 characters, no
// control characters), else FieldError "name". The name trimmed.
std::string device_name(std::string_view name);
// A rate-limit bucket ("signin") and a client address, else FieldError "bucket" / "address".
void check_bucket(std::string_view bucket);
void check_address(std::string_view address);
// A sign-in code's expiry, after its creation, else FieldError "expires_at".
void check_expiry(Instant now, Instant expires);
// 32 random bytes as 64 hexadecimal digits (libsodium).
std::string random_secret();

}  // namespace vstation::store::web::values
