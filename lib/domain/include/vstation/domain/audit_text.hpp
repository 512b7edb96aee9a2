#pragma once
// The audit trail's own words. An audit row's action, the system's reasons and a session's state
// are stored in English (the rows are hash-chained: stored text never changes) and shown in the
// reader's language; a reason a person typed is shown as written. The writers take their English
// from the messages here, so whatever the system stores, a reader can have translated.

#include <string>
#include <string_view>
#include <utility>

#include "vstation/domain/message.hpp"

namespace vstation::audit_text {

// What can happen to a session (the stored action is the code in `en`).
inline constexpr Msg kCheckIn{"check_in", "签到"};
inline constexpr Msg kCheckOut{"check_out", "签退"};
inline constexpr Msg kAutoClose{"auto_close", "自动关闭"};
inline constexpr Msg kVolunteerAnswer{"volunteer_answer", "志愿者答复"};
inline constexpr Msg kConfirm{"confirm", "确认"};
inline constexpr Msg kFix{"fix", "修正"};
inline constexpr Msg kReject{"reject", "驳回"};
inline constexpr Msg kImport{"import", "导入"};
inline constexpr Msg kAdd{"add", "添加"};
inline constexpr Msg kShiftEdit{"shift_edit", "班次修改"};

// Reasons the system gives.
inline constexpr Msg kNotCheckedOut{"not checked out by its deadline", "截止时间前未签退"};
inline constexpr Msg kCheckedInAgain{"not checked out by its deadline; checked in again",
                                     "截止时间前未签退；又一次签到"};
inline constexpr Msg kOutPastDeadline{"checked out at {}, past its deadline {}",
                                      "{} 签退，已过截止时间 {}"};
inline constexpr Msg kConfirmsEnd{"the volunteer confirms the rostered end time",
                                  "志愿者确认在排班结束时离开"};
inline constexpr Msg kSaysLeft{"the volunteer says when they left", "志愿者说明离开时间"};
inline constexpr Msg kImportedAs{"imported as {}", "导入，状态为{}"};
inline constexpr Msg kAddedAs{"added as {}", "添加，状态为{}"};
inline constexpr Msg kImportedOverdue{"imported: checked out past its deadline",
                                      "导入：签退晚于截止时间"};
inline constexpr Msg kAddedOverdue{"added: checked out past its deadline",
                                   "添加：签退晚于截止时间"};

inline constexpr Msg kShiftProjectMoved{"its shift {} moved from project {} to {}",
                                        "所属班次 {} 由项目 {} 改为 {}"};

// Values: a session's state (describe) and a volunteer's answer.
inline constexpr Msg kSessionState{"{} {} {} min", "{} {} {} 分钟"};  // times, status, credited
inline constexpr Msg kLeftAt{"left {}", "离开 {}"};

// The English a writer stores.
template <class... A>
std::string stored(Msg msg, A&&... args) {
  return Text::of(msg, std::forward<A>(args)...).render(Lang::en);
}

// Each in `lang`: English is the stored text itself; in Chinese a known action, reason or value
// is translated (status codes in it by their labels), anything else shown as stored. A reason is
// translated only under the action the system gives it for (`action`, as stored): any other is a
// person's.
std::string action(std::string_view stored, Lang lang);
std::string reason(std::string_view action, std::string_view stored, Lang lang);
std::string value(std::string_view stored, Lang lang);

}  // namespace vstation::audit_text
