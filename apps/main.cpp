// vstation: the community volunteer service station tool. This is the one place that catches
// errors and maps them to exit codes: 0 ok, 1 data or domain error, 2 usage error.

#include <boost/program_options.hpp>
#include <iostream>

#include "cli/command.hpp"
#include "cli/option_errors.hpp"
#include "vstation/domain/error.hpp"

namespace {

using namespace vstation;
namespace po = boost::program_options;

constexpr Msg kInternal{"internal error: {}", "内部错误：{}"};
constexpr Msg kStdoutFailed{
    "could not write the output to standard output (the disk may be full, or the reader gone)",
    "无法把结果写入标准输出（磁盘可能已满，或读取方已关闭）"};
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

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  Lang lang = Lang::en;
  try {
    lang = cli::choose_language(std::nullopt);
    auto [globals, words] = split_globals(argc, argv, lang);
    lang = cli::choose_language(globals.lang);
    cli::Context ctx(globals, std::cout, std::cerr);
    int code = cli::dispatch(words, ctx);
    // Output that never arrived is a failure, not a success: said before a database this run
    // created is kept.
    if (!std::cout.flush()) throw DataError(kStdoutFailed);
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
