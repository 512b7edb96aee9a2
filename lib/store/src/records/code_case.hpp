#pragma once
// Codes people type (a station's code, a skill's, a project's, a volunteer's number) are one
// record whatever their case: the kiosk finds "v0001" as V0001, and a coordinator who adds
// ICITY beside icity means the same station. A new code that differs from one already in the
// table only in case is refused, naming the one there; an exact duplicate is left to the
// table's UNIQUE constraint (unique_or). Databases holding such pairs from before are read as
// they are.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "records/typed_kind.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::store {

enum class CodeTable { stations, skills, projects, volunteers };

inline constexpr Msg kCaseTwin{
    "'{}' differs only in case from '{}', which exists: a code is the same "
    "whatever its case",
    "“{}”与已有的“{}”只差大小写：代码不分大小写"};
inline constexpr Msg kCaseTwinInFile{
    "'{}' differs only in case from '{}' on line {} of this file: a code is the same whatever its "
    "case",
    "“{}”与“{}”（本文件第 {} 行）只差大小写：代码不分大小写"};

// A code that differs from `code` only in case, and the line of the import it came on (0: it
// was in the database before).
struct CaseTwin {
  std::string code;
  std::int64_t line = 0;
};

// The code already in `table` that `code` equals but for case, if any. The table's codes are
// read once per Lookup (an import's rows ask many times) and each code added is noted.
std::optional<CaseTwin> case_twin(Connection& db, Lookup& l, CodeTable table,
                                  std::string_view code);
void note_code(Connection& db, Lookup& l, CodeTable table, std::string_view code);

// unique_or, refusing a code's case twin first.
template <class F>
auto unique_code_or(Connection& db, Lookup& l, CodeTable table, std::string_view column,
                    std::string_view code, F&& insert) {
  if (auto twin = case_twin(db, l, table, code))
    throw FieldError(std::string(column),
                     twin->line ? Text::of(kCaseTwinInFile, code, twin->code, twin->line)
                                : Text::of(kCaseTwin, code, twin->code));
  auto id = unique_or(column, code, std::forward<F>(insert));
  note_code(db, l, table, code);
  return id;
}

}  // namespace vstation::store
