#pragma once
// The one implementation of RecordKind: a kind is a list of typed fields plus the
// repository calls that store the record.

#include <functional>
#include <stdexcept>

#include "vstation/domain/text_util.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/records.hpp"
#include "vstation/text/width.hpp"

namespace vstation::store {

inline constexpr Msg kRequired{"a value is required", "必填"};
inline constexpr Msg kNotFoundKey{"no {} with key '{}'", "没有键为“{1}”的{0}"};
inline constexpr Msg kAlreadyExists{"'{}' already exists", "“{}”已存在"};
inline constexpr Msg kNotEditable{"a {} cannot be edited; import corrections instead",
                                  "{}不能编辑，请导入更正记录"};
inline constexpr Msg kEndNotAfterStart{"the end time must be after the start time",
                                       "结束时间必须晚于开始时间"};
inline constexpr Msg kNotRetirable{"a {} cannot be retired", "{}不能停用"};

// The lines a retirement tells when it leaves shifts ahead (a volunteer's places on them, a
// project's own): with its switch given, `cancelled()` (which cancels them) and a `line` each;
// without, `kept` and the lines; `nothing` when the switch found none.
template <class Ahead, class Cancelled, class Line>
std::vector<Text> shifts_ahead_notes(const std::vector<Ahead>& ahead, bool cancel, Text nothing,
                                     Text kept, Cancelled cancelled, Line line) {
  std::vector<Text> out;
  if (ahead.empty()) {
    if (cancel) out.push_back(std::move(nothing));
    return out;
  }
  out.push_back(cancel ? cancelled() : std::move(kept));
  for (const auto& a : ahead) out.push_back(line(a));
  return out;
}

template <class R>
struct Field {
  ColumnSpec spec;
  // Reads the cell into the record; an empty cell means "the default" for optional columns.
  std::function<void(R&, std::string_view, Lookup&)> set;
  std::function<std::string(const R&, Lookup&)> get;
};

template <class R>
struct KindSpec {
  std::string_view name;
  std::string_view singular;
  Msg title;
  Msg noun;
  std::vector<Field<R>> fields;
  std::function<R()> blank = [] { return R{}; };
  std::function<void(Connection&, Lookup&, R&)> insert;
  // Optional: kinds without these are add-only (history rows).
  std::function<std::optional<R>(Connection&, Lookup&, std::string_view)> find;
  std::function<void(Connection&, Lookup&, const R&)> update;
  std::function<void(R&)> retire;
  // Kinds whose retirement removes the record (availability, service log entries).
  std::function<void(Connection&, Lookup&, const R&, const RetireRequest&)> remove;
  // Every record the filter keeps; the kind applies the parts `filters` names.
  std::function<std::vector<R>(Connection&, Lookup&, const ListFilter&)> all;
  ListFilters filters;
  // Optional: whether an inserted record was kept for review rather than as given.
  std::function<bool(const R&)> held;
  bool overridable = false;
  // Kinds imported by the hundred thousand: their table and the indexes their checks read by.
  BulkTable bulk;
  // Optional: what else a retirement does and tells (after the record is retired), with the
  // switches it takes.
  std::vector<RetireOption> retire_options;
  std::function<std::vector<Text>(Connection&, Lookup&, const R&, const RetireRequest&)> after_retire;
};

template <class R>
class TypedKind final : public RecordKind {
 public:
  explicit TypedKind(KindSpec<R> spec) : spec_(std::move(spec)) {
    for (const auto& f : spec_.fields) columns_.push_back(f.spec);
  }
  std::string_view name() const override { return spec_.name; }
  std::string_view singular() const override { return spec_.singular; }
  Msg title() const override { return spec_.title; }
  Msg noun() const override { return spec_.noun; }
  const std::vector<ColumnSpec>& columns() const override { return columns_; }
  bool editable() const override { return bool(spec_.find) && bool(spec_.update); }
  bool retire_removes() const override { return bool(spec_.remove); }
  bool overridable() const override { return spec_.overridable; }
  const BulkTable& bulk_table() const override { return spec_.bulk; }
  bool retirable() const override { return bool(spec_.remove) || bool(spec_.retire); }
  const ListFilters& filters() const override { return spec_.filters; }
  const std::vector<RetireOption>& retire_options() const override { return spec_.retire_options; }

  Added add(Connection& db, Lookup& lookup, const Cells& cells) const override {
    R r = spec_.blank();
    for (std::size_t i = 0; i < spec_.fields.size(); ++i) {
      const auto& f = spec_.fields[i];
      bool given = i < cells.size() && cells[i] && !trim(*cells[i]).empty();
      // Missing is malformed: on the command line, a required option left out (exit 2).
      if (!given && f.spec.required)
        throw FieldError(std::string(f.spec.name), Text(kRequired), true);
      if (given) apply(f, r, *cells[i], lookup);
    }
    spec_.insert(db, lookup, r);
    return spec_.held && spec_.held(r) ? Added::held_for_review : Added::as_given;
  }

  bool edit(Connection& db, Lookup& lookup, std::string_view key, const Cells& cells) const override {
    R r = load(db, lookup, key);
    // The record as its columns state it, every value in full and as codes: equal after the
    // cells are applied means there is nothing to write.
    const OutputOptions exact{true, std::nullopt};
    auto before = format(r, lookup, exact);
    for (std::size_t i = 0; i < spec_.fields.size(); ++i) {
      const auto& f = spec_.fields[i];
      if (i < cells.size() && cells[i] && !f.spec.key) {
        if (f.spec.required && trim(*cells[i]).empty())
          throw FieldError(std::string(f.spec.name), Text(kRequired), true);
        // Empty where the record states nothing (an exception's preference) changes nothing:
        // an export comes back unchanged.
        if (trim(*cells[i]).empty() && before[i].empty()) continue;
        apply(f, r, *cells[i], lookup);
      }
    }
    if (format(r, lookup, exact) == before) return false;
    spec_.update(db, lookup, r);
    lookup.clear();
    return true;
  }

