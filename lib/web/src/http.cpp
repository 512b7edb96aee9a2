#include "vstation/web/http.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace vstation::web {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

// Header names compare without regard to case (RFC 9110 §5.1), without a copy of either.
bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> Request::header(std::string_view name) const {
  auto it = headers.find(lower(name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto all = header("cookie");
  if (!all) return std::nullopt;
  std::string_view rest = *all;
  while (!rest.empty()) {
    auto end = rest.find(';');
    auto pair = trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::optional<std::string> Request::param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::multimap<std::string, std::string> Request::form_fields() const {
  if (media_type() != "application/x-www-form-urlencoded") return {};
  return parse_urlencoded(body);
}

std::string Request::media_type() const {
  const std::string type = header("content-type").value_or("");
  std::string_view media = std::string_view(type).substr(0, type.find(';'));
  const auto first = media.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  media = media.substr(first, media.find_last_not_of(" \t") - first + 1);
  return lower(media);
}

std::optional<std::string> Request::form(std::string_view name) const {
  auto fields = form_fields();
  auto it = fields.find(std::string(name));
  if (it == fields.end()) return std::nullopt;
  return it->second;
}

void Response::set(std::string name, std::string value) {
  for (auto& [n, v] : headers)
    if (same_name(n, name) && !same_name(n, "set-cookie")) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (same_name(n, name)) return v;
  return std::nullopt;
}

Response html(std::string body, int status) {
  Response r;
  r.status = status;
  r.set("Content-Type", "text/html; charset=utf-8");
  r.body = std::move(body);
  return r;
}

Response redirect(std::string location) {
  Response r;
  r.status = 303;
  r.set("Location", std::move(location));
  return r;
}

std::string local_path_or(std::string_view path, std::string_view fallback) {
  if (path.size() < 1 || path[0] != '/' || (path.size() > 1 && (path[1] == '/' || path[1] == '\\')))
    return std::string(fallback);
  for (unsigned char ch : path)
    if (ch <= 0x20 || ch >= 0x7f || ch == '\\') return std::string(fallback);
  return std::string(path);
}

bool header_value_ok(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

Response plain(int status, std::string body) {
  Response r;
  r.status = status;
  r.set("Content-Type", "text/plain; charset=utf-8");
  r.body = std::move(body);
  return r;
}

namespace {
std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += char(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}
}  // namespace

std::string url_decode(std::string_view s) {
  return percent_decode(s, true);
}
std::string path_decode(std::string_view s) {
  return percent_decode(s, false);
}

std::string url_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += char(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::multimap<std::string, std::string> parse_urlencoded(std::string_view s) {
  std::multimap<std::string, std::string> out;
  while (!s.empty()) {
    auto end = s.find('&');
    auto pair = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos)
      out.emplace(url_decode(pair), "");
    else
      out.emplace(url_decode(pair.substr(0, eq)), url_decode(pair.substr(eq + 1)));
  }
  return out;
}

std::string session_cookie(std::string_view name, std::string_view value, bool tls,
                           std::optional<std::int64_t> max_age_seconds) {
  std::string out = fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", name, value);
  if (max_age_seconds) out += fmt::format("; Max-Age={}", *max_age_seconds);
  if (tls) out += "; Secure";
  return out;
}

}  // namespace vstation::web
