#pragma once
// Tamper evidence for the audit trail: every row's SHA-256 covers its contents and the
// previous row's hash; the settings keep the head ("ID HASH"). Recomputing the chain finds a
// row edited or removed behind the tool's back (e.g. with the sqlite3 shell after dropping the
// append-only triggers). Someone who also recomputes every later hash is not detected by the
// file alone: compare the head `vstation check` prints with one written down earlier.

#include <string>
#include <vector>

#include "vstation/store/repos.hpp"

namespace vstation::store::chain {

inline constexpr std::string_view kHeadKey = "audit_head";

// Lower-case hex SHA-256 of the row (id and every field, length-prefixed) and `prev_hash`.
std::string row_hash(const AuditEntry& row, const std::string& prev_hash);

struct Verdict {
  std::vector<Text> problems;  // each names the row (or rows) concerned
  std::int64_t rows = 0;       // audit rows in the table
  std::int64_t legacy = 0;     // rows written before schema version 5 (not chained)
  std::string head;            // "ID HASH" of the last row, as recomputed
};
Verdict verify(Connection& db);

}  // namespace vstation::store::chain
