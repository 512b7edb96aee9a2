#pragma once
// HTTP as the web face's pages see it: a request in, a response out, as plain values. The server
// adapter (apps/web) converts from and to the HTTP library, so every page and rule is tested by
// calling App::handle without a socket.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vstation::web {

struct Request {
  std::string method;  // GET, POST …
  std::string path;    // decoded, without the query
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote;  // the client's address
  bool tls = false;
  // The site's public address ("https://station.example.org") when the server was told it
  // (`serve --public-url`): links and QR codes use it instead of the Host header.
  std::string public_url;

  // A GET, or a HEAD (a GET answered without its body, every header the same).
  [[nodiscard]] bool fetches() const { return method == "GET" || method == "HEAD"; }
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> param(std::string_view name) const;
  // A field of an application/x-www-form-urlencoded body.
  [[nodiscard]] std::optional<std::string> form(std::string_view name) const;
  // Every field of such a body (none for another content type).
  [[nodiscard]] std::multimap<std::string, std::string> form_fields() const;
  // The body's media type from Content-Type, in lower case, without parameters ("" when none).
  [[nodiscard]] std::string media_type() const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set(std::string name, std::string value);
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
};

Response html(std::string body, int status = 200);
Response redirect(std::string location);  // 303 See Other: after a POST, a GET
// `path` if it is a path on this site that is safe to send a browser to: it starts with one '/'
// (not "//" nor "/\\": another host), and holds only printable ASCII, no backslash (browsers
// read it as '/'), no space, no control character (a CR or LF would end the Location header and
// start the attacker's; a tab is dropped by browsers, so "/\t/x" reads "//x"); else `fallback`.
std::string local_path_or(std::string_view path, std::string_view fallback);
// Whether a header's value can be sent as it is: no CR, LF or NUL (none ends the header early).
bool header_value_ok(std::string_view value);
Response plain(int status, std::string body);

// a=1&b=%E5%BC%A0 → {a: 1, b: 张}; '+' is a space.
std::multimap<std::string, std::string> parse_urlencoded(std::string_view s);
std::string url_decode(std::string_view s);
// A URL path's %XX escapes decoded; '+' stays a plus in a path.
std::string path_decode(std::string_view s);
std::string url_encode(std::string_view s);

// Cookie attributes for a session: HttpOnly, SameSite=Strict, Path=/, Secure under TLS.
std::string session_cookie(std::string_view name, std::string_view value, bool tls,
                           std::optional<std::int64_t> max_age_seconds);

}  // namespace vstation::web
