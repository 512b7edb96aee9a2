// The backends' common terms for a live schema (shape.hpp): comparison lines and the parsing
// both readers share.

#include "schema/shape.hpp"

#include <algorithm>
#include <cctype>

#include "check_rules.hpp"

namespace vstation::store::schema {
namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::vector<std::string> check_columns(std::string_view sql) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '\'') {  // a literal, '' inside it included
      i = sql.find('\'', i + 1);
      if (i == std::string_view::npos) break;
      continue;
    }
    if (sql.substr(i, 5) != "CHECK" ||
        (i > 0 && std::isalnum(static_cast<unsigned char>(sql[i - 1]))))
      continue;
    std::size_t open = i + 5;
    while (open < sql.size() && sql[open] == ' ') ++open;
    if (open >= sql.size() || sql[open] != '(') continue;
    int depth = 0;
    std::size_t end = open;
    for (; end < sql.size(); ++end) {
      if (sql[end] == '\'') end = sql.find('\'', end + 1);
      if (end == std::string_view::npos) return out;
      if (sql[end] == '(') ++depth;
      if (sql[end] == ')' && --depth == 0) break;
    }
    out.push_back(check_rules::first_column(sql.substr(open + 1, end - open - 1)));
    i = end;
  }
  return out;
}

std::string normal_expression(std::string_view sql) {
  std::string out;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {  // a cast: ::text, ::bigint
      i += 2;
      while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_'))
        ++i;
      --i;
      continue;
    }
    if (c == '(' || c == ')') continue;
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const TableShape* Shape::table(std::string_view name) const {
  for (const auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

std::vector<std::string> Shape::lines() const {
  std::vector<std::string> out;
  for (const auto& t : tables) {
    out.push_back("table " + t.name);
    for (const auto& c : t.columns)
      out.push_back("column " + t.name + "." + c.name + " " + c.type +
                    (c.not_null ? " not-null" : "") + (c.identity ? " identity" : "") +
                    (c.default_value.empty() ? "" : " default " + c.default_value));
    if (!t.primary_key.empty())
      out.push_back("primary-key " + t.name + " (" + joined(t.primary_key) + ")");
    for (const auto& u : t.uniques) out.push_back("unique " + t.name + " (" + joined(u) + ")");
    for (const auto& f : t.foreign_keys)
      out.push_back("foreign-key " + t.name + " (" + joined(f.columns) + ") -> " + f.table + " (" +
                    joined(f.references) + ")");
    for (const auto& c : t.checks) out.push_back("check " + t.name + " " + c);
  }
  for (const auto& i : indexes)
    out.push_back("index " + i.name + " on " + i.table + " (" + joined(i.columns) + ")" +
                  (i.unique ? " unique" : "") +
                  (i.predicate.empty() ? "" : " where " + i.predicate));
  std::sort(out.begin(), out.end());
  return out;
}

Shape describe(Connection& db) {
  return db.backend() == "sqlite" ? sqlite::describe_schema(db) : pg::describe_schema(db);
}

}  // namespace vstation::store::schema
