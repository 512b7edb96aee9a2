#pragma once
// Errors carry localised text and the exit code the CLI maps them to (docs/design.md §4):
// 1 for data or domain errors, 2 for usage errors. Only `main` catches them.

#include <stdexcept>
#include <string>

#include "vstation/domain/message.hpp"

namespace vstation {

enum class ExitCode { ok = 0, data = 1, usage = 2 };

class Error : public std::runtime_error {
 public:
  Error(Text text, ExitCode code)
      : std::runtime_error(text.render(Lang::en)), text_(std::move(text)), code_(code) {}
  [[nodiscard]] const Text& text() const { return text_; }
  [[nodiscard]] ExitCode code() const { return code_; }

 private:
  Text text_;
  ExitCode code_;
};

// Bad data, a broken domain rule, or a database problem: exit 1.
class DataError : public Error {
 public:
  explicit DataError(Text text) : Error(std::move(text), ExitCode::data) {}
  template <class... A>
  DataError(Msg msg, A&&... args)
      : Error(Text::of(msg, std::forward<A>(args)...), ExitCode::data) {}
};

// Wrong command line: exit 2.
class UsageError : public Error {
 public:
  explicit UsageError(Text text) : Error(std::move(text), ExitCode::usage) {}
  template <class... A>
  UsageError(Msg msg, A&&... args)
      : Error(Text::of(msg, std::forward<A>(args)...), ExitCode::usage) {}
};

// A value that does not parse. Thrown by parsers without knowing where the value came from;
// callers that know (a CSV cell, an option) wrap it with the location.
class ParseError : public DataError {
 public:
  using DataError::DataError;
};

// What the system said when a file could not be written or read (an errno value), in both
// languages for the common causes (a full disk, no permission), else the C library's words.
Text system_error_text(int error);

}  // namespace vstation
