#pragma once
// Resolves the codes people type (station code, volunteer number, project code, skill code)
// to ids and back, with a cache, and refuses unknown ones with a clear message.

#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>

#include "vstation/domain/entities.hpp"
#include "vstation/store/assignment_policy.hpp"
#include "vstation/store/db.hpp"

namespace vstation::store {

struct AuditEntry;
namespace audit {
class Batch;
}

// A row of an import that the database refused when it was written after its turn (Lookup::
// write_waiting): its line, and what the database said.
class RowRefused : public std::exception {
 public:
  RowRefused(std::int64_t line, std::exception_ptr error) : line_(line), error_(std::move(error)) {}
  [[nodiscard]] std::int64_t line() const { return line_; }
  [[noreturn]] void rethrow() const { std::rethrow_exception(error_); }
  const char* what() const noexcept override { return "an import's row refused"; }

 private:
  std::int64_t line_;
  std::exception_ptr error_;
};

class Lookup {
 public:
  explicit Lookup(Connection& db) : db_(db) {}

  StationId station(std::string_view code);
  const Station& station_record(StationId id);
  std::string station_code(StationId id) { return station_record(id).code; }
  // The only station, when the database holds exactly one; else a usage error asking for one.
  StationId default_station();

  VolunteerId volunteer(std::string_view number);
  const Volunteer& volunteer_record(VolunteerId id);
  std::string volunteer_number(VolunteerId id) { return volunteer_record(id).number; }

  ProjectId project(std::string_view code);
  const Project& project_record(ProjectId id);
  std::string project_code(ProjectId id) { return project_record(id).code; }

  SkillId skill(std::string_view code);
  std::string skill_code(SkillId id);

  // Forget cached records (after an edit), scratch state included.
  void clear();
  // Every station, volunteer number and project code known from here on, read once (up to
  // kHeldCodes volunteers and projects; beyond, the rest are asked one at a time): for an import
  // whose rows name thousands of them and are written behind (Connection::write_behind), where
  // each one asked of the database would first wait for the writer.
  void hold_codes();
  static constexpr std::int64_t kHeldCodes = 1'000'000;

  // State a record kind keeps across the rows of one import (what it loaded once, what the rows
  // before wrote), made on first use. Whatever it holds must be what the database would answer
  // within the import's transaction; clear() drops it.
  struct Scratch {
    virtual ~Scratch() = default;
    // Rows it keeps to write many to a statement, written now (RowRefused names one refused).
    virtual void write_waiting(Connection&) {}
  };
  template <class T>
  T& scratch() {
    auto& slot = scratch_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_unique<T>();
    return static_cast<T&>(*slot);
  }

  // The command's --force --reason, for edits the assignment policy would refuse.
  void set_override(std::optional<Override> o) { override_ = std::move(o); }
  [[nodiscard]] const std::optional<Override>& override_given() const { return override_; }
  // Who writes through this Lookup and when, for the audit rows its edits write: an import of a
  // file or a command entering one record, at the command's clock. Asking a Lookup that was
  // given no clock is a programming error (std::logic_error), never a silent epoch or wall clock.
  enum class Via { import, command };
  void set_author(Instant now, Via via) { author_ = Author{now, via}; }
  [[nodiscard]] Instant now() const { return author().now; }
  [[nodiscard]] Via via() const { return author().via; }
  // The audit rows' actor for that: "import" or "coordinator".
  [[nodiscard]] const char* actor() const {
    return via() == Via::import ? "import" : "coordinator";
  }
  // The audit rows of the records written through this Lookup: by an import, into its batch
  // (written together at its end); otherwise each one as it comes (audit::append).
  void set_audit_batch(audit::Batch* batch) { audit_batch_ = batch; }
  AuditId append_audit(const AuditEntry& e);
  // An import's rows may be written after their turn, many to a statement: the import says which
  // line of its file each row is, and has what waits written (write_waiting) before it reads the
  // table back, ends, or says a row is wrong, so that a row the database refuses is still the
  // first named, by its own line.
  void set_line(std::int64_t line) { line_ = line; }
  [[nodiscard]] std::int64_t line() const { return line_; }
  void write_waiting();

 private:
  // Codes are looked up for every row of an import: hashed, and found without a copy.
  struct CodeHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using ByCode = std::unordered_map<std::string, V, CodeHash, std::equal_to<>>;

  // The last code asked of one kind and its answer: a file's rows ask the same station, and
  // often the same project, many times in a row.
  template <class IdT>
  struct LastCode {
    std::string code;
    IdT id;
  };

  Connection& db_;
  std::optional<LastCode<StationId>> last_station_;
  std::optional<LastCode<ProjectId>> last_project_;
  const Station* last_station_record_ = nullptr;  // a node of stations_
  ByCode<StationId> station_ids_;
  std::map<StationId, Station> stations_;
  ByCode<VolunteerId> volunteer_ids_;
  std::map<VolunteerId, Volunteer> volunteers_;
  ByCode<ProjectId> project_ids_;
  std::map<ProjectId, Project> projects_;
  ByCode<SkillId> skill_ids_;
  std::map<SkillId, std::string> skill_codes_;
  std::optional<Override> override_;
  struct Author {
    Instant now;
    Via via;
  };
  const Author& author() const;
  std::optional<Author> author_;
  audit::Batch* audit_batch_ = nullptr;
  std::int64_t line_ = 0;
  std::map<std::type_index, std::unique_ptr<Scratch>> scratch_;
};

}  // namespace vstation::store
