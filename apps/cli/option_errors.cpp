#include "cli/option_errors.hpp"

#include <boost/program_options/errors.hpp>

#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"

namespace vstation::cli {
namespace {

namespace po = boost::program_options;

constexpr Msg kUnknownOption{"unknown option '{}'", "未知选项“{}”"};
constexpr Msg kTooManyArgs{"too many arguments", "参数过多"};
constexpr Msg kRequiredOption{"the option '{}' is required", "必须给出选项“{}”"};
constexpr Msg kNeedsValue{"the option '{}' needs a value", "选项“{}”需要一个值"};
constexpr Msg kTakesNoValue{"the option '{}' does not take a value", "选项“{}”不接受值"};
constexpr Msg kOnlyOnce{"the option '{}' can be given only once", "选项“{}”只能给出一次"};
constexpr Msg kAmbiguous{"the option '{}' is ambiguous: it could be {}", "选项“{}”有歧义，可指{}"};
constexpr Msg kQuoted{"'{}'", "“{}”"};
constexpr Msg kOr{"{} or {}", "{}或{}"};
constexpr Msg kSyntax{"the command line is not well formed ({})", "命令行格式有误（{}）"};
constexpr Msg kControlValue{
    "--{}: the value holds a control character ({}); type it without line "
    "breaks, tabs, escape codes or direction overrides",
    "--{}：值中含有控制字符（{}）；请勿输入换行、制表符、转义码或文字方向控制符"};
constexpr Msg kNotUtf8Value{"--{}: the value is not UTF-8 text ({}); type it in a UTF-8 terminal",
                            "--{}：值不是 UTF-8 文本（{}）；请在 UTF-8 终端中输入"};

// The option as it is typed: "--out" (Boost leaves the dashes off some of its names).
std::string dashed(std::string name) { return name.starts_with("-") ? name : "--" + name; }

// "'--format' or '--from'", each alternative quoted as the language quotes.
Text alternatives(const std::vector<std::string>& names) {
  auto quoted = [](const std::string& n) { return Text::of(kQuoted, dashed(n)); };
  Text all = quoted(names.empty() ? std::string() : names.front());
  for (std::size_t i = 1; i < names.size(); ++i) all = Text::of(kOr, all, quoted(names[i]));
  return all;
}

}  // namespace

std::optional<Text> option_problem(const po::error& e) {
  if (const auto* u = dynamic_cast<const po::unknown_option*>(&e))
    return Text::of(kUnknownOption, dashed(u->get_option_name()));
  if (dynamic_cast<const po::too_many_positional_options_error*>(&e)) return Text(kTooManyArgs);
  if (const auto* r = dynamic_cast<const po::required_option*>(&e))
    return Text::of(kRequiredOption, dashed(r->get_option_name()));
  if (const auto* m = dynamic_cast<const po::multiple_occurrences*>(&e))
    return Text::of(kOnlyOnce, dashed(m->get_option_name()));
  if (const auto* a = dynamic_cast<const po::ambiguous_option*>(&e))
    return Text::of(kAmbiguous, dashed(a->get_option_name()), alternatives(a->alternatives()));
  if (const auto* s = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    switch (s->kind()) {
      case po::invalid_syntax::missing_parameter:
      case po::invalid_syntax::empty_adjacent_parameter:
        return Text::of(kNeedsValue, dashed(s->get_option_name()));
      case po::invalid_syntax::extra_parameter:
        return Text::of(kTakesNoValue, dashed(s->get_option_name()));
      default:
        return Text::of(kSyntax, escape_controls(e.what()));
    }
  }
  if (const auto* v = dynamic_cast<const po::validation_error*>(&e);
      v && v->kind() == po::validation_error::invalid_option_value)
    return std::nullopt;
  return Text::of(kSyntax, escape_controls(e.what()));
}

void check_option_value(const std::string& name, const std::string& value) {
  std::string checked = value;
  if (name == "description" || name == "note")
    for (auto& c : checked)
      if (c == '\n') c = ' ';
  if (auto bad = first_forbidden(checked))
    throw UsageError(bad->not_utf8 ? kNotUtf8Value : kControlValue, name, bad->shown);
}

}  // namespace vstation::cli
