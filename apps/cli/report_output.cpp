#include "cli/report_output.hpp"

#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kUnknownStation{"unknown station '{}'", "未知服务站“{}”"};
constexpr Msg kBadOption{"--{}: {}", "--{}：{}"};
}  // namespace

std::optional<Station> station_option(Context& ctx, const std::optional<std::string>& code) {
  if (!code) return std::nullopt;
  auto st = store::stations::find(ctx.db(), *code);
  if (!st) throw DataError(kUnknownStation, *code);
  return st;
}

Date today_at(const Context& ctx, const std::optional<Station>& st) {
  return local_date(ctx.now(), st ? st->zone : default_zone());
}

Date date_option(const std::string& option, const std::string& value) {
  try {
    return parse_date(value);
  } catch (const ParseError& e) {
    throw UsageError(kBadOption, option, e.text());
  }
}

}  // namespace vstation::cli
