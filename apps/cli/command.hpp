#pragma once
// A command: its words ("volunteer add"), a one-line summary in both languages, how its
// arguments are declared and parsed, and how it runs. Parsing yields a plain Args value;
// running takes that value, so the two stay separate.

#include <boost/program_options.hpp>
#include <functional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "vstation/domain/error.hpp"

namespace vstation::cli {

namespace po = boost::program_options;

struct OptionSet {
  po::options_description options;
  po::positional_options_description positional;
  explicit OptionSet(const std::string& caption) : options(caption) {}
};

struct Command {
  std::string path;  // "volunteer add"
  Msg summary;
  Msg usage_args;  // what follows the words, e.g. "KIND FILE" (may be empty)
  std::function<void(OptionSet&, const Context&)> declare;
  std::function<int(const po::variables_map&, Context&)> run;
  bool hidden = false;
  // Only reads: a missing database is an error, never created (nor its folder).
  bool reads_only = false;
};

// The command, marked as one that only reads.
inline Command reading(Command c) {
  c.reads_only = true;
  return c;
}

// Parsing sees only the command line (never the database), so a value it cannot read is the
// command line's fault: exit 2, whatever the parser threw (one rule, docs/security.md).
template <class Parse>
auto parse_command_line(const Parse& parse, const po::variables_map& vm, const Context& ctx) {
  try {
    return parse(vm, ctx);
  } catch (const ParseError& e) {
    throw UsageError(e.text());
  }
}

// Builds a Command from a typed Args parser and runner.
template <class Args>
Command make_command(std::string path, Msg summary, Msg usage_args,
                     std::function<void(OptionSet&, const Context&)> declare,
                     std::function<Args(const po::variables_map&, const Context&)> parse,
                     std::function<int(const Args&, Context&)> run) {
  return Command{
      std::move(path), summary, usage_args, std::move(declare),
      [parse = std::move(parse), run = std::move(run)](const po::variables_map& vm, Context& ctx) {
        return run(parse_command_line(parse, vm, ctx), ctx);
      }};
}

// Every command, in the order --help lists them.
const std::vector<Command>& command_table();

// Per-file registration functions, called by the table.
void register_demo(std::vector<Command>& out);
void register_init(std::vector<Command>& out);
void register_import(std::vector<Command>& out);
void register_export(std::vector<Command>& out);
void register_records(std::vector<Command>& out);
void register_template_skip(std::vector<Command>& out);
void register_template_unskip(std::vector<Command>& out);
void register_template_skips(std::vector<Command>& out);
void register_checkin(std::vector<Command>& out);
void register_checkout(std::vector<Command>& out);
void register_sessions_list(std::vector<Command>& out);
void register_sessions_review(std::vector<Command>& out);
void register_sessions_confirm(std::vector<Command>& out);
void register_sessions_fix(std::vector<Command>& out);
void register_sessions_reject(std::vector<Command>& out);
void register_sessions_history(std::vector<Command>& out);
void register_kiosk(std::vector<Command>& out);
void register_pin(std::vector<Command>& out);
void register_badge(std::vector<Command>& out);
void register_roster_build(std::vector<Command>& out);
void register_roster_show(std::vector<Command>& out);
void register_roster_bench(std::vector<Command>& out);
void register_roster_assign(std::vector<Command>& out);
void register_roster_unassign(std::vector<Command>& out);
void register_roster_pin(std::vector<Command>& out);
void register_roster_return(std::vector<Command>& out);
void register_roster_publish(std::vector<Command>& out);
void register_serve(std::vector<Command>& out);
void register_device_pair(std::vector<Command>& out);
void register_device_list(std::vector<Command>& out);
void register_device_revoke(std::vector<Command>& out);
void register_roster_repair(std::vector<Command>& out);
void register_report(std::vector<Command>& out);
void register_certificate(std::vector<Command>& out);
void register_certificate_verify(std::vector<Command>& out);
void register_certificate_list(std::vector<Command>& out);
void register_import_aggregates(std::vector<Command>& out);
void register_migrate(std::vector<Command>& out);
void register_recount(std::vector<Command>& out);
void register_maintenance(std::vector<Command>& out);
void register_privacy(std::vector<Command>& out);
void register_station_public_url(std::vector<Command>& out);
void register_user_add(std::vector<Command>& out);
void register_user_list(std::vector<Command>& out);
void register_user_retire(std::vector<Command>& out);
void register_user_reset(std::vector<Command>& out);

// Runs argv after the global options; returns the exit code.
int dispatch(const std::vector<std::string>& words, Context& ctx);
// The top-level help text.
std::string top_help(Lang lang);

// Option helpers shared by commands.
template <class T>
std::optional<T> opt(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return std::nullopt;
  return vm[name].as<T>();
}

}  // namespace vstation::cli
