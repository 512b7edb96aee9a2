#include "vstation/store/audit_chain.hpp"

#include <sodium.h>

#include <optional>

#include "vstation/store/identity.hpp"

namespace vstation::store::chain {
namespace {

constexpr Msg kEdited{"audit row {} was changed after it was written (its hash no longer matches)",
                      "审计记录 {} 写入后被修改过（哈希值不再匹配）"};
constexpr Msg kGap{"audit rows {} to {} were removed (row {} does not follow row {})",
                   "审计记录 {} 至 {} 已被删除（记录 {} 与记录 {} 接不上）"};
constexpr Msg kBroken{"audit row {} does not follow row {}: one of them was changed or rows were removed",
                      "审计记录 {} 与记录 {} 接不上：其中之一被修改过，或有记录被删除"};
constexpr Msg kFirstGone{"audit rows before row {} were removed", "审计记录 {} 之前的记录已被删除"};
constexpr Msg kUnchained{"audit row {} has no hash although earlier rows have one (changed or inserted by hand)",
                         "审计记录 {} 没有哈希值，而之前的记录有（被手工修改或插入）"};
constexpr Msg kTailGone{"audit rows after row {} up to row {} were removed",
                        "审计记录 {} 之后直至记录 {} 已被删除"};
constexpr Msg kAfterHead{"audit rows after row {} were not written by vstation",
                        "审计记录 {} 之后的记录不是 vstation 写入的"};
constexpr Msg kHeadDiffers{"audit row {} is not the row last written (the recorded chain head differs)",
                           "审计记录 {} 不是最后写入的记录（记录的链头不一致）"};

void field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += '\n';
}

}  // namespace

std::string row_hash(const AuditEntry& row, const std::string& prev_hash) {
  std::string canon;
  field(canon, "vstation-audit-v1");
  field(canon, std::to_string(row.id.value));
  field(canon, std::to_string(row.at.seconds));
  field(canon, row.actor);
  field(canon, row.entity);
  field(canon, std::to_string(row.entity_id));
  field(canon, row.action);
  field(canon, row.reason);
  field(canon, row.old_value);
  field(canon, row.new_value);
  field(canon, prev_hash);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(canon.data()), canon.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Verdict verify(Connection& db) {
  Verdict v;
  auto r = db.query(
      "SELECT id, at, actor, entity, entity_id, action, reason, old_value, new_value, prev_hash, "
      "hash FROM audit ORDER BY id");
  std::optional<std::int64_t> prev_id;
  std::string prev_hash;  // as stored in the previous row
  bool chained = false;   // a hashed row has been seen
  while (r->next()) {
    AuditEntry e{r->id<AuditId>(0), r->instant(1), r->str(2), r->str(3), r->i64(4),
                 r->str(5),         r->str(6),     r->str(7), r->str(8)};
    std::string stored_prev = r->str(9);
    std::string stored = r->str(10);
    ++v.rows;
    std::int64_t id = e.id.value;
    if (stored.empty() && stored_prev.empty()) {
      if (chained) v.problems.push_back(Text::of(kUnchained, id));
      else ++v.legacy;
      prev_id = id;
      prev_hash.clear();
      continue;
    }
    if (row_hash(e, stored_prev) != stored) v.problems.push_back(Text::of(kEdited, id));
    if (stored_prev != prev_hash) {
      if (!prev_id) v.problems.push_back(Text::of(kFirstGone, id));
      else if (id > *prev_id + 1)
        v.problems.push_back(Text::of(kGap, *prev_id + 1, id - 1, id, *prev_id));
      else v.problems.push_back(Text::of(kBroken, id, *prev_id));
    }
    chained = true;
    prev_id = id;
    prev_hash = stored;
  }
  r.reset();
  if (prev_id) v.head = std::to_string(*prev_id) + " " + prev_hash;
  if (auto head = identity::setting(db, kHeadKey)) {
    auto space = head->find(' ');
    std::int64_t head_id = 0;
    try {
      head_id = std::stoll(head->substr(0, space));
    } catch (const std::exception&) {
      head_id = -1;
    }
    std::string head_hash = space == std::string::npos ? "" : head->substr(space + 1);
    std::int64_t last = prev_id.value_or(0);
    if (head_id > last) v.problems.push_back(Text::of(kTailGone, last, head_id));
    else if (head_id == last && head_hash != prev_hash) v.problems.push_back(Text::of(kHeadDiffers, last));
    else if (head_id < last) v.problems.push_back(Text::of(kAfterHead, head_id));
  }
  return v;
}

}  // namespace vstation::store::chain
