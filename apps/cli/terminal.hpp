#pragma once
// The kiosk's terminal: reads keys without letting Ctrl-C, Ctrl-D, Ctrl-Z or escape sequences
// end or suspend the program, and draws full 80×24 screens. When standard input is not a
// terminal (scripts, tests), it reads plain lines and prints plain text.

#include <optional>
#include <string>

#include "vstation/kiosk/kiosk.hpp"

namespace vstation::cli {

class KioskTerminal {
 public:
  KioskTerminal();
  ~KioskTerminal();
  KioskTerminal(const KioskTerminal&) = delete;
  KioskTerminal& operator=(const KioskTerminal&) = delete;

  // Draws a screen; `header` is the station line with the clock.
  void draw(const kiosk::Screen& screen, const std::string& header, Lang lang);
  // Waits up to `idle_ms` for a line; nullopt on timeout. Sets `closed` at end of input
  // (only possible when not on a terminal).
  std::optional<std::string> read_line(int idle_ms, bool secret, bool& closed);
  [[nodiscard]] bool interactive() const { return interactive_; }

 private:
  bool interactive_ = false;
  bool restored_ = true;
  std::string pending_;
  std::string typed_;
};

}  // namespace vstation::cli
