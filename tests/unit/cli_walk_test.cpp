// Walks every command in the command table: each option that takes a value is given one that
// no option accepts (a control sequence), and an option no command has. Both are command-line
// mistakes: exit code 2, one line naming what was wrong, the control sequence shown escaped,
// and nothing written.

#include <doctest/doctest.h>

#include <sstream>

#include "cli/command.hpp"
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
    std::ostringstream sink;
    cli::GlobalOptions g;
    g.db = t.path;
    cli::Context ctx(g, sink, sink);
    cli::OptionSet set("options");
    c.declare(set, ctx);
    for (const auto& o : set.options.options()) {
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
