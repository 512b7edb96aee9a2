#pragma once
// Localised text: every user-facing sentence is written once in English and once in
// Chinese, next to the code that says it, and rendered in the language chosen at run time.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vstation {

enum class Lang { en, zh };

// A message in both languages. Placeholders are fmt-style `{}`.
struct Msg {
  std::string_view en;
  std::string_view zh;
  [[nodiscard]] std::string_view in(Lang lang) const { return lang == Lang::zh ? zh : en; }
};

class Text;

// One argument of a Text: plain (numbers, names, codes) or itself localised.
class TextArg {
 public:
  TextArg(std::string s) : plain_(std::move(s)) {}              // NOLINT: implicit on purpose
  TextArg(std::string_view s) : plain_(s) {}                    // NOLINT
  TextArg(const char* s) : plain_(s) {}                         // NOLINT
  TextArg(const Text& t);                                       // NOLINT
  TextArg(long long v) : plain_(std::to_string(v)) {}           // NOLINT
  TextArg(long v) : plain_(std::to_string(v)) {}                // NOLINT
  TextArg(int v) : plain_(std::to_string(v)) {}                 // NOLINT
  TextArg(unsigned v) : plain_(std::to_string(v)) {}            // NOLINT
  TextArg(unsigned long v) : plain_(std::to_string(v)) {}       // NOLINT
  TextArg(unsigned long long v) : plain_(std::to_string(v)) {}  // NOLINT
  [[nodiscard]] std::string render(Lang lang) const;

 private:
  std::string plain_;
  std::shared_ptr<const Text> localised_;
};

// A message with its arguments, renderable in either language.
class Text {
 public:
  Text() = default;
  Text(Msg msg, std::vector<TextArg> args = {}) : msg_(msg), args_(std::move(args)) {}
  template <class... A>
  static Text of(Msg msg, A&&... args) {
    return Text(msg, std::vector<TextArg>{TextArg(std::forward<A>(args))...});
  }
  [[nodiscard]] std::string render(Lang lang) const;
  // As a sentence on its own (a web page's notice): a message whose English starts with a word
  // of its own in lower case ("the roster of …", written to follow "vstation: ") starts with a
  // capital. An argument in first place (a station code) is left as it is.
  [[nodiscard]] std::string render_sentence(Lang lang) const;
  [[nodiscard]] bool empty() const { return msg_.en.empty(); }

 private:
  Msg msg_{};
  std::vector<TextArg> args_;
};

// Reads `--lang` style values and LANG/LC_ALL values: anything starting with "zh" is Chinese.
Lang lang_from_locale(std::string_view value, Lang fallback = Lang::en);

}  // namespace vstation
