// One form of address in Chinese: 您, as service desks use in zh-CN, on the kiosk, the web pages
// and the command line alike. Every user-facing string is a Msg in the sources under lib/ and
// apps/, so a 你 there is a string that addresses the volunteer the other way.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("Chinese text addresses people as 您, never 你") {
  std::vector<std::string> found;
  for (const char* dir : {"lib", "apps"}) {
    const fs::path root = fs::path(VSTATION_SOURCE_DIR) / dir;
    REQUIRE(fs::is_directory(root));
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      const auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      std::ifstream in(e.path());
      std::string line;
      for (int n = 1; std::getline(in, line); ++n)
        if (line.find("你") != std::string::npos)
          found.push_back(fs::relative(e.path(), VSTATION_SOURCE_DIR).string() + ":" +
                          std::to_string(n) + ": " + line);
    }
  }
  for (const auto& f : found) MESSAGE(f);
  CHECK(found.empty());
}
