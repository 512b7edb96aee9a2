#include <doctest/doctest.h>

#include "vstation/domain/error.hpp"
#include "vstation/text/csv.hpp"

using namespace vstation;
using namespace vstation::text;

TEST_CASE("CSV rows keep their starting line") {
  auto rows = parse_csv("\xEF\xBB\xBFnumber,name\r\nV1,张三\r\n\r\nV2,\"Li, \"\"Jr\"\"\nnext\"\n", "v.csv");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].line == 1);
  CHECK(rows[0].fields[0] == "number");  // BOM stripped
  CHECK(rows[1].fields[1] == "张三");
  CHECK(rows[2].line == 4);  // the blank line 3 is skipped
  CHECK(rows[2].fields[1] == "Li, \"Jr\"\nnext");
}

TEST_CASE("CSV errors name the file and line") {
  auto message = [](std::string_view content) {
    try {
      parse_csv(content, "x.csv");
    } catch (const DataError& e) {
      return e.text().render(Lang::en);
    }
    return std::string("no error");
  };
  // Quoting errors name the field by its header as written, and an unclosed quote the line
  // where it opened, not the end of the file.
  CHECK(message("a,b\n\"open,b\n") == "x.csv:2: a: a quoted field is never closed");
  CHECK(message("a,b\nc,\"open\nmore\nlines\n") == "x.csv:2: b: a quoted field is never closed");
  CHECK(message("a,b\nc,d\xD5\xC5\n").starts_with("x.csv:2: the file is not UTF-8"));
  CHECK(message("a,b\n\"x\"y,b\n").starts_with("x.csv:2: a: a stray quote;"));
  CHECK(message("a,b\nc,d\ne,f\"g\"\n").starts_with("x.csv:3: b: a stray quote;"));
  // In the header row itself the field is named by its position.
  CHECK(message("a,b\"c\n").starts_with("x.csv:1: field 2: a stray quote;"));
}

TEST_CASE("CSV writer quotes only where needed and round-trips") {
  CsvWriter w(true);
  w.row({"a", "b,c", "say \"hi\"", "多行\n文本"});
  auto rows = parse_csv(w.str(), "w.csv");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fields == std::vector<std::string>{"a", "b,c", "say \"hi\"", "多行\n文本"});
  CHECK(w.str().starts_with("\xEF\xBB\xBF" "a,\"b,c\""));
}
