#include "vstation/domain/message.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"

namespace vstation {

TextArg::TextArg(const Text& t) : localised_(std::make_shared<const Text>(t)) {}

// A plain argument is what a person or a file supplied (a name, a code, a cell): its control
// characters are shown escaped, so a message quoting it can never move the terminal's cursor,
// change its colours or forge a line of its own.
std::string TextArg::render(Lang lang) const {
  return localised_ ? localised_->render(lang) : escape_controls(plain_);
}

std::string Text::render(Lang lang) const {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& a : args_) store.push_back(a.render(lang));
  try {
    return fmt::vformat(msg_.in(lang), store);
  } catch (const fmt::format_error&) {
    // A message with a placeholder count mismatch is a bug; show the raw text, never crash.
    return std::string(msg_.in(lang));
  }
}

std::string Text::render_sentence(Lang lang) const {
  std::string out = render(lang);
  const auto own = msg_.in(lang);
  if (!own.empty() && own[0] >= 'a' && own[0] <= 'z' && !out.empty() && out[0] == own[0])
    out[0] = char(out[0] - 'a' + 'A');
  return out;
}

Lang lang_from_locale(std::string_view value, Lang fallback) {
  if (value.starts_with("zh")) return Lang::zh;
  if (value.starts_with("en") || value == "C" || value == "POSIX" || value.starts_with("C."))
    return Lang::en;
  return fallback;
}

Text system_error_text(int error) {
  static constexpr std::pair<int, Msg> kKnown[] = {
      {ENOSPC, {"the disk is full", "磁盘已满"}},
      {EDQUOT, {"the disk quota is used up", "磁盘配额已用完"}},
      {EFBIG, {"the file is too large for this system", "文件超出系统允许的大小"}},
      {EACCES, {"permission denied", "没有权限"}},
      {EPERM, {"permission denied", "没有权限"}},
      {EROFS, {"the disk is read-only", "磁盘为只读"}},
      {EIO, {"a disk error", "磁盘错误"}},
      {ENOENT, {"the folder does not exist", "文件夹不存在"}},
      {ENOTDIR, {"a part of the path is not a folder", "路径中有一部分不是文件夹"}},
      {EISDIR, {"it is a folder", "这是一个文件夹"}},
      {ENAMETOOLONG, {"the name is too long", "名称过长"}},
  };
  for (const auto& [code, msg] : kKnown)
    if (code == error) return Text(msg);
  static constexpr Msg kOther{"{}", "{}"};
  return Text::of(kOther, std::strerror(error));
}

}  // namespace vstation
