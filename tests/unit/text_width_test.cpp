#include <doctest/doctest.h>

#include <algorithm>

#include "vstation/text/table.hpp"
#include "vstation/text/typed.hpp"
#include "vstation/text/width.hpp"

using namespace vstation::text;

TEST_CASE("display width counts CJK as two columns") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("交通劝导") == 8);
  CHECK(display_width("Sat 交通") == 8);
  CHECK(pad("张三", 6) == "张三  ");
  CHECK(pad("7", 3, Align::right) == "  7");
  CHECK(truncate_to_width("交通劝导服务", 7) == "交通劝…");
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK_FALSE(invalid_utf8_at("志愿者 ok").has_value());
  CHECK(invalid_utf8_at("ab\xD5\xC5\xC8\xFD") == std::optional<std::size_t>(2));  // 张三 in GBK
  CHECK(invalid_utf8_at("\xFF") == std::optional<std::size_t>(0));
}

TEST_CASE("masks") {
  CHECK(mask_phone("13812345678") == "138******78");
  CHECK(mask_name("张三丰") == "张*丰");
  CHECK(mask_name("张三") == "张*");
  CHECK(mask_name("欧阳娜娜") == "欧**娜");
  CHECK(mask_id_number("440301199001011234") == "4403**********1234");
  // Never more shown than hidden, whatever the length.
  for (std::size_t n = 0; n <= 24; ++n) {
    std::string s(n, '7');
    for (const auto& m : {mask_phone(s), mask_id_number(s)}) {
      std::size_t hidden = std::size_t(std::count(m.begin(), m.end(), '*'));
      CHECK(m.size() == n);
      CHECK(n - hidden <= hidden);
    }
  }
}

TEST_CASE("tables line up CJK text") {
  Table t({"name", "项目"});
  t.add({"张三", "交通劝导"}).add({"Li", "x"});
  auto out = t.render();
  CHECK(out ==
        "name  项目\n"
        "----  --------\n"
        "张三  交通劝导\n"
        "Li    x\n");
}

TEST_CASE("a typed code: full-width forms and surrounding spaces folded away") {
  CHECK(vstation::text::typed_code("Ｖ００２８") == "V0028");
  CHECK(vstation::text::typed_code(" v0028 ") == "v0028");
  CHECK(vstation::text::typed_code("\u3000２４６８\u3000") == "2468");
  CHECK(vstation::text::typed_code("") == "");
  CHECK(vstation::text::typed_code("\xff\xfe") == "\xff\xfe");  // not UTF-8: unchanged
}

TEST_CASE("the first n characters: never one cut in two") {
  using vstation::text::first_chars;
  CHECK(first_chars("张三丰", 2) == "张三");
  CHECK(first_chars("ab张", 3) == "ab张");
  CHECK(first_chars("ab", 5) == "ab");
  CHECK(first_chars("", 3).empty());
  CHECK(first_chars("张三", 0).empty());
}