  Retired retire(Connection& db, Lookup& lookup, std::string_view key,
                 const RetireRequest& request) const override {
    R r = load(db, lookup, key);
    Retired out;
    if (spec_.remove) {
      spec_.remove(db, lookup, r, request);
    } else {
      if (!spec_.retire) throw DataError(kNotRetirable, Text(spec_.noun));
      const OutputOptions exact{true, std::nullopt};
      auto before = format(r, lookup, exact);
      spec_.retire(r);
      out.already = format(r, lookup, exact) == before;
      if (!out.already) spec_.update(db, lookup, r);
    }
    lookup.clear();
    if (spec_.after_retire) out.notes = spec_.after_retire(db, lookup, r, request);
    return out;
  }

  bool has(Connection& db, Lookup& lookup, std::string_view key) const override {
    return editable() && spec_.find(db, lookup, key).has_value();
  }

  std::vector<std::vector<std::string>> rows(Connection& db, Lookup& lookup, const OutputOptions& out,
                                             const ListFilter& filter) const override {
    const auto& takes = spec_.filters;
    if ((filter.volunteer && !takes.volunteer) || (filter.station && !takes.station) ||
        (filter.days() && !takes.days) || (filter.status && !takes.status_code))
      throw std::logic_error("a list filter the kind does not take");
    std::vector<std::vector<std::string>> result;
    for (const auto& r : spec_.all(db, lookup, filter)) result.push_back(format(r, lookup, out));
    return result;
  }

  std::vector<std::string> row(Connection& db, Lookup& lookup, std::string_view key,
                               const OutputOptions& out) const override {
    return format(load(db, lookup, key), lookup, out);
  }

 private:
  R load(Connection& db, Lookup& lookup, std::string_view key) const {
    if (!editable()) throw DataError(kNotEditable, Text(spec_.noun));
    auto r = spec_.find(db, lookup, key);
    if (!r) throw DataError(kNotFoundKey, Text(spec_.noun), key);
    return *r;
  }

  static void apply(const Field<R>& f, R& r, std::string_view cell, Lookup& lookup) {
    check_text(f.spec, cell);
    try {
      f.set(r, trim(cell), lookup);
    } catch (const FieldError&) {
      throw;
    } catch (const ParseError& e) {
      throw FieldError(std::string(f.spec.name), e.text(), true);
    } catch (const DataError& e) {
      throw FieldError(std::string(f.spec.name), e.text());
    }
  }

  std::vector<std::string> format(const R& r, Lookup& lookup, const OutputOptions& out) const {
    std::vector<std::string> cells;
    for (const auto& f : spec_.fields) {
      std::string v = f.get(r, lookup);
      if (f.spec.sensitive && !out.reveal && !v.empty())
        v = f.spec.name == "phone" ? text::mask_phone(v) : text::mask_id_number(v);
      if (out.labels && f.spec.value_label)
        if (auto label = f.spec.value_label(v)) v = Text(*label).render(*out.labels);
      if (out.labels && f.spec.value_text && !v.empty()) v = f.spec.value_text(v, *out.labels);
      cells.push_back(std::move(v));
    }
    return cells;
  }

  KindSpec<R> spec_;
  std::vector<ColumnSpec> columns_;
};

template <class R>
std::unique_ptr<RecordKind> make_kind(KindSpec<R> spec) {
  return std::make_unique<TypedKind<R>>(std::move(spec));
}

// A field whose cells are codes, shown to people as labels by `label`.
template <class F>
F labelled_by(F field, std::optional<Msg> (*label)(std::string_view)) {
  field.spec.value_label = label;
  return field;
}
// ... the codes of the enum E.
template <class E, class F>
F labelled(F field) {
  return labelled_by(std::move(field), &label_for_code<E>);
}
// ... yes and no.
inline std::optional<Msg> yes_no_label(std::string_view code) {
  if (code == "yes") return Msg{"yes", "是"};
  if (code == "no") return Msg{"no", "否"};
  return std::nullopt;
}
template <class F>
F yes_no_labelled(F field) {
  return labelled_by(std::move(field), &yes_no_label);
}
// A column worked out from the others (ColumnSpec::computed).
template <class F>
F computed(F field) {
  field.spec.computed = true;
  return field;
}

// Turns a database uniqueness failure into "column: 'value' already exists".
template <class F>
auto unique_or(std::string_view column, std::string_view value, F&& f) {
  try {
    return f();
  } catch (const StoreError& e) {
    if (e.fault() == StoreFault::unique)
      throw FieldError(std::string(column), Text::of(kAlreadyExists, value));
    throw;
  }
}

// Kind tables, one function per file.
void add_place_kinds(std::vector<std::unique_ptr<RecordKind>>& out);     // stations, skills
void add_people_kinds(std::vector<std::unique_ptr<RecordKind>>& out);    // volunteers, certifications
void add_planning_kinds(std::vector<std::unique_ptr<RecordKind>>& out);  // projects, templates, shifts
void add_roster_kinds(std::vector<std::unique_ptr<RecordKind>>& out);    // availability, roster
void add_activity_kinds(std::vector<std::unique_ptr<RecordKind>>& out);  // sessions, incidents, trainings

}  // namespace vstation::store
