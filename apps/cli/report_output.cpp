#include "cli/report_output.hpp"

#include <fstream>

#include "vstation/store/repos.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kUnknownStation{"unknown station '{}'", "未知服务站“{}”"};
constexpr Msg kCannotWrite{"cannot write '{}'", "无法写入“{}”"};
constexpr Msg kBadOption{"--{}: {}", "--{}：{}"};
}  // namespace

std::optional<Station> station_option(Context& ctx, const std::optional<std::string>& code) {
  if (!code) return std::nullopt;
  auto st = store::stations::find(ctx.db(), *code);
  if (!st) throw DataError(kUnknownStation, *code);
  return st;
}

Date today_at(const Context& ctx, const std::optional<Station>& st) {
  return local_date(ctx.now(), st ? st->offset : kDefaultOffset);
}

void write_output(Context& ctx, const std::optional<std::string>& out, const std::string& bytes) {
  if (!out || *out == "-") {
    ctx.out() << bytes;
    return;
  }
  std::ofstream f(*out, std::ios::binary | std::ios::trunc);
  f << bytes;
  f.close();
  if (!f) throw DataError(kCannotWrite, *out);
}

Date date_option(const std::string& option, const std::string& value) {
  try {
    return parse_date(value);
  } catch (const ParseError& e) {
    throw UsageError(kBadOption, option, e.text());
  }
}

}  // namespace vstation::cli
