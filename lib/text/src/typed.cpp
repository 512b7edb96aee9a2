#include "vstation/text/typed.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace vstation::text {

std::string typed_code(std::string_view s) {
  std::string out(s);
  utf8proc_uint8_t* folded = nullptr;
  auto n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
      &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
  if (n >= 0) {
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(folded, &std::free);
    out.assign(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n));
  }
  const char* space = " \t\r\n";
  auto b = out.find_first_not_of(space);
  if (b == std::string::npos) return "";
  return out.substr(b, out.find_last_not_of(space) - b + 1);
}

}  // namespace vstation::text
