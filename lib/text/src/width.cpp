#include "vstation/text/width.hpp"

#include <utf8proc.h>

#include <vector>

namespace vstation::text {
namespace {

// Decodes code points; invalid bytes become U+FFFD, which is one column.
std::vector<utf8proc_int32_t> code_points(std::string_view s) {
  std::vector<utf8proc_int32_t> out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = utf8proc_ssize_t(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      cp = 0xFFFD;
      n = 1;
    }
    out.push_back(cp);
    p += n;
    left -= n;
  }
  return out;
}

std::string encode(const std::vector<utf8proc_int32_t>& cps) {
  std::string out;
  utf8proc_uint8_t buf[4];
  for (auto cp : cps) {
    auto n = utf8proc_encode_char(cp, buf);
    out.append(reinterpret_cast<const char*>(buf), std::size_t(n));
  }
  return out;
}

std::size_t width_of(utf8proc_int32_t cp) {
  int w = utf8proc_charwidth(cp);
  return w < 0 ? 0 : std::size_t(w);
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  bool ascii = true;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  if (ascii) return s.size();  // fast path: every ASCII byte is one column
  for (auto cp : code_points(s)) w += width_of(cp);
  return w;
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string_view first_chars(std::string_view s, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t taken = 0; at < s.size() && taken < n; ++taken)
    for (++at; at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80;) ++at;
  return s.substr(0, at);
}

std::optional<std::size_t> invalid_utf8_at(std::string_view s) {
  const auto* base = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(base + i, utf8proc_ssize_t(s.size() - i), &cp);
    if (n <= 0) return i;
    i += std::size_t(n);
  }
  return std::nullopt;
}

std::string pad(std::string_view s, std::size_t width, Align align) {
  std::size_t w = display_width(s);
  std::string fill(w < width ? width - w : 0, ' ');
  return align == Align::left ? std::string(s) + fill : fill + std::string(s);
}

std::string truncate_to_width(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  std::vector<utf8proc_int32_t> kept;
  std::size_t w = 0;
  for (auto cp : code_points(s)) {
    if (w + width_of(cp) + 1 > width) break;
    w += width_of(cp);
    kept.push_back(cp);
  }
  kept.push_back(0x2026);
  return encode(kept);
}

namespace {

// Shows at most `most` characters, never more than it hides: the first `head` and the rest at
// the end, stars between.
std::string mask_middle(std::string_view s, std::size_t most, std::size_t head_most) {
  std::size_t shown = std::min(most, s.size() / 2);
  std::size_t head = std::min(head_most, (shown + 1) / 2 + (shown > 3 ? 1 : 0));
  head = std::min(head, shown);
  std::size_t tail = shown - head;
  return std::string(s.substr(0, head)) + std::string(s.size() - shown, '*') +
         std::string(s.substr(s.size() - tail));
}

}  // namespace

std::string mask_phone(std::string_view phone) { return mask_middle(phone, 5, 3); }

std::string mask_name(std::string_view name) {
  auto cps = code_points(name);
  if (cps.empty()) return {};
  if (cps.size() == 1) return encode(cps);
  std::vector<utf8proc_int32_t> out{cps.front()};
  if (cps.size() == 2) {
    out.push_back('*');
  } else {
    out.insert(out.end(), cps.size() - 2, '*');
    out.push_back(cps.back());
  }
  return encode(out);
}

std::string mask_id_number(std::string_view id) { return mask_middle(id, 8, 4); }

}  // namespace vstation::text
