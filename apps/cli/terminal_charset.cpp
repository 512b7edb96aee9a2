#include "cli/terminal_charset.hpp"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <iostream>
#include <stdexcept>
#include <utility>

#include "cli/context.hpp"

namespace vstation::cli {
namespace {

constexpr std::size_t kHeldBytes = 4096;  // converted in pieces of about this size

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::optional<std::string> charset_of_locale(std::string_view locale) {
  auto dot = locale.find('.');
  if (dot == locale.npos) return std::nullopt;
  std::string_view charset = locale.substr(dot + 1);
  charset = charset.substr(0, charset.find('@'));
  std::string plain;
  for (char c : charset)
    if (c != '-' && c != '_') plain += char(std::tolower(static_cast<unsigned char>(c)));
  if (plain.empty() || plain == "utf8") return std::nullopt;
  return std::string(charset);
}

std::optional<std::string> environment_charset() {
  auto locale = locale_of("LC_CTYPE");
  return locale ? charset_of_locale(*locale) : std::nullopt;
}

CharsetBuf::CharsetBuf(std::streambuf* sink, const std::string& charset)
    : sink_(sink),
      cd_(iconv_open((charset + "//TRANSLIT").c_str(), "UTF-8")),
      converted_(4 * kHeldBytes) {
  if (cd_ == iconv_t(-1)) throw std::invalid_argument("no conversion from UTF-8 to " + charset);
}

CharsetBuf::~CharsetBuf() {
  sync();
  if (!held_.empty()) sink_->sputc('?');  // a character whose last bytes never came
  sink_->pubsync();
  iconv_close(cd_);
}

bool CharsetBuf::drain() {
  char* in = held_.data();
  std::size_t left = held_.size();
  while (left > 0) {
    char* out = converted_.data();
    std::size_t room = converted_.size();
    std::size_t done = iconv(cd_, &in, &left, &out, &room);
    int why = errno;
    if (!send(room)) return false;
    if (done != std::size_t(-1) || why == E2BIG) continue;
    if (why == EINVAL) break;  // the held text ends inside a character: kept for the next write
    // EILSEQ: bytes that are not UTF-8, which the program never writes, shown as one '?'.
    if (sink_->sputc('?') == traits_type::eof()) return false;
    do {
      ++in;
      --left;
    } while (left > 0 && is_continuation(*in));
  }
  held_.erase(0, held_.size() - left);
  return true;
}

CharsetBuf::int_type CharsetBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  held_ += traits_type::to_char_type(c);
  if (held_.size() >= kHeldBytes && !drain()) return traits_type::eof();
  return c;
}

std::streamsize CharsetBuf::xsputn(const char* s, std::streamsize n) {
  held_.append(s, std::size_t(n));
  if (held_.size() >= kHeldBytes && !drain()) return 0;
  return n;
}

int CharsetBuf::sync() {
  if (!drain()) return -1;
  // The shift state back to its start, for a stateful charset (ISO-2022): each flush ends whole.
  char* out = converted_.data();
  std::size_t room = converted_.size();
  iconv(cd_, nullptr, nullptr, &out, &room);
  if (!send(room)) return -1;
  return sink_->pubsync();
}

bool CharsetBuf::send(std::size_t room) {
  auto made = std::streamsize(converted_.size() - room);
  return made == 0 || sink_->sputn(converted_.data(), made) == made;
}

TerminalCharset::TerminalCharset() {
  auto charset = environment_charset();
  if (!charset) return;
  for (auto [stream, fd] : {std::pair<std::ostream*, int>{&std::cout, STDOUT_FILENO},
                            std::pair<std::ostream*, int>{&std::cerr, STDERR_FILENO}}) {
    if (::isatty(fd) != 1) continue;
    std::unique_ptr<CharsetBuf> buf;
    try {
      buf = std::make_unique<CharsetBuf>(stream->rdbuf(), *charset);
    } catch (const std::invalid_argument&) {
      return;  // a charset iconv does not know: UTF-8 is still the best guess
    }
    std::streambuf* before = stream->rdbuf(buf.get());
    swaps_.push_back({stream, before, std::move(buf)});
  }
}

TerminalCharset::~TerminalCharset() {
  for (auto& s : swaps_) {
    s.stream->flush();
    s.stream->rdbuf(s.before);
  }
}

}  // namespace vstation::cli
