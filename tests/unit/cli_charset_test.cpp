// A terminal in a locale other than UTF-8: which locales name one, and what the conversion
// sends. The expected bytes are the charsets' own (GBK 城 = B3 C7, Big5 城 = AB B0).

#include <doctest/doctest.h>

#include <sstream>

#include "cli/terminal_charset.hpp"

using namespace vstation;

TEST_CASE("a locale names a charset to convert to only when it names one that is not UTF-8") {
  CHECK(cli::charset_of_locale("zh_CN.GBK") == "GBK");
  CHECK(cli::charset_of_locale("zh_CN.gb18030@stroke") == "gb18030");
  CHECK(cli::charset_of_locale("zh_TW.Big5") == "Big5");
  for (const char* utf8 : {"zh_CN.UTF-8", "en_US.utf8", "C.UTF-8", "zh_CN.utf-8@x", "x.UTF_8"})
    CHECK_MESSAGE(!cli::charset_of_locale(utf8), utf8);
  for (const char* none : {"C", "POSIX", "zh_CN", "zh_CN.", "zh_CN.@stroke", ""})
    CHECK_MESSAGE(!cli::charset_of_locale(none), none);
}

namespace {

// What `text`, written a byte at a time and then whole, becomes in `charset`.
std::string through(const std::string& charset, const std::string& text, bool bytewise) {
  std::stringbuf sink;
  {
    cli::CharsetBuf buf(&sink, charset);
    std::ostream out(&buf);
    if (bytewise)
      for (char c : text) out.put(c);
    else
      out << text;
    out.flush();
    CHECK(out.good());
  }
  return sink.str();
}

// A sink that takes nothing, as a terminal gone away.
struct Refusing : std::streambuf {
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
  int_type overflow(int_type) override { return traits_type::eof(); }
};

}  // namespace

TEST_CASE("UTF-8 written to a CharsetBuf arrives in the charset, however the writes split it") {
  for (bool bytewise : {false, true}) {
    CAPTURE(bytewise);
    CHECK(through("GBK", "I城志愿—", bytewise) == "I\xB3\xC7\xD6\xBE\xD4\xB8\xA1\xAA");
    CHECK(through("Big5", "城", bytewise) == "\xAB\xB0");
    CHECK(through("GB18030", "ok\n", bytewise) == "ok\n");
  }
  // More than one piece's worth: the pieces' edges fall inside characters.
  std::string many;
  std::string expected;
  for (int i = 0; i < 3000; ++i) {
    many += "城a";
    expected +=
        "\xB3\xC7"
        "a";
  }
  CHECK(through("GBK", many, false) == expected);
}

TEST_CASE("what a charset lacks, bytes that are not UTF-8 and a character cut short are '?'") {
  CHECK(through("GBK", "a\xE2\x9C\x93z", false) == "a?z");  // ✓ is not in GBK
  CHECK(through("GBK", "a\xFF\xFEz", false) == "a??z");
  CHECK(through("GBK", "a\x80\x80z", false) == "a?z");  // stray continuation bytes: one '?'
  std::stringbuf sink;
  {
    cli::CharsetBuf buf(&sink, "GBK");
    std::ostream out(&buf);
    out << "a\xE5\x9F";  // 城 without its last byte
    out.flush();
    CHECK(sink.str() == "a");  // held, as the next write may complete it
  }
  CHECK(sink.str() == "a?");
}

TEST_CASE("a charset iconv does not know is refused; a sink that fails fails the stream") {
  std::stringbuf sink;
  CHECK_THROWS_AS(cli::CharsetBuf(&sink, "NO-SUCH-CHARSET"), std::invalid_argument);
  Refusing refusing;
  cli::CharsetBuf buf(&refusing, "GBK");
  std::ostream out(&buf);
  out << "城";
  out.flush();
  CHECK(out.bad());
}
