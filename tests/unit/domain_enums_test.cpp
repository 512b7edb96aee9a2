#include <doctest/doctest.h>

#include "vstation/domain/enums.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"

using namespace vstation;

TEST_CASE("enums parse from code, English or Chinese label") {
  CHECK(parse_enum<Category>("traffic_persuasion") == Category::traffic_persuasion);
  CHECK(parse_enum<Category>("Traffic Persuasion") == Category::traffic_persuasion);
  CHECK(parse_enum<Category>("交通劝导") == Category::traffic_persuasion);
  CHECK(parse_enum<AssignmentStatus>("no-show") == AssignmentStatus::no_show);
  CHECK(code_of(SessionStatus::auto_closed) == "auto_closed");
  CHECK(label_of(SessionStatus::auto_closed).render(Lang::zh) == "自动关闭");
  CHECK_THROWS_AS(parse_enum<Category>("juggling"), ParseError);
}

TEST_CASE("every label exists in both languages") {
  auto check = [](auto entries) {
    for (const auto& e : entries) {
      CHECK_FALSE(e.code.empty());
      CHECK_FALSE(e.label.en.empty());
      CHECK_FALSE(e.label.zh.empty());
    }
  };
  check(enum_entries<Category>());
  check(enum_entries<IncidentType>());
  check(enum_entries<SessionStatus>());
  check(enum_entries<VolunteerStatus>());
  check(enum_entries<IdDocType>());
}

TEST_CASE("messages render in the chosen language") {
  constexpr Msg m{"{} of {} slots", "{}/{} 个名额"};
  Text t = Text::of(m, 1, 3);
  CHECK(t.render(Lang::en) == "1 of 3 slots");
  CHECK(t.render(Lang::zh) == "1/3 个名额");
  CHECK(lang_from_locale("zh_CN.UTF-8") == Lang::zh);
  CHECK(lang_from_locale("en_US.UTF-8") == Lang::en);
  CHECK(lang_from_locale("") == Lang::en);
}

TEST_CASE("a message shown on its own starts with a capital, unless an argument comes first") {
  constexpr Msg own{"the roster of {} changed", "{} 的排班被修改"};
  CHECK(Text::of(own, "2023-W27").render_sentence(Lang::en) == "The roster of 2023-W27 changed");
  CHECK(Text::of(own, "2023-W27").render(Lang::en) == "the roster of 2023-W27 changed");
  CHECK(Text::of(own, "2023-W27").render_sentence(Lang::zh) == "2023-W27 的排班被修改");
  constexpr Msg arg_first{"{} has no shifts", "{} 没有班次"};
  CHECK(Text::of(arg_first, "icity").render_sentence(Lang::en) == "icity has no shifts");
}

TEST_CASE("blank text: ASCII and Unicode white space, nothing else") {
  CHECK(is_blank(""));
  CHECK(is_blank(" \t\r\n"));
  CHECK(is_blank("\xE3\x80\x80\xE3\x80\x80"));  // ideographic spaces
  CHECK(is_blank("\xC2\xA0\xE2\x80\x8B\xEF\xBB\xBF"));  // no-break, zero-width, BOM
  CHECK_FALSE(is_blank(" x "));
  CHECK_FALSE(is_blank("\xE3\x80\x80原因"));
  CHECK_FALSE(is_blank("\xE3\x80"));  // a broken character is not white space
}

TEST_CASE("plain decimals only: no sign, exponent, hexadecimal, infinity or NaN") {
  double d = -1;
  CHECK((parse_decimal("12", d) && d == 12));
  CHECK((parse_decimal(" 3.5 ", d) && d == 3.5));
  CHECK((parse_decimal(".5", d) && d == 0.5));
  for (const char* bad : {"", ".", "1.2.3", "-1", "+1", "1e3", "0x10", "inf", "nan", "1,5", "１２"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_decimal(bad, d));
  }
}

TEST_CASE("control characters shown as escapes; documents keep their line breaks") {
  CHECK(escape_controls("a\x1b[2J\nb") == "a\\x1B[2J\\nb");
  CHECK(escape_controls_keep_lines("a\x1b[2J\nb\a") == "a\\x1B[2J\nb\\x07");
  CHECK(escape_controls_keep_lines("第一行\n第二行") == "第一行\n第二行");
  auto bad = first_forbidden("ab\x80");
  REQUIRE(bad);
  CHECK(bad->not_utf8);
  CHECK_FALSE(first_forbidden("a\x07")->not_utf8);
}
