#include "vstation/domain/text_util.hpp"

#include <charconv>
#include <cstdio>
#include <utility>

namespace vstation {

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_blank(std::string_view s) {
  // UTF-8 forms of the white space and invisible characters people type or paste.
  static constexpr std::string_view kSpaces[] = {" ",
                                                 "\t",
                                                 "\r",
                                                 "\n",
                                                 "\v",
                                                 "\f",
                                                 "\xC2\xA0",
                                                 "\xE1\x9A\x80",
                                                 "\xE2\x80\x80",
                                                 "\xE2\x80\x81",
                                                 "\xE2\x80\x82",
                                                 "\xE2\x80\x83",
                                                 "\xE2\x80\x84",
                                                 "\xE2\x80\x85",
                                                 "\xE2\x80\x86",
                                                 "\xE2\x80\x87",
                                                 "\xE2\x80\x88",
                                                 "\xE2\x80\x89",
                                                 "\xE2\x80\x8A",
                                                 "\xE2\x80\x8B",
                                                 "\xE2\x80\xA8",
                                                 "\xE2\x80\xA9",
                                                 "\xE2\x80\xAF",
                                                 "\xE2\x81\x9F",
                                                 "\xE3\x80\x80",
                                                 "\xEF\xBB\xBF"};
  while (!s.empty()) {
    bool found = false;
    for (auto sp : kSpaces)
      if (s.starts_with(sp)) {
        s.remove_prefix(sp.size());
        found = true;
        break;
      }
    if (!found) return false;
  }
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

namespace {

// One UTF-8 character at s[i]: its code point and length, or nullopt if the bytes are not UTF-8
// (overlong forms, surrogates and values past U+10FFFF included).
std::optional<std::pair<char32_t, std::size_t>> decode(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return std::pair<char32_t, std::size_t>{c, 1};
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return std::nullopt;
  char32_t cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return std::nullopt;
  return std::pair<char32_t, std::size_t>{cp, n};
}

bool forbidden(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

std::string escaped(char32_t cp) {
  switch (cp) {
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      break;
  }
  char buf[16];
  if (cp < 0x80)
    std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(cp));
  else
    std::snprintf(buf, sizeof buf, "\\u{%04X}", unsigned(cp));
  return buf;
}

}  // namespace

std::optional<Forbidden> first_forbidden(std::string_view s) {
  for (std::size_t i = 0, n = 1; i < s.size(); ++n) {
    auto ch = decode(s, i);
    if (!ch) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(static_cast<unsigned char>(s[i])));
      return Forbidden{i, buf, true, n};
    }
    if (forbidden(ch->first)) return Forbidden{i, escaped(ch->first), false, n};
    i += ch->second;
  }
  return std::nullopt;
}

std::string escape_controls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto ch = decode(s, i);
    if (!ch) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(static_cast<unsigned char>(s[i])));
      out += buf;
      ++i;
      continue;
    }
    if (forbidden(ch->first))
      out += escaped(ch->first);
    else
      out.append(s, i, ch->second);
    i += ch->second;
  }
  return out;
}

std::string escape_controls_keep_lines(std::string_view s) {
  if (!first_forbidden(s)) return std::string(s);
  std::string out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '\n') continue;
    out += escape_controls(s.substr(start, i - start));
    if (i < s.size()) out += '\n';
    start = i + 1;
  }
  return out;
}

bool parse_int(std::string_view s, long long& out) {
  s = trim(s);
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool parse_decimal(std::string_view s, double& out) {
  s = trim(s);
  std::size_t digits = 0, points = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c == '.')
      ++points;
    else
      return false;
  }
  if (digits == 0 || points > 1) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::fixed);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace vstation
