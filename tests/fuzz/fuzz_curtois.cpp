// libFuzzer target: the Curtois benchmark instance reader (lib/roster). It either reads an
// instance or throws CurtoisFormatError naming the line.

#include <cstdint>
#include <string>

#include "vstation/roster/curtois.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)vstation::roster::read_curtois_instance_text(text, "fuzz.txt");
  } catch (const vstation::roster::CurtoisFormatError&) {
  }
  return 0;
}
