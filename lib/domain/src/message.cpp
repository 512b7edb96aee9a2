#include "vstation/domain/message.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include "vstation/domain/text_util.hpp"

namespace vstation {

TextArg::TextArg(const Text& t) : localised_(std::make_shared<const Text>(t)) {}

// A plain argument is what a person or a file supplied (a name, a code, a cell): its control
// characters are shown escaped, so a message quoting it can never move the terminal's cursor,
// change its colours or forge a line of its own.
std::string TextArg::render(Lang lang) const {
  return localised_ ? localised_->render(lang) : escape_controls(plain_);
}

std::string Text::render(Lang lang) const {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& a : args_) store.push_back(a.render(lang));
  try {
    return fmt::vformat(msg_.in(lang), store);
  } catch (const fmt::format_error&) {
    // A message with a placeholder count mismatch is a bug; show the raw text, never crash.
    return std::string(msg_.in(lang));
  }
}

Lang lang_from_locale(std::string_view value, Lang fallback) {
  if (value.starts_with("zh")) return Lang::zh;
  if (value.starts_with("en") || value == "C" || value == "POSIX" || value.starts_with("C."))
    return Lang::en;
  return fallback;
}

}  // namespace vstation
