#pragma once
// The site's few static files, compiled in: no file system path is ever read from a URL.

#include <optional>
#include <string_view>

namespace vstation::web {

struct StaticFile {
  std::string_view type;
  std::string_view body;
};

// By name under /static/ ("app.css"); anything else (../, encoded slashes) is not found.
std::optional<StaticFile> static_file(std::string_view name);

}  // namespace vstation::web
