// Walks every command in the command table: each option that takes a value is given one that
// no option accepts (a control sequence), and an option no command has. Both are command-line
// mistakes: exit code 2, one line naming what was wrong, the control sequence shown escaped,
// and nothing written.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/command.hpp"
#include "cli/option_errors.hpp"
#include "store_fixture.hpp"
#include "vstation/store/repos.hpp"

using namespace vstation;

namespace {

struct Outcome {
  int code = 0;
  std::string message;
};

Outcome run(const std::string& db, std::vector<std::string> words) {
  std::ostringstream out, err;
  cli::GlobalOptions g;
  g.db = db;
  g.now = "2023-07-03T10:00+08:00";
  try {
    cli::Context ctx(g, out, err);
    return {cli::dispatch(words, ctx), ""};
  } catch (const Error& e) {
    return {int(e.code()), e.text().render(Lang::en)};
  }
}

std::vector<std::string> words_of(const std::string& path) {
  std::vector<std::string> w;
  std::istringstream in(path);
  for (std::string s; in >> s;) w.push_back(s);
  return w;
}

// The options a command declares, as its --help would list them.
std::unique_ptr<cli::OptionSet> declared_options(const cli::Command& c, const std::string& db) {
  std::ostringstream sink;
  cli::GlobalOptions g;
  g.db = db;
  cli::Context ctx(g, sink, sink);
  auto set = std::make_unique<cli::OptionSet>("options");
  c.declare(*set, ctx);
  return set;
}

}  // namespace

TEST_CASE("every option of every command refuses a control sequence as a usage error") {
  TempDb t;
  if (t.pg) return;  // the command line is the same whatever the backend
  Station st;
  st.code = "icity";
  st.name = "I城";
  store::stations::insert(*t.db, st);
  std::size_t walked = 0;
  for (const auto& c : cli::command_table()) {
    auto set = declared_options(c, t.path);
    for (const auto& o : set->options.options()) {
      if (o->semantic()->max_tokens() == 0) continue;
      auto words = words_of(c.path);
      words.push_back("--" + o->long_name());
      words.push_back("x\x1b[2J\ny");
      CAPTURE(c.path);
      CAPTURE(o->long_name());
      auto r = run(t.path, words);
      CHECK(r.code == int(ExitCode::usage));
      CHECK(r.message.starts_with("--" + o->long_name() + ": "));
      CHECK(r.message.find('\x1b') == std::string::npos);
      CHECK(r.message.find('\n') == std::string::npos);
      ++walked;
    }
    auto words = words_of(c.path);
    words.push_back("--no-such-option");
    CAPTURE(c.path);
    auto r = run(t.path, words);
    CHECK(r.code == int(ExitCode::usage));
    CHECK(r.message.find("--no-such-option") != std::string::npos);
  }
  CHECK(walked > 100);
  // Nothing was written by any of it.
  CHECK(t.db->scalar("SELECT COUNT(*) FROM audit") == 0);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM volunteers") == 0);
}

TEST_CASE("every value option of every command: missing, or given twice, is a usage error said in both languages") {
  TempDb t;
  if (t.pg) return;
  std::size_t walked = 0;
  for (const auto& c : cli::command_table()) {
    auto set = declared_options(c, t.path);
    for (const auto& o : set->options.options()) {
      if (o->semantic()->max_tokens() != 1 || o->semantic()->is_composing()) continue;
      CAPTURE(c.path);
      CAPTURE(o->long_name());
      std::string name = "--" + o->long_name();
      auto missing = words_of(c.path);
      missing.push_back(name);
      auto r = run(t.path, missing);
      CHECK(r.code == int(ExitCode::usage));
      CHECK(r.message.find("the option '" + name + "' needs a value") != std::string::npos);
      auto twice = words_of(c.path);
      for (int i = 0; i < 2; ++i) {
        twice.push_back(name);
        twice.push_back("1");
      }
      r = run(t.path, twice);
      CHECK(r.code == int(ExitCode::usage));
      CHECK(r.message.find("the option '" + name + "' can be given only once") != std::string::npos);
      ++walked;
    }
  }
  CHECK(walked > 100);
  CHECK(t.db->scalar("SELECT COUNT(*) FROM audit") == 0);
}

TEST_CASE("Boost's option errors are said in Chinese too, never in Boost's English") {
  namespace po = boost::program_options;
  auto zh = [](const po::error& e) { return cli::option_problem(e)->render(Lang::zh); };
  CHECK(zh(po::multiple_occurrences()).find("只能给出一次") != std::string::npos);
  CHECK(zh(po::invalid_command_line_syntax(po::invalid_syntax::missing_parameter, "--db")) ==
        "选项“--db”需要一个值");
  CHECK(zh(po::invalid_command_line_syntax(po::invalid_syntax::extra_parameter, "--bom")) ==
        "选项“--bom”不接受值");
  CHECK(zh(po::ambiguous_option({"format", "from"})).find("“--format”或“--from”") !=
        std::string::npos);
  CHECK_FALSE(cli::option_problem(po::invalid_option_value("x")));
}

// Every command path in the command table is exercised by at least one golden case: a case's
// command line ("$ vstation [global options] PATH ...", also after a pipe or `;`) names it.
TEST_CASE("every command in the command table has a golden case") {
  namespace fs = std::filesystem;
  fs::path tests = fs::path(__FILE__).parent_path().parent_path();
  std::vector<std::string> commands;
  for (const auto& dir : {tests / "cli" / "cases", tests / "hostile" / "cases"})
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);)
        if (line.starts_with("$ ")) commands.push_back(line);
    }
  REQUIRE(commands.size() > 300);
  // "vstation", then global options with their values, then the words of the path.
  auto names = [](const std::string& line, const std::string& path) {
    std::istringstream in(line);
    std::vector<std::string> w;
    for (std::string s; in >> s;) w.push_back(s);
    auto want = words_of(path);
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (w[i] != "vstation") continue;
      std::size_t j = i + 1;
      while (j < w.size() && (w[j] == "--db" || w[j] == "--lang" || w[j] == "--now")) j += 2;
      while (j < w.size() && (w[j].starts_with("--db=") || w[j].starts_with("--lang="))) ++j;
      if (j + want.size() <= w.size() && std::equal(want.begin(), want.end(), w.begin() + long(j)))
        return true;
    }
    return false;
  };
  std::vector<std::string> missing;
  for (const auto& c : cli::command_table()) {
    bool found = std::any_of(commands.begin(), commands.end(),
                             [&](const std::string& line) { return names(line, c.path); });
    if (!found) missing.push_back(c.path);
  }
  CAPTURE(missing.size());
  for (const auto& m : missing) MESSAGE("no golden case runs `vstation " << m << "`");
  CHECK(missing.empty());
}
