#include "check_rules.hpp"

#include <array>
#include <cctype>

#include "vstation/domain/text_util.hpp"

namespace vstation::store::check_rules {
namespace {

constexpr Msg kColumnRule{"the value of {} breaks a rule of the database",
                          "“{}”的值违反了数据库规则"};
constexpr Msg kRule{"the change breaks a rule of the database", "更改违反了数据库规则"};

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Words of a CHECK expression that are not columns.
bool keyword(std::string_view word) {
  static constexpr std::array<std::string_view, 14> kWords{
      "and",  "or",    "not",  "is",    "null", "in",    "between",
      "like", "value", "true", "false", "any",  "array", "collate"};
  std::string w = ascii_lower(word);
  for (auto k : kWords)
    if (w == k) return true;
  return false;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The expression of the n-th table-level CHECK of `table` (a line "CHECK (…)" starting a new
// item of the CREATE TABLE list, not a column's CHECK continued from the line before).
std::string table_check(std::string_view table, std::size_t n,
                        const std::vector<std::string_view>& schema) {
  std::string head = "CREATE TABLE " + std::string(table) + " (";
  for (std::string_view step : schema) {
    auto at = step.find(head);
    if (at == std::string_view::npos) continue;
    std::string_view rest = step.substr(at + head.size());
    bool item_start = true;  // the previous line ended an item (or opened the list)
    std::size_t seen = 0;
    while (!rest.empty()) {
      auto nl = rest.find('\n');
      std::string_view line = trimmed(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      if (line.starts_with(")")) break;
      if (line.empty()) continue;
      if (item_start && line.starts_with("CHECK") && seen++ == n)
        return std::string(line.substr(5));
      item_start = line.ends_with(",");
    }
  }
  return {};
}

}  // namespace

std::string first_column(std::string_view e) {
  for (std::size_t i = 0; i < e.size();) {
    char c = e[i];
    if (c == '\'') {  // a string literal ('' is a quote inside it)
      for (++i; i < e.size(); ++i) {
        if (e[i] != '\'') continue;
        if (i + 1 < e.size() && e[i + 1] == '\'')
          ++i;
        else
          break;
      }
      ++i;  // past the closing quote
      continue;
    }
    bool quoted = c == '"';
    if (!quoted && !(std::isalpha(static_cast<unsigned char>(c)) || c == '_')) {
      ++i;
      continue;
    }
    std::size_t start = quoted ? i + 1 : i;
    std::size_t end = start;
    if (quoted) {
      end = e.find('"', start);
      if (end == std::string_view::npos) return {};
    } else {
      while (end < e.size() && word_char(e[end])) ++end;
    }
    std::string_view word = e.substr(start, end - start);
    bool cast = start >= 2 && e.substr(start - 2, 2) == "::";
    i = quoted ? end + 1 : end;
    std::size_t next = i;
    while (next < e.size() && e[next] == ' ') ++next;
    bool call = !quoted && next < e.size() && e[next] == '(';
    if (!word.empty() && !cast && !call && (quoted || !keyword(word))) return std::string(word);
  }
  return {};
}

std::string sqlite_column(std::string_view message) {
  constexpr std::string_view kFailed = "CHECK constraint failed: ";
  auto at = message.find(kFailed);
  if (at == std::string_view::npos) return {};
  return first_column(message.substr(at + kFailed.size()));
}

std::string pg_column(std::string_view table, std::string_view constraint,
                      const std::vector<std::string_view>& schema) {
  if (table.empty() || !constraint.starts_with(table) || constraint.size() <= table.size() ||
      constraint[table.size()] != '_')
    return {};
  std::string_view rest = constraint.substr(table.size() + 1);
  std::size_t digits = rest.size();
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(rest[digits - 1]))) --digits;
  std::string_view base = rest.substr(0, digits);
  if (base == "check") {
    std::size_t n = 0;
    for (char c : rest.substr(digits)) n = n * 10 + std::size_t(c - '0');
    return first_column(table_check(table, n, schema));
  }
  constexpr std::string_view kSuffix = "_check";
  if (base.size() > kSuffix.size() && base.ends_with(kSuffix))
    return std::string(base.substr(0, base.size() - kSuffix.size()));
  return {};
}

StoreError error(std::string_view column) {
  if (column.empty()) return {StoreFault::check, Text(kRule)};
  return {StoreFault::check, Text::of(kColumnRule, std::string(column))};
}

}  // namespace vstation::store::check_rules
