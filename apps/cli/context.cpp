#include "cli/context.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <utility>

#include "vstation/domain/error.hpp"
#include "vstation/domain/text_util.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kBadLang{"--lang must be 'en' or 'zh', not '{}'",
                       "--lang 只能是“en”或“zh”，而不是“{}”"};
constexpr Msg kBadNow{"{}: {}", "{}：{}"};
constexpr Msg kEmptyDb{"--db: give a database file or a postgresql:// URL; it cannot be empty",
                       "--db：请给出数据库文件或 postgresql:// 地址，不能为空"};
constexpr Msg kControlEnv{
    "{}: the value holds a control character or a byte that is not UTF-8 ({}); "
    "set it without them",
    "{}：值中含有控制字符或非 UTF-8 字节（{}）；请去掉后再设置"};
constexpr Msg kWaiting{
    "the database is busy: another program is writing to it; waiting for it (up to {} s)",
    "数据库繁忙：另一个程序正在写入，正在等待（最多 {} 秒）"};
constexpr Msg kNoDatabase{"{}; `vstation init {}` creates one", "{}；可用“vstation init {}”新建"};

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

}  // namespace

std::optional<std::string> locale_of(const char* category) {
  for (const char* var : {"LC_ALL", category, "LANG"})
    if (auto v = env(var)) return v;
  return std::nullopt;
}

Lang choose_language(const std::optional<std::string>& flag) {
  if (flag) {
    if (*flag == "en" || *flag == "zh") return *flag == "zh" ? Lang::zh : Lang::en;
    throw UsageError(kBadLang, *flag);
  }
  if (auto locale = locale_of("LC_MESSAGES")) return lang_from_locale(*locale);
  return Lang::en;
}

std::string choose_database(const std::optional<std::string>& flag) {
  if (flag && flag->empty()) throw UsageError(kEmptyDb);
  if (flag) return *flag;
  if (auto v = env("VSTATION_DB")) {
    if (auto bad = first_forbidden(*v)) throw UsageError(kControlEnv, "VSTATION_DB", bad->shown);
    return *v;
  }
  if (auto xdg = env("XDG_DATA_HOME")) return *xdg + "/vstation/vstation.db";
  if (auto home = env("HOME")) return *home + "/.local/share/vstation/vstation.db";
  return "vstation.db";
}

Context::Context(const GlobalOptions& g, std::ostream& out, std::ostream& err)
    : lang_(choose_language(g.lang)), db_spec_(choose_database(g.db)), out_(out), err_(err) {
  auto pinned = g.now ? g.now : env("VSTATION_NOW");
  pinned_ = pinned.has_value();
  if (pinned) {
    try {
      now_ = parse_instant(*pinned, default_zone());
    } catch (const ParseError& e) {
      throw UsageError(kBadNow, g.now ? "--now" : "VSTATION_NOW", e.text());
    }
  } else {
    now_ = Instant{std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count()};
  }
}

std::function<Instant()> Context::clock() const {
  if (pinned_) return [t = now_] { return t; };
  return [] {
    return Instant{std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count()};
  };
}

Context::~Context() {
  if (!created_) return;
  db_.reset();
  try {
    store::discard_if_empty(*created_);
  } catch (const std::exception&) {
    // Leaving an empty database behind is harmless; the command's own message is what matters.
  }
}

bool Context::out_is_terminal() const {
  return &out_ == &std::cout && ::isatty(STDOUT_FILENO) == 1;
}

store::Connection& Context::db() {
  if (!db_) {
    store::OpenOptions options;
    options.create = create_;
    // Known before opening, so that a failure even while the schema is made leaves no file.
    created_ = create_ ? store::about_to_create(db_spec_) : std::nullopt;
    try {
      db_ = store::open_database(db_spec_, options);
    } catch (const store::StoreError& e) {
      // A command that only reads met no database: say how one is made.
      if (!create_ && e.fault() == store::StoreFault::missing)
        throw DataError(kNoDatabase, e.text(), store::shown_database(db_spec_));
      throw;
    }
  }
  return *db_;
}

void Context::say_waiting() {
  if (std::exchange(said_waiting_, true)) return;
  err_ << "vstation: " << tr(kWaiting, db().busy_patience().count()) << std::endl;
}

void Context::use_database(std::string spec) {
  db_.reset();
  created_.reset();
  db_spec_ = std::move(spec);
}

}  // namespace vstation::cli
