// Staff accounts (schema version 13; staff.hpp).

#include "vstation/domain/text_util.hpp"
#include "vstation/store/records.hpp"
#include "vstation/store/staff.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::store::staff {
namespace {

constexpr Msg kBadLogin{
    "a login name is 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit, "
    "not '{}'",
    "登录名为 1 到 32 个字母、数字、“.”、“_”或“-”，以字母或数字开头，而非“{}”"};
constexpr Msg kTaken{"the login name '{}' is taken", "登录名“{}”已被使用"};
constexpr Msg kNeedsStation{"a {} account belongs to a station: give its station",
                            "{}账户属于某个站点：请指定站点"};
constexpr Msg kNoStation{"a district account sees every station: give no station",
                         "区级管理账户可查看所有站点：请勿指定站点"};
constexpr Msg kNoHash{"a staff account needs a password", "工作人员账户需要密码"};

const ColumnSpec kName{"name", "名称", {"the account's display name", "账户显示名称"}};

constexpr std::string_view kColumns =
    "id, login, name, role, station_id, created_at, retired_at FROM staff_accounts ";

StaffAccount read(const Rows& r) {
  StaffAccount a;
  a.id = r.id<StaffAccountId>(0);
  a.login = r.str(1);
  a.name = r.str(2);
  for (const auto& e : enum_entries<StaffRole>())
    if (e.code == r.str(3)) a.role = e.value;
  a.station = r.opt_id<StationId>(4);
  a.created = r.instant(5);
  a.retired = r.opt_instant(6);
  return a;
}

std::optional<StaffAccount> one(Connection& db, const std::string& where,
                                const std::vector<Value>& p) {
  auto r = db.query("SELECT " + std::string(kColumns) + where, p);
  if (!r->next()) return std::nullopt;
  return read(*r);
}

}  // namespace

std::string normal_login(std::string_view login) {
  std::string out = ascii_lower(login);
  bool ok = !out.empty() && out.size() <= 32 && out[0] != '.' && out[0] != '_' && out[0] != '-';
  for (char c : out)
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
  if (!ok) throw FieldError("login", Text::of(kBadLogin, escape_controls(std::string(login))));
  return out;
}

StaffAccountId add(Connection& db, const NewStaffAccount& a) {
  std::string login = normal_login(a.login);
  std::string name = is_blank(a.name) ? login : std::string(trim(a.name));
  check_text(kName, name);
  if (a.role == StaffRole::district && a.station) throw FieldError("station", Text(kNoStation));
  if (a.role != StaffRole::district && !a.station)
    throw FieldError("station", Text::of(kNeedsStation, label_of(a.role)));
  if (a.password_hash.empty()) throw FieldError("password_hash", Text(kNoHash));
  if (by_login(db, login)) throw FieldError("login", Text::of(kTaken, login));
  return StaffAccountId{db.insert(
      "INSERT INTO staff_accounts (login, name, role, station_id, password_hash, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      params(login, name, std::string(code_of(a.role)), a.station, a.password_hash, a.now))};
}

std::optional<StaffAccount> by_login(Connection& db, std::string_view login) {
  return one(db, "WHERE login = ?", params(ascii_lower(login)));
}

std::optional<StaffAccount> get(Connection& db, StaffAccountId id) {
  return one(db, "WHERE id = ?", params(id));
}

std::vector<StaffAccount> all(Connection& db) {
  auto r = db.query("SELECT " + std::string(kColumns) + "ORDER BY login");
  std::vector<StaffAccount> out;
  while (r->next()) out.push_back(read(*r));
  return out;
}

std::string password_hash(Connection& db, StaffAccountId id) {
  auto r = db.query("SELECT password_hash FROM staff_accounts WHERE id = ?", params(id));
  return r->next() ? r->str(0) : std::string();
}

void set_password_hash(Connection& db, StaffAccountId id, std::string_view hash) {
  if (hash.empty()) throw FieldError("password_hash", Text(kNoHash));
  db.execute(
      "UPDATE staff_accounts SET password_hash = ?, failures = 0, locked_until = NULL "
      "WHERE id = ?",
      params(hash, id));
}

identity::Lockout lockout(Connection& db, StaffAccountId id) {
  auto r = db.query("SELECT failures, locked_until FROM staff_accounts WHERE id = ?", params(id));
  if (!r->next()) return {};
  return {int(r->i64(0)), r->opt_instant(1)};
}

void set_lockout(Connection& db, StaffAccountId id, const identity::Lockout& l) {
  db.execute("UPDATE staff_accounts SET failures = ?, locked_until = ? WHERE id = ?",
             params(std::int64_t{l.failures}, l.locked_until, id));
}

bool retire(Connection& db, StaffAccountId id, Instant now) {
  web::revoke_sessions_of(db, id);
  return db.execute("UPDATE staff_accounts SET retired_at = ? WHERE id = ? AND retired_at IS NULL",
                    params(now, id)) == 1;
}

}  // namespace vstation::store::staff
