#include "cli/output.hpp"

#include <fstream>
#include <ostream>

namespace vstation::cli {
namespace {
constexpr Msg kCannotWrite{"cannot write '{}'", "无法写入“{}”"};
}

void write_output(Context& ctx, const std::string& body, const std::optional<std::string>& path) {
  if (!path || *path == "-") {
    ctx.out() << body;
    return;
  }
  std::ofstream f(*path, std::ios::binary | std::ios::trunc);
  f << body;
  f.close();
  if (!f) throw DataError(kCannotWrite, *path);
}

}  // namespace vstation::cli
