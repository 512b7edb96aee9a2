// vstation: the community volunteer service station tool. This is the one place that catches
// errors and maps them to exit codes: 0 ok, 1 data or domain error, 2 usage error.

#include <fcntl.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli/command.hpp"
#include "cli/option_errors.hpp"
#include "cli/output.hpp"
#include "cli/terminal_charset.hpp"
#include "vstation/domain/error.hpp"

namespace {

using namespace vstation;
namespace po = boost::program_options;

constexpr Msg kInternal{"internal error: {}", "内部错误：{}"};
constexpr Msg kBadGlobalValue{"a global option's value is not valid", "全局选项的值无效"};
constexpr Msg kBadGlobal{"{}; see 'vstation --help'", "{}；请参阅“vstation --help”"};

// Global options come before the command: split them off and parse them.
// A refusal of the global options themselves is said in the language --lang asks for, when it
// can be read.
std::pair<cli::GlobalOptions, std::vector<std::string>> split_globals(int argc, char** argv,
                                                                      Lang& lang) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<std::string> globals{"vstation"};
  std::size_t i = 0;
  auto is_global = [](const std::string& a) {
    for (const char* name : {"--db", "--lang", "--now"})
      if (a == name || a.starts_with(std::string(name) + "=")) return true;
    return false;
  };
  while (i < args.size() && is_global(args[i])) {
    globals.push_back(args[i]);
    if (args[i].find('=') == std::string::npos && i + 1 < args.size()) globals.push_back(args[++i]);
    ++i;
  }
  for (std::size_t k = 1; k < globals.size(); ++k) {
    std::string value = globals[k] == "--lang" && k + 1 < globals.size() ? globals[k + 1]
                        : globals[k].starts_with("--lang=")              ? globals[k].substr(7)
                                                                         : "";
    if (value == "en" || value == "zh") lang = value == "zh" ? Lang::zh : Lang::en;
  }
  po::options_description desc;
  desc.add_options()("db", po::value<std::string>())("lang", po::value<std::string>())(
      "now", po::value<std::string>());
  po::variables_map vm;
  std::vector<const char*> cargs;
  for (const auto& g : globals) cargs.push_back(g.c_str());
  try {
    po::store(po::parse_command_line(int(cargs.size()), cargs.data(), desc), vm);
  } catch (const po::error& e) {
    auto problem = cli::option_problem(e);
    throw UsageError(kBadGlobal, problem ? *problem : Text(kBadGlobalValue));
  }
  for (const auto& [name, value] : vm) cli::check_option_value(name, value.as<std::string>());
  cli::GlobalOptions g;
  if (vm.count("db")) g.db = vm["db"].as<std::string>();
  if (vm.count("lang")) g.lang = vm["lang"].as<std::string>();
  if (vm.count("now")) g.now = vm["now"].as<std::string>();
  return {g, std::vector<std::string>(args.begin() + std::ptrdiff_t(i), args.end())};
}

// A district report's pass fills a few hundred MB of arrays that live for one run; in 4 KiB
// pages each is a page fault (a fifth of a `--by volunteer` report's CPU on a virtual machine).
// glibc backs its heaps with transparent huge pages when told so by its tunable, which it reads
// only as a process starts: so the first start sets it and runs this program again, and the
// second clears it (its children keep their own). Where the program cannot be run again (no
// /proc), or the caller set tunables of their own, it runs as it is. A bulk write (an import)
// turns them off while it lasts (lib/store/src/heap_growth.cpp): its memory is touched once.
constexpr const char* kTunables = "GLIBC_TUNABLES";
constexpr const char* kHugePages = "glibc.malloc.hugetlb=1";

void start_on_huge_pages(char** argv) {
  const char* set = std::getenv(kTunables);
  if (set && std::strcmp(set, kHugePages) == 0) {
    unsetenv(kTunables);
  } else if (!set && setenv(kTunables, kHugePages, 1) == 0) {
    execv("/proc/self/exe", argv);
    unsetenv(kTunables);
  }
}

// A standard stream the caller closed (`>&-`) would be the number the next file opened takes: a
// PostgreSQL connection's socket or a document's file would then receive what is printed. Each
// closed one is opened on a stand-in first: standard input on /dev/null (nothing to read), the
// outputs on /dev/full, so that printing fails as a full disk does and is reported (a
// certificate printed to nowhere is not issued).
void stand_in_for_closed_streams() {
  for (int fd = 0; fd <= 2; ++fd)
    if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF)
      ::open(fd == 0 ? "/dev/null" : "/dev/full", fd == 0 ? O_RDONLY : O_WRONLY);
}

}  // namespace

int main(int argc, char** argv) {
  stand_in_for_closed_streams();
  start_on_huge_pages(argv);
  std::ios::sync_with_stdio(false);
  // Outside the try: the refusal printed by a catch below is converted too.
  cli::TerminalCharset terminal_charset;
  Lang lang = Lang::en;
  try {
    lang = cli::choose_language(std::nullopt);
    auto [globals, words] = split_globals(argc, argv, lang);
    lang = cli::choose_language(globals.lang);
    cli::Context ctx(globals, std::cout, std::cerr);
    int code = cli::dispatch(words, ctx);
    // Output that never arrived is a failure, not a success: said before a database this run
    // created is kept.
    if (!std::cout.flush()) throw DataError(cli::kStdoutFailed);
    if (code == 0) ctx.keep_database();
    return code;
  } catch (const Error& e) {
    std::cout.flush();
    std::cerr << "vstation: " << e.text().render(lang) << "\n";
    return int(e.code());
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "vstation: " << Text::of(kInternal, e.what()).render(lang) << "\n";
    return int(ExitCode::data);
  }
}
