#include "vstation/domain/audit_text.hpp"

#include <array>
#include <optional>
#include <vector>

#include "vstation/domain/enums.hpp"

namespace vstation::audit_text {
namespace {

constexpr std::array<Msg, 10> kActions{{kCheckIn, kCheckOut, kAutoClose, kVolunteerAnswer, kConfirm,
                                        kFix, kReject, kImport, kAdd, kShiftEdit}};
// Each reason the system gives, with the action it gives it for: under any other action (confirm,
// fix, reject) the reason is a person's, shown as typed even when it reads like one of these.
struct SystemReason {
  Msg action, reason;
};
constexpr std::array<SystemReason, 10> kReasons{{
    {kAutoClose, kNotCheckedOut},
    {kAutoClose, kCheckedInAgain},
    {kAutoClose, kOutPastDeadline},
    {kVolunteerAnswer, kConfirmsEnd},
    {kVolunteerAnswer, kSaysLeft},
    {kImport, kImportedAs},
    {kAdd, kAddedAs},
    {kImport, kImportedOverdue},
    {kAdd, kAddedOverdue},
    {kShiftEdit, kShiftProjectMoved},
}};

// The arguments that make `text` out of `tmpl` (English, `{}` placeholders), or nullopt when it
// is not that message or a placeholder would be empty. Matched from the end: each placeholder
// but the first takes the text after the last place its literal stands, the first whatever is
// left, so only the first argument may hold a later literal (a session's times hold a space).
std::optional<std::vector<std::string>> arguments(std::string_view tmpl, std::string_view text) {
  std::vector<std::string_view> literals;
  for (std::size_t from = 0;;) {
    auto at = tmpl.find("{}", from);
    literals.push_back(tmpl.substr(from, at == std::string_view::npos ? at : at - from));
    if (at == std::string_view::npos) break;
    from = at + 2;
  }
  const std::string_view first = literals.front(), last = literals.back();
  const std::size_t count = literals.size() - 1;
  if (count == 0) return text == tmpl ? std::optional(std::vector<std::string>{}) : std::nullopt;
  if (text.size() < first.size() + last.size() || !text.starts_with(first) || !text.ends_with(last))
    return std::nullopt;
  std::vector<std::string> args(count);
  std::size_t end = text.size() - last.size();  // where the argument being read ends
  for (std::size_t i = count - 1; i >= 1; --i) {
    const std::string_view literal = literals[i];
    if (end < first.size() + literal.size() + 1) return std::nullopt;
    auto at = text.rfind(literal, end - literal.size() - 1);
    if (at == std::string_view::npos || at < first.size()) return std::nullopt;
    args[i] = text.substr(at + literal.size(), end - at - literal.size());
    end = at;
  }
  if (end <= first.size()) return std::nullopt;
  args[0] = text.substr(first.size(), end - first.size());
  return args;
}

// A session status's code by its label in `lang`; anything else as it is.
std::string status_label(const std::string& code, Lang lang) {
  if (auto label = label_for_code<SessionStatus>(code)) return std::string(label->in(lang));
  return code;
}

std::string render(Msg msg, const std::vector<std::string>& args, Lang lang) {
  std::vector<TextArg> shown(args.begin(), args.end());
  return Text(msg, std::move(shown)).render(lang);
}

}  // namespace

std::string action(std::string_view stored, Lang lang) {
  if (lang == Lang::en) return std::string(stored);
  for (const auto& m : kActions)
    if (m.en == stored) return std::string(m.zh);
  return std::string(stored);
}

std::string reason(std::string_view action, std::string_view stored, Lang lang) {
  if (lang == Lang::en) return std::string(stored);
  for (const auto& [given_for, m] : kReasons) {
    if (given_for.en != action) continue;
    auto args = arguments(m.en, stored);
    if (!args) continue;
    if (m.en == kImportedAs.en || m.en == kAddedAs.en)
      for (auto& a : *args) a = status_label(a, lang);
    return render(m, *args, lang);
  }
  return std::string(stored);
}

std::string value(std::string_view stored, Lang lang) {
  if (lang == Lang::en) return std::string(stored);
  if (auto args = arguments(kLeftAt.en, stored)) return render(kLeftAt, *args, lang);
  // A session's state: times, a status this version knows, whole minutes.
  if (auto args = arguments(kSessionState.en, stored);
      args && label_for_code<SessionStatus>((*args)[1]) &&
      (*args)[2].find_first_not_of("0123456789") == std::string::npos) {
    (*args)[1] = status_label((*args)[1], lang);
    return render(kSessionState, *args, lang);
  }
  return std::string(stored);
}

}  // namespace vstation::audit_text
