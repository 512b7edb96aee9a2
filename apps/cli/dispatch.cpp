#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "cli/command.hpp"
#include "cli/option_errors.hpp"
#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/text/width.hpp"
#include "vstation/text/wrap.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kUsage{"Usage: vstation [--db FILE] [--lang en|zh] COMMAND [ARGS]",
                     "用法：vstation [--db 文件] [--lang en|zh] 命令 [参数]"};
constexpr Msg kCommands{"Commands:", "命令："};
constexpr Msg kGlobal{"Global options (before the command):", "全局选项（写在命令之前）："};
// The global options: the name as written, then what it does.
constexpr std::pair<Msg, Msg> kGlobalOptions[] = {
    {{"--db FILE", "--db 文件"},
     {"database file or postgresql:// URL (default: $VSTATION_DB, else "
      "~/.local/share/vstation/vstation.db)",
      "数据库文件或 postgresql:// 地址（默认：$VSTATION_DB，否则 "
      "~/.local/share/vstation/vstation.db）"}},
    {{"--lang en|zh", "--lang en|zh"},
     {"language of messages and reports (default: from LANG)",
      "消息和报表的语言（默认取自 LANG）"}},
    {{"--now TIME", "--now 时间"},
     {"pin the clock, for tests and back-dated entries (also $VSTATION_NOW)",
      "固定当前时间，用于测试和补录（也可用 $VSTATION_NOW）"}},
    {{"--help", "--help"},
     {"this help; 'vstation COMMAND --help' for a command's options",
      "显示本帮助；“vstation 命令 --help”显示该命令的选项"}},
};
constexpr Msg kUnknown{"unknown command '{}'; see 'vstation --help'",
                       "未知命令“{}”；请参阅“vstation --help”"};
constexpr Msg kIncomplete{"'{}' needs a subcommand: {}", "“{}”需要子命令：{}"};
constexpr Msg kUnknownSub{"unknown subcommand '{} {}'; choose one of: {}",
                          "未知子命令“{} {}”；可选：{}"};
constexpr Msg kNotANumber{"{}: the value is not a whole number; see 'vstation {} --help'",
                          "{}：该值不是整数；请参阅“vstation {} --help”"};
constexpr Msg kBadArgs{"{}: {}; see 'vstation {} --help'", "{}：{}；请参阅“vstation {} --help”"};
constexpr Msg kMissingArg{"{}: the {} argument is missing; see 'vstation {} --help'",
                          "{}：缺少参数“{}”；请参阅“vstation {} --help”"};
constexpr Msg kCommandUsage{"Usage: vstation {} [options] {}", "用法：vstation {} [选项] {}"};
constexpr Msg kOptions{"Options", "选项"};
constexpr Msg kHelpOption{"show this help", "显示本帮助"};

std::vector<std::string> words_of(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(path);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool starts_with(const std::vector<std::string>& words, const std::vector<std::string>& prefix) {
  if (prefix.size() > words.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), words.begin());
}

constexpr std::size_t kLineWidth = 80;

// Rows of "  name  text", the text wrapped by display width at Unicode line breaks (Boost
// wraps by bytes and can split a Chinese character); a name wider than `max_name` columns
// puts its text on the next line.
std::string two_columns(const std::vector<std::pair<std::string, std::string>>& rows,
                        std::size_t max_name = 24) {
  std::size_t name_width = 0;
  for (const auto& row : rows)
    if (text::display_width(row.first) <= max_name)
      name_width = std::max(name_width, text::display_width(row.first));
  std::string out;
  std::string indent(2 + name_width + 2, ' ');
  for (const auto& [name, description] : rows) {
    auto lines = text::wrap(description, kLineWidth - indent.size());
    bool fits = text::display_width(name) <= name_width;
    out += "  " + (fits ? text::pad(name, name_width + 2) : name + "\n" + indent);
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? indent : "") + lines[i] + "\n";
  }
  return out;
}

std::string command_list(Lang lang, const std::string& group) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& c : command_table())
    if (!c.hidden && c.path.starts_with(group))
      rows.emplace_back(c.path, std::string(c.summary.in(lang)));
  return two_columns(rows);
}

// Positional arguments, which have no description, are named in the usage line instead.
std::string option_list(const OptionSet& set) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& o : set.options.options()) {
    if (o->description().empty()) continue;
    std::string name = o->format_name();
    if (auto p = o->format_parameter(); !p.empty()) name += " " + p;
    rows.emplace_back(std::move(name), o->description());
  }
  return two_columns(rows);
}

// A summary longer than a line wraps like the rest.
std::string wrapped(std::string_view s) {
  std::string out;
  for (const auto& line : text::wrap(s, kLineWidth)) out += line + "\n";
  return out;
}

