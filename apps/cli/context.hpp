#pragma once
// What every command runs with: the language, the clock, the database and the output streams.

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "vstation/domain/message.hpp"
#include "vstation/domain/time.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/retry.hpp"

namespace vstation::cli {

// The zone of --now and other station-less times given without an offset.
inline const TimeZone& default_zone() {
  static const TimeZone zone;
  return zone;
}

struct GlobalOptions {
  std::optional<std::string> db;    // --db
  std::optional<std::string> lang;  // --lang
  std::optional<std::string> now;   // --now (hidden; tests pin the clock with it)
};

class Context {
 public:
  Context(const GlobalOptions& g, std::ostream& out, std::ostream& err);
  // A database this run created is removed again unless the command succeeded (keep_database)
  // or something was stored in it: a failed command leaves no file behind.
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  void keep_database() { created_.reset(); }

  [[nodiscard]] Lang lang() const { return lang_; }
  [[nodiscard]] Instant now() const { return now_; }
  // For commands that run on (a server): the pinned instant, else the wall clock at each call.
  [[nodiscard]] std::function<Instant()> clock() const;
  [[nodiscard]] const std::string& db_spec() const { return db_spec_; }
  std::ostream& out() { return out_; }
  // Whether the command's output is the process's standard output and that is a terminal.
  [[nodiscard]] bool out_is_terminal() const;
  std::ostream& err() { return err_; }

  // Opens (creating and migrating) the database on first use.
  store::Connection& db();
  // For commands that only read: a missing database is refused, not created.
  void open_existing_only() { create_ = false; }
  // Replaces the database path (the demo builds its own).
  void use_database(std::string spec);

  // Says on stderr that the command waits for another program's write (once; retry_writes).
  void say_waiting();

  [[nodiscard]] std::string tr(const Text& t) const { return t.render(lang_); }
  [[nodiscard]] std::string tr(Msg m) const { return Text(m).render(lang_); }
  template <class... A>
  [[nodiscard]] std::string tr(Msg m, A&&... a) const {
    return Text::of(m, std::forward<A>(a)...).render(lang_);
  }

 private:
  Lang lang_;
  Instant now_;
  bool pinned_ = false;
  std::string db_spec_;
  bool create_ = true;
  std::optional<store::NewDatabase> created_;
  std::unique_ptr<store::Connection> db_;
  std::ostream& out_;
  std::ostream& err_;
  bool said_waiting_ = false;
};

// One transaction of the command, retried while another program writes (as a kiosk's turn is),
// saying once on stderr that it waits rather than seeming to hang.
template <class F>
auto retry_writes(Context& ctx, F&& f) {
  return store::retry_transaction(ctx.db(), std::forward<F>(f), store::Isolation::serializable,
                                  [&ctx] { ctx.say_waiting(); });
}

// The locale the environment sets for `category` ("LC_MESSAGES", "LC_CTYPE"), as POSIX orders
// it: LC_ALL, else the category's own variable, else LANG (the first not empty).
std::optional<std::string> locale_of(const char* category);
// The language from --lang, else the locale of LC_MESSAGES; English by default.
Lang choose_language(const std::optional<std::string>& flag);
// The database from --db, else VSTATION_DB, else the per-user data directory.
std::string choose_database(const std::optional<std::string>& flag);

}  // namespace vstation::cli
