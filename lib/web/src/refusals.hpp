#pragma once
// Answers that change nothing and say why, as a page or, under /api/, as JSON: the database held
// by another process (503), and requests the server refuses before any page sees them.

#include <optional>
#include <string_view>

#include "vstation/domain/message.hpp"
#include "vstation/web/http.hpp"

namespace vstation::web::detail {

// The title and text as a page, or under /api/ as JSON {"error": {code, message}}, with `status`.
// Without a language (nothing of the request says one) both are given, Chinese first.
Response refusal(const std::string& path, std::optional<Lang> lang, int status,
                 std::string_view code, const Text& title, const Text& text);

// 503 with Retry-After: a lock another process held past the worker's patience.
Response busy(const Request& r);

}  // namespace vstation::web::detail
