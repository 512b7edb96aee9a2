#pragma once
// Record kinds: one description per kind of record (stations, volunteers, …) naming its
// columns in both languages and how each is read from and written as text. The same
// description drives CSV import and export and the CLI's add / edit / list / show, so a
// column is defined once.

#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/domain/enums.hpp"
#include "vstation/domain/message.hpp"
#include "vstation/domain/time.hpp"
#include "vstation/store/assignment_policy.hpp"
#include "vstation/store/db.hpp"
#include "vstation/store/list_filter.hpp"

namespace vstation::store {

class Lookup;

struct ColumnSpec {
  std::string_view name;     // English header and CLI option: "join_date"
  std::string_view name_zh;  // Chinese header: "加入日期"
  Msg help;
  bool required = false;     // must be given when adding
  bool key = false;          // identifies the record; shown first, not editable
  bool sensitive = false;    // masked in output unless revealed (phone, ID number)
  // For a column of codes (a status, yes/no): the label people read for a code. Import takes
  // codes and labels alike, so a table of labels can be typed back in.
  std::optional<Msg> (*value_label)(std::string_view code) = nullptr;
  // Or the whole cell as people read it in a language (a set of weekdays: 周一至周五、周日).
  std::string (*value_text)(std::string_view code, Lang lang) = nullptr;
  // Worked out from the other columns (a session's credited minutes): listed and exported, never
  // taken: no option of `add` or `edit`, and a file's cell is ignored (an export imports back).
  bool computed = false;
};

// What a column's text may be (docs/csv-formats.md, "Text"): keys (codes, volunteer numbers) at
// most 32 characters; descriptions and notes 2,000, with line breaks; lists of volunteer numbers
// 2,000; locations and topics 200; everything else 100.
struct TextLimits {
  std::size_t max_chars = 100;
  bool line_breaks = false;
};
TextLimits text_limits(const ColumnSpec& column);
// Every text a record holds: within its limits, no control characters (but line breaks where
// allowed), no bidirectional overrides, valid UTF-8. The FieldError names the column.
void check_text(const ColumnSpec& column, std::string_view value);

// A value that failed a column's rules. Callers add where it came from (file and line, or
// the command-line option).
class FieldError : public DataError {
 public:
  // `malformed`: the value does not parse as what the column holds (a date that is no date), as
  // opposed to a value the records refuse (an unknown station code).
  FieldError(std::string column, Text text, bool malformed = false)
      : DataError(std::move(text)), column_(std::move(column)), malformed_(malformed) {}
  [[nodiscard]] const std::string& column() const { return column_; }
  [[nodiscard]] bool malformed() const { return malformed_; }

 private:
  std::string column_;
  bool malformed_ = false;
};

struct OutputOptions {
  bool reveal = false;  // show phone and ID numbers unmasked
  // Coded values (statuses, yes/no) as labels in this language, for people; absent: the codes
  // themselves, for files.
  std::optional<Lang> labels;
};

// Which parts of a ListFilter a kind's list takes: only those its columns hold (a volunteer, a
// station, a day, a status). `KIND list` declares an option for each, and nothing else.
struct ListFilters {
  bool volunteer = false;
  bool station = false;
  bool days = false;  // --week, --from, --to: the local day of the kind's date or time column
  // The status column: its codes for --help and messages ("active, suspended, retired"), and
  // the code of a code or label typed (在册), throwing ParseError naming the codes. Null: no
  // status filter.
  std::string (*status_codes)() = nullptr;
  std::string (*status_code)(std::string_view text) = nullptr;
};
// ... for the codes of the enum E.
template <class E>
ListFilters with_status(ListFilters f) {
  f.status_codes = [] { return enum_codes<E>(); };
  f.status_code = [](std::string_view s) { return std::string(code_of(parse_enum<E>(s))); };
  return f;
}

// A switch a kind's retire takes besides the key (a volunteer's --unassign).
struct RetireOption {
  std::string_view name;
  Msg help;
};
struct RetireRequest {
  Instant now;                      // the command's clock
  std::vector<std::string> options;  // the RetireOption names given
  [[nodiscard]] bool has(std::string_view name) const {
    for (const auto& o : options)
      if (o == name) return true;
    return false;
  }
};

// What a retirement did: `already` when the record was retired before (nothing of it written),
// and the lines to tell after the retirement line (a volunteer's upcoming shifts), in order.
struct Retired {
  bool already = false;
  std::vector<Text> notes;
};

// What an add made of the record: as given, or (a session checked out past its deadline) kept
// as a forgotten check-out awaiting review, credited nothing until then.
enum class Added { as_given, held_for_review };

// The table an import of a kind fills, and those of its indexes that the import's own checks
// read by: with many rows, the table's other plain indexes are built once at the end
// (records/deferred_indexes.hpp). No table: nothing deferred. `triggers` keep figures derived
// from each added row (credit_totals.hpp); with many rows they are set aside the same way and
// `catch_up` adds, once, what they would have added for the rows above a rowid (given the
// import's Lookup, when it has one, for what the import kept of those rows); it is handed the
// way to build the set-aside indexes and calls it once it has read those rows, so that on the
// import's connection (records/write_behind.hpp) they are built on the import's writer thread
// while it counts (the next use of the connection waits for them). `kept` also names indexes
// cheaper to keep than to build again: those the rows arrive nearly in the order of, and those
// the writer thread keeps up with in the time it waits for the checks (its rows come from the
// import's thread, which checks them).
// `outgrown` is told, with the import's Lookup, when the indexes are set aside: the import is
// large, and its rows may from here on be written many to a statement (records/pending_rows.hpp),
// and its checks may read whole tables into memory instead of asking for each row.
// `references_found`: the kind finds every row a new row refers to (its station, volunteer,
// shift...) in the import's transaction before writing it, so from the same moment SQLite does
// not look each up again for the row's foreign keys (a quarter of the writing of a session).
struct BulkTable {
  std::string_view table;
  std::vector<std::string_view> kept;
  std::vector<std::string_view> triggers = {};
  void (*catch_up)(Connection&, Lookup*, std::int64_t after,
                   const std::function<void()>& build_indexes) = nullptr;
  void (*outgrown)(Connection&, Lookup&) = nullptr;
  bool references_found = false;
};

class RecordKind {
 public:
  // cells[i] belongs to columns()[i]; nullopt means "not given".
  using Cells = std::vector<std::optional<std::string>>;

