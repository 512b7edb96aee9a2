#include "cli/site_url_arg.hpp"

#include "vstation/domain/error.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kBadUrl{
    "--{} must be http://HOST or https://HOST (no spaces, query or fragment), not '{}'",
    "--{} 须为 http://主机 或 https://主机（不含空格、查询或片段），而不是“{}”"};
}  // namespace

std::string parse_site_url(const std::string& given, std::string_view option) {
  std::string url = given;
  while (!url.empty() && url.back() == '/') url.pop_back();
  bool scheme = url.starts_with("http://") || url.starts_with("https://");
  if (!scheme) throw UsageError(kBadUrl, option, given);
  auto host = url.substr(url.find("//") + 2);
  if (host.empty() || url.find_first_of(" \t?#\"'<>\\") != std::string::npos)
    throw UsageError(kBadUrl, option, given);
  for (char c : url)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      throw UsageError(kBadUrl, option, given);
  return url;
}

}  // namespace vstation::cli