std::string command_help(const Command& c, const OptionSet& set, Lang lang) {
  std::string usage =
      Text::of(kCommandUsage, c.path, std::string(c.usage_args.in(lang))).render(lang);
  while (usage.ends_with(' ')) usage.pop_back();  // no arguments after [options]
  return usage + "\n" + wrapped(c.summary.in(lang)) + "\n" + Text(kOptions).render(lang) +
         (lang == Lang::zh ? "：\n" : ":\n") + option_list(set);
}

// The name of the i-th positional argument as the usage line writes it ("FILE" / "文件").
std::string argument_name(const Command& c, const std::string& name, unsigned i, Lang lang) {
  auto words = words_of(std::string(c.usage_args.in(lang)));
  if (i < words.size() && !words[i].starts_with("-")) return words[i];
  std::string upper = name;
  for (auto& ch : upper) ch = char(std::toupper(static_cast<unsigned char>(ch)));
  return upper;
}

// A missing positional argument is named as the usage line writes it, not as an option.
void check_positionals(const Command& c, const OptionSet& set, const po::variables_map& vm,
                       Lang lang) {
  unsigned n = std::min(set.positional.max_total_count(), 16u);
  for (unsigned i = 0; i < n; ++i) {
    const auto& name = set.positional.name_for_position(i);
    const auto* opt = set.options.find_nothrow(name, false);
    if (!vm.count(name) && opt && opt->semantic()->is_required())
      throw UsageError(kMissingArg, c.path, argument_name(c, name, i, lang), c.path);
  }
}

// No value typed on the command line may hold control characters: refused before anything else.
void check_values(const po::variables_map& vm) {
  for (const auto& [name, value] : vm) {
    if (const auto* text = boost::any_cast<std::string>(&value.value()))
      check_option_value(name, *text);
    if (const auto* list = boost::any_cast<std::vector<std::string>>(&value.value()))
      for (const auto& item : *list) check_option_value(name, item);
  }
}

UsageError usage_error(const Command& c, const po::error& e) {
  if (auto problem = option_problem(e)) return {kBadArgs, c.path, *problem, c.path};
  // A number option given something else; the value itself is not repeated (it may be anything).
  return {kNotANumber, dynamic_cast<const po::validation_error&>(e).get_option_name(), c.path};
}

}  // namespace

std::string top_help(Lang lang) {
  std::vector<std::pair<std::string, std::string>> global;
  for (const auto& [name, what] : kGlobalOptions)
    global.emplace_back(std::string(name.in(lang)), std::string(what.in(lang)));
  return Text(kUsage).render(lang) + "\n\n" + Text(kCommands).render(lang) + "\n" +
         command_list(lang, "") + "\n" + Text(kGlobal).render(lang) + "\n" + two_columns(global);
}

int dispatch(const std::vector<std::string>& words, Context& ctx) {
  if (words.empty() || words.front() == "--help" || words.front() == "-h" ||
      words.front() == "help") {
    ctx.out() << top_help(ctx.lang());
    return words.empty() ? int(ExitCode::usage) : 0;
  }
  // The command whose words are the longest prefix of what was typed.
  const Command* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& c : command_table()) {
    auto w = words_of(c.path);
    if (starts_with(words, w) && w.size() > best_len) {
      best = &c;
      best_len = w.size();
    }
  }
  if (!best) {
    // A group word ("volunteer") without its verb: list the group.
    bool group = false;
    for (const auto& c : command_table())
      if (c.path.starts_with(words.front() + " ")) group = true;
    if (group) {
      bool help = words.size() > 1 && (words[1] == "--help" || words[1] == "-h");
      if (help) {
        ctx.out() << command_list(ctx.lang(), words.front() + " ");
        return 0;
      }
      std::string verbs;
      for (const auto& c : command_table())
        if (!c.hidden && c.path.starts_with(words.front() + " "))
          verbs += (verbs.empty() ? "" : ", ") + c.path.substr(words.front().size() + 1);
      bool typed = words.size() > 1 && !words[1].starts_with("-");
      if (typed) throw UsageError(kUnknownSub, words.front(), words[1], verbs);
      throw UsageError(kIncomplete, words.front(), verbs);
    }
    throw UsageError(kUnknown, words.front());
  }

  std::vector<std::string> rest(words.begin() + std::ptrdiff_t(best_len), words.end());
  OptionSet set(ctx.tr(kOptions));
  set.options.add_options()("help,h", ctx.tr(kHelpOption).c_str());
  best->declare(set, ctx);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(rest).options(set.options).positional(set.positional).run(),
              vm);
    check_values(vm);
    if (vm.count("help")) {
      ctx.out() << command_help(*best, set, ctx.lang());
      return 0;
    }
    check_positionals(*best, set, vm, ctx.lang());
    po::notify(vm);
  } catch (const po::error& e) {
    throw usage_error(*best, e);
  }
  if (best->reads_only) ctx.open_existing_only();
  return best->run(vm, ctx);
}

}  // namespace vstation::cli
