// Wrapping by display width at Unicode line-break opportunities.

#include <doctest/doctest.h>

#include "vstation/text/width.hpp"
#include "vstation/text/wrap.hpp"

using namespace vstation::text;
using Lines = std::vector<std::string>;

TEST_CASE("English wraps between words; a word wider than the line is cut") {
  CHECK(wrap("only this station (default: all)", 16) ==
        Lines{"only this", "station", "(default: all)"});
  CHECK(wrap("short", 16) == Lines{"short"});
  CHECK(wrap("", 10) == Lines{""});
  CHECK(wrap("abcdefghij", 4) == Lines{"abcd", "efgh", "ij"});
}

TEST_CASE(
    "Chinese wraps between characters, by columns, never inside one or before a closing mark") {
  std::string s = "只统计此服务站（默认：数据库中全部站点）";
  auto lines = wrap(s, 16);
  std::string joined;
  for (const auto& l : lines) {
    CHECK(display_width(l) <= 16);
    CHECK_FALSE(invalid_utf8_at(l).has_value());
    CHECK_FALSE(l.starts_with("）"));
    CHECK_FALSE(l.starts_with("："));
    joined += l;
  }
  CHECK(joined == s);
  CHECK(lines == Lines{"只统计此服务站", "（默认：数据库中", "全部站点）"});
}

TEST_CASE("mixed text and newlines") {
  CHECK(wrap("格式：table、csv 或 json", 12) == Lines{"格式：", "table、csv", "或 json"});
  CHECK(wrap("one\ntwo", 20) == Lines{"one", "two"});
}
