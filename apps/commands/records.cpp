// The record commands: for every record kind, `KIND add`, `KIND list` and, where the kind
// has a key, `KIND show`, `KIND edit` and `KIND retire`. Options come from the kind's columns,
// so a column added to a kind appears here, in import and in export at once.

#include "vstation/store/records.hpp"

#include "cli/command.hpp"
#include "cli/coordinator.hpp"
#include "cli/roster_edit.hpp"
#include "cli/list_filter_args.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/text/table.hpp"

namespace vstation::cli {
namespace {

constexpr Msg kAdd{"add: {}", "添加{}"};
constexpr Msg kList{"list {}", "列出{}"};
constexpr Msg kShow{"show: {}", "显示{}"};
constexpr Msg kEdit{"change: {}", "修改{}"};
constexpr Msg kRetire{"retire: {} (kept in history)", "停用{}（历史记录保留）"};
constexpr Msg kRemove{"retire: {} (removed)", "删除{}"};
constexpr Msg kAdded{"added {} {}", "已添加{} {}"};
constexpr Msg kAddedNoKey{"added 1 {}", "已添加 1 条{}"};
constexpr Msg kChanged{"changed {} {}", "已修改{} {}"};
constexpr Msg kUnchanged{"{} {} already has these values: nothing changed",
                         "{}{}已是这些值：未作修改"};
constexpr Msg kRetired{"retired {} {}", "已停用{} {}"};
constexpr Msg kAlreadyRetired{"{} {} was retired already; nothing was changed",
                              "{} {} 此前已停用，未作改动"};
constexpr Msg kNothingToChange{"nothing to change: give at least one option",
                               "没有要修改的内容：请至少给出一个选项"};
constexpr Msg kAtOption{"--{}: {}", "--{}：{}"};
constexpr Msg kReveal{
    "show phone and ID numbers unmasked (asks for the coordinator's PIN on standard input; "
    "audited)",
    "显示完整的手机号和证件号（需从标准输入提供站长 PIN 码；留审计记录）"};
constexpr Msg kKeyArg{"KEY", "键"};
constexpr Msg kNone{"", ""};
constexpr Msg kHeld{
    "it was checked out past its deadline: kept as a forgotten check-out, credited "
    "nothing until reviewed (vstation sessions review)",
    "其签退已超过时限：按忘记签退保留，审核前不计时长（vstation sessions review）"};

std::string option_name(std::string_view column) {
  std::string s(column);
  for (auto& c : s)
    if (c == '_') c = '-';
  return s;
}

void declare_columns(OptionSet& set, const store::RecordKind& kind, const Context& ctx,
                     bool with_key) {
  for (const auto& c : kind.columns()) {
    // A key nobody gives (a shift's number) is assigned as the record is added, and a computed
    // column worked out: no option.
    if ((c.key && (!with_key || !c.required)) || c.computed) continue;
    std::string help = ctx.tr(c.help) + (c.required && with_key ? " *" : "");
    set.options.add_options()(option_name(c.name).c_str(), po::value<std::string>(), help.c_str());
  }
}

void declare_key(OptionSet& set) {
  set.options.add_options()("key", po::value<std::string>()->required(), "");
  set.positional.add("key", 1);
}

// The option values, as cells in the kind's column order.
store::RecordKind::Cells cells_from(const po::variables_map& vm, const store::RecordKind& kind) {
  store::RecordKind::Cells cells;
  for (const auto& c : kind.columns()) {
    auto name = option_name(c.name);
    cells.push_back(vm.count(name) ? std::optional<std::string>(vm[name].as<std::string>())
                                   : std::nullopt);
  }
  return cells;
}

// A FieldError on the command line names the option.
template <class F>
void with_option_errors(F&& f) {
  try {
    f();
  } catch (const store::FieldError& e) {
    // A value that does not parse is a command-line mistake (exit 2); one the records refuse is
    // the data's answer (exit 1).
    if (e.malformed()) throw UsageError(kAtOption, option_name(e.column()), e.text());
    throw DataError(kAtOption, option_name(e.column()), e.text());
  }
}

struct RecordArgs {
  store::RecordKind::Cells cells;
  std::string key;
  bool reveal = false;
  std::optional<std::string> reason;  // --force --reason
  ListFilterArgs filters;            // list
  std::vector<std::string> options;  // retire: the kind's switches given
};

RecordArgs parse_record_args(const po::variables_map& vm, const store::RecordKind& kind) {
  RecordArgs a;
  a.cells = cells_from(vm, kind);
  if (vm.count("key")) a.key = vm["key"].as<std::string>();
  a.reveal = vm.count("reveal") > 0;
  if (kind.overridable()) a.reason = parse_force(vm);
  return a;
}

void declare_retire_options(OptionSet& set, const store::RecordKind& kind, const Context& ctx) {
  for (const auto& o : kind.retire_options())
    set.options.add_options()(std::string(o.name).c_str(), ctx.tr(o.help).c_str());
}

// Sessions are one command group, `sessions …`: their `add` comes from here, their `list` (with
// filters and numbers) and the review commands have files of their own.
bool own_list(const store::RecordKind& kind) {
  return kind.name() == "sessions";
}

void add_kind_commands(std::vector<Command>& out, const store::RecordKind& kind) {
  const store::RecordKind* k = &kind;
  std::string word(own_list(kind) ? kind.name() : kind.singular());
  // Summaries are built once per kind; the Msg strings must outlive the table.
  auto msg = [](Msg pattern, Msg title) {
    static std::vector<std::unique_ptr<std::pair<std::string, std::string>>> keep;
    keep.push_back(std::make_unique<std::pair<std::string, std::string>>(
        Text::of(pattern, std::string(title.en)).render(Lang::en),
        Text::of(pattern, std::string(title.zh)).render(Lang::zh)));
    return Msg{keep.back()->first, keep.back()->second};
  };

  out.push_back(make_command<RecordArgs>(
      word + " add", msg(kAdd, kind.noun()), kNone,
      [k](OptionSet& s, const Context& ctx) {
        declare_columns(s, *k, ctx, true);
        if (k->overridable()) declare_force(s, ctx);
      },
      [k](const po::variables_map& vm, const Context&) { return parse_record_args(vm, *k); },
      [k](const RecordArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Transaction tx(db);
        store::Lookup lookup(db);
        lookup.set_override(override_of(a.reason, ctx));
        lookup.set_author(ctx.now(), store::Lookup::Via::command);
        store::Added added = store::Added::as_given;
        with_option_errors([&] { added = k->add(db, lookup, a.cells); });
        tx.commit();
        std::string key;
        for (std::size_t i = 0; i < k->columns().size(); ++i)
          if (k->columns()[i].key && a.cells[i]) key = *a.cells[i];
        ctx.out() << (key.empty() ? ctx.tr(kAddedNoKey, Text(k->noun()))
                                  : ctx.tr(kAdded, Text(k->noun()), key))
                  << "\n";
        if (added == store::Added::held_for_review) ctx.out() << ctx.tr(kHeld) << "\n";
        return 0;
      }));

  if (!own_list(kind)) {
    out.push_back(reading(make_command<RecordArgs>(
        word + " list", msg(kList, kind.title()), kNone,
        [k](OptionSet& s, const Context& ctx) {
          declare_list_filters(s, ctx, k->filters());
          s.options.add_options()("reveal", ctx.tr(kReveal).c_str());
        },
        [k](const po::variables_map& vm, const Context& ctx) {
          auto a = parse_record_args(vm, *k);
          a.filters = parse_list_filters(vm, ctx, k->filters());
          return a;
        },
        [k, word](const RecordArgs& a, Context& ctx) {
          store::Lookup lookup(ctx.db());
          // Unknown codes are refused before the PIN is asked for.
          auto filter = resolve_list_filter(a.filters, lookup);
          if (a.reveal) authorize_reveal(ctx, word + " list --reveal");
          auto rows = k->rows(ctx.db(), lookup, {a.reveal, ctx.lang()}, filter);
          std::vector<std::string> headers;
          for (const auto& c : k->columns())
            headers.emplace_back(ctx.lang() == Lang::zh ? c.name_zh : c.name);
          if (rows.empty()) {
            ctx.err() << nothing_listed(ctx, a.filters, Text(k->title()), Text(k->noun())) << "\n";
            return 0;
          }
          text::Table t(headers);
          for (auto& r : rows) t.add(std::move(r));
          ctx.out() << t.render();
          return 0;
        })));
  }

  if (!kind.editable()) return;

  out.push_back(reading(make_command<RecordArgs>(
      word + " show", msg(kShow, kind.noun()), kKeyArg,
      [](OptionSet& s, const Context& ctx) {
        declare_key(s);
        s.options.add_options()("reveal", ctx.tr(kReveal).c_str());
      },
      [k](const po::variables_map& vm, const Context&) { return parse_record_args(vm, *k); },
      [k, word](const RecordArgs& a, Context& ctx) {
        if (a.reveal) authorize_reveal(ctx, word + " show " + a.key + " --reveal");
        store::Lookup lookup(ctx.db());
        auto row = k->row(ctx.db(), lookup, a.key, {a.reveal, ctx.lang()});
        std::size_t width = 0;
        for (const auto& c : k->columns())
          width = std::max(width, text::display_width(ctx.lang() == Lang::zh ? c.name_zh : c.name));
        for (std::size_t i = 0; i < row.size(); ++i) {
          const auto& c = k->columns()[i];
          std::string label = ctx.lang() == Lang::zh ? std::string(c.name_zh) : std::string(c.name);
          // Stored text is shown escaped: a value can never move the cursor or forge a line.
          std::string value = escape_controls(row[i]);
          ctx.out() << (value.empty() ? label : text::pad(label, width) + "  " + value) << "\n";
        }
        return 0;
      })));

  out.push_back(make_command<RecordArgs>(
      word + " edit", msg(kEdit, kind.noun()), kKeyArg,
      [k](OptionSet& s, const Context& ctx) {
        declare_key(s);
        declare_columns(s, *k, ctx, false);
      },
      [k](const po::variables_map& vm, const Context&) {
        auto a = parse_record_args(vm, *k);
        bool any = std::any_of(a.cells.begin(), a.cells.end(),
                               [](const auto& c) { return c.has_value(); });
        if (!any) throw UsageError(kNothingToChange);
        return a;
      },
      [k](const RecordArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Transaction tx(db);
        store::Lookup lookup(db);
        lookup.set_author(ctx.now(), store::Lookup::Via::command);
        bool changed = false;
        with_option_errors([&] { changed = k->edit(db, lookup, a.key, a.cells); });
        tx.commit();
        ctx.out() << ctx.tr(changed ? kChanged : kUnchanged, Text(k->noun()), a.key) << "\n";
        return 0;
      }));

  if (!kind.retirable()) return;  // skills stay: certifications refer to them
  out.push_back(make_command<RecordArgs>(
      word + " retire", msg(kind.retire_removes() ? kRemove : kRetire, kind.noun()), kKeyArg,
      [k](OptionSet& s, const Context& ctx) {
        declare_key(s);
        declare_retire_options(s, *k, ctx);
      },
      [k](const po::variables_map& vm, const Context&) {
        auto a = parse_record_args(vm, *k);
        for (const auto& o : k->retire_options())
          if (vm.count(std::string(o.name))) a.options.emplace_back(o.name);
        return a;
      },
      [k](const RecordArgs& a, Context& ctx) {
        auto& db = ctx.db();
        store::Transaction tx(db);
        store::Lookup lookup(db);
        lookup.set_author(ctx.now(), store::Lookup::Via::command);
        auto retired = k->retire(db, lookup, a.key, {ctx.now(), a.options});
        tx.commit();
        ctx.out() << ctx.tr(retired.already ? kAlreadyRetired : kRetired, Text(k->noun()), a.key)
                  << "\n";
        for (const auto& n : retired.notes) ctx.out() << ctx.tr(n) << "\n";
        return 0;
      }));
}

}  // namespace

void register_records(std::vector<Command>& out) {
  for (const auto& kind : store::record_kinds()) add_kind_commands(out, *kind);
}

}  // namespace vstation::cli
