// The audit trail's own words (domain/audit_text.hpp): stored in English, shown in either language.

#include <doctest/doctest.h>

#include <utility>

#include "vstation/domain/audit_text.hpp"
#include "vstation/domain/entities.hpp"
#include "vstation/domain/time.hpp"

using namespace vstation;
namespace at = vstation::audit_text;

TEST_CASE("every reason the system stores reads back in Chinese, with its arguments") {
  const std::string past = at::stored(at::kOutPastDeadline, "2023-05-01 23:30", "2023-05-01 21:00");
  CHECK(past == "checked out at 2023-05-01 23:30, past its deadline 2023-05-01 21:00");
  CHECK(at::reason("auto_close", past, Lang::zh) ==
        "2023-05-01 23:30 签退，已过截止时间 2023-05-01 21:00");
  CHECK(at::reason("auto_close", past, Lang::en) == past);
  CHECK(at::reason("import", at::stored(at::kImportedAs, "auto_closed"), Lang::zh) ==
        "导入，状态为自动关闭");
  CHECK(at::reason("add", at::stored(at::kAddedAs, "confirmed"), Lang::zh) == "添加，状态为已确认");
  const std::pair<Msg, Msg> plain[] = {
      {at::kAutoClose, at::kNotCheckedOut},     {at::kAutoClose, at::kCheckedInAgain},
      {at::kVolunteerAnswer, at::kConfirmsEnd}, {at::kVolunteerAnswer, at::kSaysLeft},
      {at::kImport, at::kImportedOverdue},      {at::kAdd, at::kAddedOverdue}};
  for (auto [action, m] : plain) {
    CAPTURE(m.en);
    CHECK(at::reason(action.en, at::stored(m), Lang::zh) == m.zh);
    // Typed by a person under a review (or written under another action): shown as typed.
    for (Msg other : {at::kConfirm, at::kFix, at::kReject, at::kCheckIn})
      CHECK(at::reason(other.en, at::stored(m), Lang::zh) == at::stored(m));
  }
}

TEST_CASE("what a person typed, or a near miss of a system reason, is shown as stored") {
  for (const char* typed :
       {"纸质签到表上没有此人", "paper sign-out sheet says 20:40", "", "imported as ",
        "checked out at , past its deadline x", "not checked out by its deadline!"}) {
    CAPTURE(typed);
    for (Msg action : {at::kAutoClose, at::kImport, at::kReject})
      CHECK(at::reason(action.en, typed, Lang::zh) == typed);
  }
  // A placeholder takes whatever stands there: a status this version does not know stays a code.
  CHECK(at::reason("import", "imported as paused", Lang::zh) == "导入，状态为paused");
  CHECK(at::action("check_in", Lang::zh) == "签到");
  CHECK(at::action("check_in", Lang::en) == "check_in");
  CHECK(at::action("something_new", Lang::zh) == "something_new");
}

TEST_CASE("a session's state as describe() stores it reads back in Chinese") {
  auto zone = TimeZone::named("Asia/Shanghai");
  Session s;
  s.effective_in = parse_instant("2023-05-01 15:50", zone);
  s.effective_out = parse_instant("2023-05-01 20:40", zone);
  s.status = SessionStatus::confirmed;
  s.credited_minutes = 240;
  const std::string stored = describe(s, zone);
  CHECK(stored == "2023-05-01 15:50–20:40 confirmed 240 min");
  CHECK(at::value(stored, Lang::zh) == "2023-05-01 15:50–20:40 已确认 240 分钟");
  CHECK(at::value(stored, Lang::en) == stored);
  CHECK(at::value(at::stored(at::kLeftAt, "2023-05-01 20:00"), Lang::zh) ==
        "离开 2023-05-01 20:00");
  // Not a state: an unknown status, minutes that are not a number, other values.
  for (const char* other : {"2023-05-01 15:50–? paused 0 min", "x confirmed many min", " min",
                            "V0031", "张三", "left"}) {
    CAPTURE(other);
    CHECK(at::value(other, Lang::zh) == other);
  }
}
