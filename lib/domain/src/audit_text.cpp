#include "vstation/domain/audit_text.hpp"

#include <array>
#include <optional>
#include <vector>

#include "vstation/domain/enums.hpp"

namespace vstation::audit_text {
namespace {

// What can happen to a session (sessions history).
constexpr std::array<Msg, 9> kActions{{
    {"check_in", "签到"},
    {"check_out", "签退"},
    {"auto_close", "自动关闭"},
    {"volunteer_answer", "志愿者答复"},
    {"confirm", "确认"},
    {"fix", "修正"},
    {"reject", "驳回"},
    {"import", "导入"},
    {"add", "添加"},
}};

constexpr std::array<Msg, 9> kReasons{{kNotCheckedOut, kCheckedInAgain, kOutPastDeadline,
                                       kConfirmsEnd, kSaysLeft, kImportedAs, kAddedAs,
                                       kImportedOverdue, kAddedOverdue}};

// The arguments that make `text` out of `tmpl` (English, `{}` placeholders), or nullopt. Each
// placeholder takes the text up to the first place the literal after it follows (the last: up
// to the end), which is unambiguous for the messages here.
std::optional<std::vector<std::string>> arguments(std::string_view tmpl, std::string_view text) {
  std::vector<std::string_view> literals;
  for (std::size_t from = 0;;) {
    auto at = tmpl.find("{}", from);
    literals.push_back(tmpl.substr(from, at == std::string_view::npos ? at : at - from));
    if (at == std::string_view::npos) break;
    from = at + 2;
  }
  if (!text.starts_with(literals.front())) return std::nullopt;
  std::size_t pos = literals.front().size();
  std::vector<std::string> args;
  for (std::size_t i = 1; i < literals.size(); ++i) {
    const bool last = i + 1 == literals.size();
    std::size_t end = last ? (text.ends_with(literals[i]) && text.size() - literals[i].size() >= pos
                                  ? text.size() - literals[i].size()
                                  : std::string_view::npos)
                           : text.find(literals[i], pos);
    if (end == std::string_view::npos || end == pos) return std::nullopt;  // each says something
    args.emplace_back(text.substr(pos, end - pos));
    pos = end + literals[i].size();
  }
  if (pos != text.size()) return std::nullopt;
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

std::string reason(std::string_view stored, Lang lang) {
  if (lang == Lang::en) return std::string(stored);
  for (const auto& m : kReasons) {
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
  // A session's state: the times hold a space, so the status and minutes are read from the end.
  if (stored.ends_with(" min")) {
    std::string_view rest = stored.substr(0, stored.size() - 4);
    auto minutes_at = rest.rfind(' ');
    if (minutes_at != std::string_view::npos) {
      std::string_view minutes = rest.substr(minutes_at + 1);
      rest = rest.substr(0, minutes_at);
      auto status_at = rest.rfind(' ');
      if (status_at != std::string_view::npos && !minutes.empty() &&
          minutes.find_first_not_of("0123456789") == std::string_view::npos) {
        std::string status(rest.substr(status_at + 1));
        if (label_for_code<SessionStatus>(status))
          return render(kSessionState,
                        {std::string(rest.substr(0, status_at)), status_label(status, lang),
                         std::string(minutes)},
                        lang);
      }
    }
  }
  return std::string(stored);
}

}  // namespace vstation::audit_text
