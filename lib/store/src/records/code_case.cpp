#include "records/code_case.hpp"

#include <cctype>
#include <unordered_map>

#include "vstation/store/repos.hpp"

namespace vstation::store {
namespace {

// Codes hold ASCII letters, digits, '_' and '-' only (field_parsers.cpp), so folding ASCII
// letters is the whole of case.
std::string folded(std::string_view code) {
  std::string out(code);
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// One table's codes by their folded form, as the database and the rows before hold them.
template <CodeTable T>
struct FoldedCodes : Lookup::Scratch {
  bool read = false;
  std::unordered_map<std::string, CaseTwin> by_folded;
};

template <CodeTable T>
FoldedCodes<T>& codes_of(Connection& db, Lookup& l) {
  auto& held = l.scratch<FoldedCodes<T>>();
  if (held.read) return held;
  auto add = [&](std::string_view code) {
    held.by_folded.try_emplace(folded(code), CaseTwin{std::string(code), 0});
  };
  constexpr std::int64_t all = std::int64_t{1} << 62;  // no limit (LIMIT takes one more)
  if constexpr (T == CodeTable::stations)
    for (const auto& s : stations::all(db)) add(s.code);
  else if constexpr (T == CodeTable::skills)
    for (const auto& s : skills::all(db)) add(s.code);
  else if constexpr (T == CodeTable::projects)
    projects::codes(db, all, [&](std::string_view c, ProjectId) { add(c); });
  else
    volunteers::numbers(db, all, [&](std::string_view n, VolunteerId) { add(n); });
  held.read = true;
  return held;
}

template <class F>
auto with_codes(Connection& db, Lookup& l, CodeTable table, F&& f) {
  switch (table) {
    case CodeTable::stations:
      return f(codes_of<CodeTable::stations>(db, l));
    case CodeTable::skills:
      return f(codes_of<CodeTable::skills>(db, l));
    case CodeTable::projects:
      return f(codes_of<CodeTable::projects>(db, l));
    case CodeTable::volunteers:
      break;
  }
  return f(codes_of<CodeTable::volunteers>(db, l));
}

}  // namespace

std::optional<CaseTwin> case_twin(Connection& db, Lookup& l, CodeTable table,
                                  std::string_view code) {
  return with_codes(db, l, table, [&](auto& held) -> std::optional<CaseTwin> {
    auto it = held.by_folded.find(folded(code));
    if (it == held.by_folded.end() || it->second.code == code) return std::nullopt;
    return it->second;
  });
}

void note_code(Connection& db, Lookup& l, CodeTable table, std::string_view code) {
  with_codes(db, l, table, [&](auto& held) {
    held.by_folded.try_emplace(folded(code), CaseTwin{std::string(code), l.line()});
  });
}

}  // namespace vstation::store
