#include "cli/terminal.hpp"

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "vstation/text/width.hpp"

namespace vstation::cli {
namespace {

termios g_saved{};
constexpr int kWidth = 80;

const char* colour(kiosk::Tone t) {
  switch (t) {
    case kiosk::Tone::good:
      return "\x1b[1;97;42m";
    case kiosk::Tone::warn:
      return "\x1b[1;30;43m";
    case kiosk::Tone::bad:
      return "\x1b[1;97;41m";
    case kiosk::Tone::neutral:
      break;
  }
  return "\x1b[1;97;44m";
}

std::string centred(const std::string& s, std::size_t width) {
  std::string cut = text::truncate_to_width(s, width);
  std::size_t w = text::display_width(cut);
  std::size_t left = (width - w) / 2;
  return std::string(left, ' ') + cut + std::string(width - w - left, ' ');
}

}  // namespace

KioskTerminal::KioskTerminal() : interactive_(::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)) {
  // Nothing a volunteer presses may stop or suspend the kiosk.
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGQUIT, SIG_IGN);
  std::signal(SIGTSTP, SIG_IGN);
  if (!interactive_) return;
  tcgetattr(STDIN_FILENO, &g_saved);
  termios raw = g_saved;
  raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN);
  raw.c_iflag &= ~tcflag_t(IXON | ICRNL);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
  restored_ = false;
  std::cout << "\x1b[?1049h" << std::flush;  // the alternate screen: the shell is left untouched
}

KioskTerminal::~KioskTerminal() {
  if (restored_) return;
  std::cout << "\x1b[0m\x1b[2J\x1b[H\x1b[?1049l" << std::flush;
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved);
}

void KioskTerminal::draw(const kiosk::Screen& s, const std::string& header, Lang lang) {
  if (!interactive_) {
    std::cout << "== " << s.title.render(lang) << " ==\n";
    for (const auto& l : s.lines) std::cout << "   " << l.render(lang) << "\n";
    if (!s.prompt.empty()) std::cout << s.prompt.render(lang) << "\n";
    std::cout << std::flush;
    return;
  }
  std::string out = "\x1b[0m\x1b[2J\x1b[H";
  out += "\x1b[7m" + centred(header, kWidth) + "\x1b[0m\r\n\r\n\r\n";
  std::string bar(kWidth, ' ');
  out += std::string(colour(s.tone)) + bar + "\x1b[0m\r\n";
  out += std::string(colour(s.tone)) + centred(s.title.render(lang), kWidth) + "\x1b[0m\r\n";
  out += std::string(colour(s.tone)) + bar + "\x1b[0m\r\n\r\n";
  for (const auto& l : s.lines)
    out += "\x1b[1m" + centred(l.render(lang), kWidth) + "\x1b[0m\r\n\r\n";
  out += "\x1b[20;1H" + std::string(kWidth, '-') + "\r\n";
  if (!s.prompt.empty()) out += "  " + s.prompt.render(lang) + " ";
  std::cout << out << std::flush;
}

std::optional<std::string> KioskTerminal::read_line(int idle_ms, bool secret, bool& closed) {
  closed = false;
  if (!interactive_) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      closed = true;
      return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  typed_.clear();
  bool too_long = false;
  while (true) {
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    int ready = ::poll(&pfd, 1, typed_.empty() ? idle_ms : idle_ms * 4);
    if (ready == 0) return std::nullopt;  // idle: back to the welcome screen
    if (ready < 0) continue;              // interrupted by a signal
    char buf[256];
    ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n <= 0) continue;
    for (ssize_t i = 0; i < n; ++i) {
      unsigned char c = static_cast<unsigned char>(buf[i]);
      if (c == '\r' || c == '\n') {
        std::string line = too_long ? std::string(kiosk::kMaxInput + 1, 'x') : typed_;
        typed_.clear();
        std::cout << "\r\n" << std::flush;
        return line;
      }
      if (c == 0x7f || c == 0x08) {  // backspace: drop one UTF-8 character
        while (!typed_.empty() && (static_cast<unsigned char>(typed_.back()) & 0xC0) == 0x80)
          typed_.pop_back();
        if (!typed_.empty()) {
          typed_.pop_back();
          std::cout << "\b \b" << std::flush;
        }
        continue;
      }
      if (c == 0x1b) {  // an escape sequence (arrows, function keys): skip it whole
        while (i + 1 < n && !std::isalpha(static_cast<unsigned char>(buf[i + 1])) &&
               buf[i + 1] != '~')
          ++i;
        if (i + 1 < n) ++i;
        continue;
      }
      if (c < 0x20) continue;  // Ctrl-C, Ctrl-D, Ctrl-Z and other controls do nothing
      if (typed_.size() >= kiosk::kMaxInput) {
        too_long = true;
        continue;
      }
      typed_ += char(c);
      std::cout << (secret ? "*" : std::string(1, char(c))) << std::flush;
    }
  }
}

}  // namespace vstation::cli
