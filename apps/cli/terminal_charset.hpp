// What a terminal set to a locale other than UTF-8 (zh_CN.GBK, zh_CN.GB18030, zh_TW.Big5) is
// sent: the program writes UTF-8 throughout, and such a terminal would show each Chinese label
// and message as mojibake. Output to a terminal is converted to the locale's character set;
// output to a pipe or a file stays UTF-8, the encoding of every format the program writes (JSON
// requires it, and `import` reads UTF-8).
#pragma once

#include <iconv.h>

#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace vstation::cli {

// The character set a locale's name gives after its dot ("zh_CN.GBK@stroke": "GBK"), when it is
// not UTF-8; nullopt for UTF-8 and for a name without one ("C", "zh_CN": a terminal of today
// is UTF-8 then, and the program's Chinese would not survive ASCII or GB2312 guessed).
std::optional<std::string> charset_of_locale(std::string_view locale);

// The locale the environment sets for characters: LC_ALL, else LC_CTYPE, else LANG.
std::optional<std::string> environment_charset();

// Passes what is written to it on to `sink`, converted from UTF-8 to `charset`; a character the
// charset lacks is transliterated or becomes '?'. A character split across two writes is held
// until its last byte comes. Flushing flushes the sink.
class CharsetBuf : public std::streambuf {
 public:
  // Throws std::invalid_argument when iconv knows no such charset.
  CharsetBuf(std::streambuf* sink, const std::string& charset);
  ~CharsetBuf() override;
  CharsetBuf(const CharsetBuf&) = delete;
  CharsetBuf& operator=(const CharsetBuf&) = delete;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Converts the complete characters held and writes them; false when the sink failed.
  bool drain();
  // Writes what the last conversion put in converted_ (all of it but `room`) to the sink.
  bool send(std::size_t room);

  std::streambuf* sink_;
  iconv_t cd_;
  std::string held_;
  std::vector<char> converted_;
};

// For the life of this object, std::cout and std::cerr each write through a CharsetBuf when
// they are a terminal and the environment's locale names a charset other than UTF-8 that iconv
// knows; otherwise they are left as they are.
class TerminalCharset {
 public:
  TerminalCharset();
  ~TerminalCharset();
  TerminalCharset(const TerminalCharset&) = delete;
  TerminalCharset& operator=(const TerminalCharset&) = delete;

 private:
  struct Swap {
    std::ostream* stream;
    std::streambuf* before;
    std::unique_ptr<CharsetBuf> buf;
  };
  std::vector<Swap> swaps_;
};

}  // namespace vstation::cli
