#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "tiny_curtois.hpp"
#include "vstation/roster/curtois.hpp"

using namespace vstation::roster;

namespace {

std::string with_crlf(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// The line number of the error thrown for `text`, or -1 if it parses.
int error_line(const std::string& text, std::string* message = nullptr) {
  try {
    (void)read_curtois_instance_text(text, "bad.txt");
  } catch (const CurtoisFormatError& error) {
    if (message) *message = error.what();
    return error.line();
  }
  return -1;
}

}  // namespace

TEST_CASE("reads the tiny instance, also with CRLF line ends") {
  for (const std::string& text :
       {std::string(testing::kTinyInstance), with_crlf(testing::kTinyInstance)}) {
    const auto instance = read_curtois_instance_text(text);
    CHECK(instance.horizon_days == 7);
    REQUIRE(instance.shift_types.size() == 2);
    CHECK(instance.shift_types[1].id == "L");
    CHECK(instance.shift_types[1].forbidden_next == std::vector<int>{0});
    CHECK(instance.shift_types[0].forbidden_next.empty());
    REQUIRE(instance.employees.size() == 3);
    CHECK(instance.employees[1].max_shifts_per_type == std::vector<int>{6, 0});
    CHECK(instance.employees[0].min_total_minutes == 960);
    CHECK(instance.employees[2].max_weekends == 0);
    CHECK(instance.employees[0].days_off == std::vector<int>{6});
    CHECK(instance.on_requests.size() == 2);
    CHECK(instance.off_requests.size() == 1);
    REQUIRE(instance.covers.size() == 4);
    CHECK(instance.covers[1].weight_over == 5);
  }
}

TEST_CASE("reader errors name the line") {
  std::string message;
  CHECK(error_line("SECTION_HORIZON\n7\nSECTION_NOPE\n", &message) == 3);
  CHECK(message.find("bad.txt:3") != std::string::npos);
  CHECK(message.find("unknown section") != std::string::npos);

  CHECK(error_line("SECTION_HORIZON\nseven\n", &message) == 2);
  CHECK(message.find("integer") != std::string::npos);

  const std::string head = "SECTION_HORIZON\n7\nSECTION_SHIFTS\nE,480,\nSECTION_STAFF\n";
  CHECK(error_line(head + "A,X=7,2400,0,5,1,1,1\n", &message) == 6);
  CHECK(message.find("unknown shift type 'X'") != std::string::npos);
  CHECK(error_line(head + "A,E=7,2400,0,5\n", &message) == 6);
  CHECK(message.find("expected 8 fields") != std::string::npos);
  CHECK(error_line(head + "A,E=7,2400,0,5,1,1,1\nSECTION_COVER\n9,E,1,100,1\n", &message) == 8);
  CHECK(message.find("outside the horizon") != std::string::npos);
  CHECK(error_line(head + "A,E=7,2400,0,5,1,1,1\nSECTION_DAYS_OFF\nZ,1\n", &message) == 8);
  CHECK(message.find("unknown employee 'Z'") != std::string::npos);
  CHECK(error_line("SECTION_HORIZON\n7\nSECTION_SHIFTS\nE,480,Q\nSECTION_STAFF\n", &message) == 4);
  CHECK(error_line("SECTION_SHIFTS\nE,480,\n", &message) == 0);
  CHECK(message.find("SECTION_HORIZON is missing") != std::string::npos);
  CHECK(error_line("7\n") == 1);
}

TEST_CASE("solution files round-trip and bad ones are rejected with a line") {
  const auto instance = read_curtois_instance_text(testing::kTinyInstance);
  const std::string text = "A,E,E,L,,,,\nB,,,,E,E,,\nC,,,,,,,\n";
  std::istringstream in(text);
  const auto roster = read_curtois_roster(in, instance);
  CHECK(roster.shift[0] == std::vector<int>{0, 0, 1, kDayOff, kDayOff, kDayOff, kDayOff});
  std::ostringstream out;
  write_curtois_roster(out, instance, roster);
  CHECK(out.str() == text);

  const auto line_of = [&](const std::string& bad) {
    std::istringstream bad_in(bad);
    try {
      (void)read_curtois_roster(bad_in, instance);
    } catch (const CurtoisFormatError& error) {
      return error.line();
    }
    return -1;
  };
  CHECK(line_of("A,E,E,L,,,,\nB,,,,E,E\n") == 2);    // too few fields
  CHECK(line_of("A,E,E,X,,,,\n") == 1);              // unknown shift
  CHECK(line_of("A,E,E,L,,,,\nA,,,,,,,\n") == 2);    // twice
  CHECK(line_of("A,E,E,L,,,,\nB,,,,E,E,,\n") == 0);  // C missing
}