  virtual ~RecordKind() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;      // "volunteers" (file and command)
  [[nodiscard]] virtual std::string_view singular() const = 0;  // "volunteer"
  [[nodiscard]] virtual Msg title() const = 0;                  // "volunteers" / "志愿者"
  [[nodiscard]] virtual Msg noun() const = 0;                   // "volunteer" / "志愿者"
  [[nodiscard]] virtual const std::vector<ColumnSpec>& columns() const = 0;
  [[nodiscard]] virtual bool editable() const = 0;  // has a key and supports edit
  [[nodiscard]] virtual bool retirable() const = 0;  // and retire (or, for some, remove)
  [[nodiscard]] virtual bool retire_removes() const = 0;  // retiring deletes the record
  // Adding may break a rule the coordinator can override with --force --reason (assignments).
  [[nodiscard]] virtual bool overridable() const { return false; }
  [[nodiscard]] virtual const BulkTable& bulk_table() const = 0;

  [[nodiscard]] virtual const ListFilters& filters() const = 0;
  [[nodiscard]] virtual const std::vector<RetireOption>& retire_options() const = 0;

  virtual Added add(Connection& db, Lookup& lookup, const Cells& cells) const = 0;
  // Whether the record changed: a record already holding the values given is not written.
  virtual bool edit(Connection& db, Lookup& lookup, std::string_view key, const Cells& cells) const = 0;
  // A record retired before is left as it is; what goes with a retirement (a volunteer's
  // upcoming shifts told, or cancelled with --unassign) is done all the same.
  virtual Retired retire(Connection& db, Lookup& lookup, std::string_view key,
                         const RetireRequest& request) const = 0;
  // Whether a record with this key exists (false for kinds without keys).
  [[nodiscard]] virtual bool has(Connection& db, Lookup& lookup, std::string_view key) const = 0;
  // Every record as text cells, in columns() order; only those the filter keeps (the filter
  // uses only the parts filters() names).
  virtual std::vector<std::vector<std::string>> rows(Connection& db, Lookup& lookup,
                                                     const OutputOptions& out,
                                                     const ListFilter& filter = {}) const = 0;
  virtual std::vector<std::string> row(Connection& db, Lookup& lookup, std::string_view key,
                                       const OutputOptions& out) const = 0;

  // Index of a column by English or Chinese name, if any.
  [[nodiscard]] std::optional<std::size_t> column_index(std::string_view header) const;
};

// All kinds, in the order their files must be imported.
const std::vector<std::unique_ptr<RecordKind>>& record_kinds();
const RecordKind* find_kind(std::string_view name);

// What an import does with a row whose key is already in the database: `add` refuses it
// ("already exists"); `update` changes that record to the row's values, for the columns the file
// has (a masked phone or ID number, as `export` writes them, leaves the stored one as it is).
enum class ImportMode { add, update };

struct ImportCount {
  std::size_t added = 0;
  std::size_t changed = 0;
  std::size_t unchanged = 0;  // with update: rows equal to the stored record, not written
  std::size_t held_for_review = 0;  // of those added
  [[nodiscard]] std::size_t rows() const { return added + changed + unchanged; }
};

// Imports a CSV file's text into the database. All-or-nothing is the caller's transaction;
// the first bad row throws DataError "source:line: column: what is wrong".
// `now`: the command's clock, the time of the audit rows an import writes.
// `forced`: the command's --force --reason, for rows the assignment policy would refuse.
ImportCount import_csv(Connection& db, const RecordKind& kind, std::istream& in,
                       std::string_view source, ImportMode mode, Instant now,
                       const std::optional<Override>& forced = std::nullopt);
// A file's text already in memory (tests, fuzzing): the clock stands at kTextClock, after every
// year records are kept for, so that no row's time is still to come.
inline constexpr Instant kTextClock{4'102'444'800};  // 2100-01-01T00:00Z
ImportCount import_csv(Connection& db, const RecordKind& kind, std::string_view content,
                       std::string_view source, ImportMode mode = ImportMode::add);

// Imports every `<kind>.csv` of a directory, in dependency order (stations before
// volunteers …), inside the caller's transaction; returns what each file did, in that order.
// With `update`, kinds without keys (history: sessions, incidents …) are added as always.
std::vector<std::pair<const RecordKind*, ImportCount>> import_directory(Connection& db,
                                                                        const std::string& dir,
                                                                        ImportMode mode,
                                                                        Instant now);

// The kind's records as CSV (header row in English or Chinese).
std::string export_csv(Connection& db, const RecordKind& kind, bool bom, Lang header_lang,
                       const OutputOptions& out);

}  // namespace vstation::store
