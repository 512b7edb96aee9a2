#pragma once
// What the kiosk says, in both languages: shared by kiosk.cpp and kiosk_answer.cpp.

#include "vstation/domain/message.hpp"

namespace vstation::kiosk {

inline constexpr Msg kWelcome{"Welcome — please check in or out", "欢迎 — 请签到或签退"};
inline constexpr Msg kHowTo{"Scan your badge, or type your volunteer number,",
                            "请扫描志愿者证，或输入志愿者编号，"};
inline constexpr Msg kHowTo2{"or the last 4 digits of your phone, then Enter.",
                             "或手机号后 4 位，然后按回车。"};
inline constexpr Msg kPrompt{"Badge / number / phone tail:", "志愿者证 / 编号 / 手机尾号："};
inline constexpr Msg kPinPrompt{"PIN:", "PIN 码："};
inline constexpr Msg kYesNo{"y = yes, n = no:", "y = 是，n = 否："};
inline constexpr Msg kYesOrNo{"Please answer y (yes) or n (no)", "请回答 y（是）或 n（否）"};
inline constexpr Msg kCheckedIn{"Checked in", "签到成功"};
inline constexpr Msg kCheckedOut{"Checked out", "签退成功"};
inline constexpr Msg kCannot{"Cannot do that", "无法完成"};
inline constexpr Msg kUnknown{"Unknown code: no volunteer has it", "无法识别：没有对应的志愿者"};
inline constexpr Msg kUnreadable{"That input could not be read; please try again",
                                 "输入无法识别，请重试"};
inline constexpr Msg kTooLong{"That input is too long; please try again", "输入过长，请重试"};
inline constexpr Msg kWrongPin{"Wrong PIN ({} of {} tries)", "PIN 码错误（第 {} 次，共 {} 次）"};
inline constexpr Msg kLocked{"Too many wrong PINs: locked for {} minutes. Ask the coordinator.",
                             "PIN 码错误次数过多：已锁定 {} 分钟，请联系站长。"};
inline constexpr Msg kStillLocked{"Locked after wrong PINs; try again after {}",
                                  "因 PIN 码错误已锁定，请于 {} 后再试"};
inline constexpr Msg kPinNeeded{"Enter your PIN", "请输入 PIN 码"};
inline constexpr Msg kNoPinSet{"No PIN is set for this phone; use your number or badge",
                               "该手机号未设置 PIN 码；请使用编号或志愿者证"};
inline constexpr Msg kNumbersOff{
    "This station does not take volunteer numbers: scan your badge, or "
    "type your phone's last 4 digits and your PIN",
    "本站不接受输入志愿者编号：请扫描志愿者证，或输入手机尾号和 PIN 码"};
inline constexpr Msg kNoPinForNumber{
    "Your number needs a PIN here and you have none yet: scan your "
    "badge, or ask the coordinator to set a PIN",
    "本站使用编号需要 PIN 码，而您尚未设置：请扫描志愿者证，或请站长设置 PIN 码"};
inline constexpr Msg kShift{"Shift: {}", "班次：{}"};
inline constexpr Msg kWalkIn{"Walk-in (no shift now) — the coordinator will review it",
                             "临时签到（当前无排班）— 站长将审核"};
inline constexpr Msg kTime{"Time: {}", "时间：{}"};
inline constexpr Msg kCredited{"This session: {}", "本次计入：{}"};
inline constexpr Msg kTotal{"Your total: {}", "累计时长：{}"};
inline constexpr Msg kNext{"Next shift: {}", "下次排班：{}"};
inline constexpr Msg kNoNext{"No next shift rostered yet", "暂无下次排班"};
// The day is named by weekday and date: a volunteer who forgot twice tells the two apart.
inline constexpr Msg kForgotten{"{} {} {}–{}: you did not check out", "{} {} {}–{}：您没有签退"};
inline constexpr Msg kForgottenWalkIn{"{} {} from {}: you did not check out",
                                      "{} {} {} 起：您没有签退"};
inline constexpr Msg kLateOut{"Check-out recorded, after the deadline", "签退已记录（已超过时限）"};
inline constexpr Msg kLateLine{"Checked in {}, out {}; it had to be by {}",
                               "签到 {}，签退 {}；应在 {} 前签退"};
inline constexpr Msg kReviewLine{"The coordinator will confirm your hours", "时长待站长确认"};
inline constexpr Msg kLeftAtEnd{"Did you leave at {}? y = yes, n = no:",
                                "您是 {} 离开的吗？y = 是，n = 否："};
inline constexpr Msg kAskLeft{"When did you leave? HH:MM, e.g. 20:40:",
                              "您几点离开的？时:分，例如 20:40："};
inline constexpr Msg kBadLeft{"'{}' is not a time: type it as HH:MM, e.g. 20:40",
                              "“{}”不是时间：请按 时:分 输入，例如 20:40"};
inline constexpr Msg kAnswerKept{"Thank you — your answer is recorded for the coordinator",
                                 "谢谢 — 您的答复已记录，待站长审核"};
inline constexpr Msg kOfferIn{"Check in now? y = yes, n = no:", "现在签到吗？y = 是，n = 否："};
inline constexpr Msg kScanAgain{"You are not checked in. To check in, scan again.",
                                "您现在未签到。如需签到，请再次扫描。"};
inline constexpr Msg kNotCheckedIn{"Not checked in", "未签到"};
inline constexpr Msg kShort{"You checked in {} s ago. Check out now?",
                            "您 {} 秒前刚签到。现在签退吗？"};
inline constexpr Msg kShortJustNow{"You checked in just now. Check out now?",
                                   "您刚刚签到。现在签退吗？"};
inline constexpr std::int64_t kJustNowSeconds = 10;
inline constexpr Msg kStillIn{"Still checked in", "仍保持签到"};
inline constexpr Msg kExitPrompt{"Coordinator PIN to leave kiosk mode:",
                                 "退出签到机需站长 PIN 码："};
inline constexpr Msg kExitWrong{"Wrong coordinator PIN", "站长 PIN 码错误"};
inline constexpr Msg kExitLocked{"Too many wrong coordinator PINs: locked for {} minutes.",
                                 "站长 PIN 码错误次数过多：已锁定 {} 分钟。"};
inline constexpr Msg kBye{"Kiosk closed", "签到机已关闭"};
inline constexpr Msg kWho{"{} · {}", "{} · {}"};

}  // namespace vstation::kiosk
