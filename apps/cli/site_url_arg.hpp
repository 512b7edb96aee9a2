#pragma once
// A site address given on the command line (`device pair --url`, `serve --public-url`): the
// scheme and host (and port, and a path prefix) phones reach the web face at.

#include <string>
#include <string_view>

namespace vstation::cli {

// http://HOST or https://HOST[:PORT][/PREFIX] without trailing slashes; UsageError naming
// `--option` for anything else (no scheme, spaces, quotes, a query or fragment, non-ASCII).
std::string parse_site_url(const std::string& url, std::string_view option);

}  // namespace vstation::cli
