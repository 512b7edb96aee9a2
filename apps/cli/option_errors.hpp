#pragma once
// What is wrong with a command line, said in both languages: Boost's own messages are English
// only. Shared by the global options (main) and each command's options (dispatch).

#include <boost/program_options/errors.hpp>
#include <optional>
#include <string>

#include "vstation/domain/message.hpp"

namespace vstation::cli {

// The problem without the command's name or the pointer to --help ("the option '--out' can be
// given only once"); nullopt for a number option given something else (said by the caller).
std::optional<Text> option_problem(const boost::program_options::error& e);

// Refuses a typed value holding control characters, direction overrides or bytes that are not
// UTF-8, naming the option (descriptions and notes may hold line breaks).
void check_option_value(const std::string& name, const std::string& value);

}  // namespace vstation::cli
