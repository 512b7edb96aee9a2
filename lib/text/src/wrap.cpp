#include "vstation/text/wrap.hpp"

#include <linebreak.h>

#include <mutex>

#include "vstation/text/width.hpp"

namespace vstation::text {
namespace {

std::size_t char_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;  // a stray byte counts as one character
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

}  // namespace

std::vector<std::string> wrap(std::string_view s, std::size_t width) {
  static std::once_flag init;
  std::call_once(init, init_linebreak);
  std::vector<char> brks(s.size());
  if (!s.empty())
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(s.data()), s.size(), "zh", brks.data());

  std::vector<std::string> lines;
  std::size_t start = 0;       // where the current line begins
  std::size_t last_break = 0;  // end of the last place the line may end (0: none yet)
  std::size_t used = 0;        // columns from `start` up to the current character
  std::size_t used_at_break = 0;
  auto emit = [&](std::size_t end) {
    lines.emplace_back(trim_spaces(s.substr(start, end - start)));
  };

  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = std::min(char_length(static_cast<unsigned char>(s[i])), s.size() - i);
    std::size_t w = s[i] == '\n' ? 0 : display_width(s.substr(i, n));
    if (used + w > width && s[i] != ' ' && i > start) {
      // Break at the last opportunity, or here when the piece is wider than a line.
      bool at_opportunity = last_break > start;
      std::size_t end = at_opportunity ? last_break : i;
      emit(end);
      start = end;
      used = at_opportunity ? used - used_at_break : 0;
      last_break = 0;
    }
    used += w;
    char b = brks[i + n - 1];
    if (b == LINEBREAK_MUSTBREAK && s[i] == '\n') {
      emit(i);
      start = i + n;
      used = 0;
      last_break = 0;
    } else if (b == LINEBREAK_ALLOWBREAK) {
      last_break = i + n;
      used_at_break = used;
    }
    i += n;
  }
  if (start < s.size() || lines.empty()) emit(s.size());
  return lines;
}

}  // namespace vstation::text
