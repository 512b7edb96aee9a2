#include "cli/password_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "vstation/kiosk/secrets.hpp"

namespace vstation::cli {
namespace {
constexpr Msg kPrompt{"new password (at least {} characters, not shown): ",
                      "新密码（至少 {} 个字符，输入时不显示）："};
constexpr Msg kNoPassword{
    "no password on standard input (one line: `vstation user add … < password-file`)",
    "标准输入中没有密码（一行：`vstation user add … < 密码文件`）"};
constexpr Msg kAtPassword{"password: {}; nothing was changed", "密码：{}；未做任何更改"};

// Turns the terminal's echo off while alive (when standard input is a terminal).
class NoEcho {
 public:
  NoEcho() {
    if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~NoEcho() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;
  [[nodiscard]] bool active() const { return active_; }

 private:
  termios saved_{};
  bool active_ = false;
};
}  // namespace

std::optional<std::string> read_secret_line(Context& ctx, const Text& prompt) {
  std::string line;
  bool got = false;
  {
    NoEcho quiet;
    if (quiet.active()) ctx.err() << prompt.render(ctx.lang()) << std::flush;
    got = static_cast<bool>(std::getline(std::cin, line));
    if (quiet.active()) ctx.err() << "\n";
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string read_new_password(Context& ctx) {
  auto read = read_secret_line(ctx, Text::of(kPrompt, kiosk::kMinPasswordChars));
  if (!read) throw DataError(kNoPassword);
  const std::string& password = *read;
  try {
    kiosk::check_password_format(password);
  } catch (const ParseError& e) {
    throw DataError(kAtPassword, e.text());
  }
  return password;
}

}  // namespace vstation::cli
