// `migrate`: a station database into a district database. See district.hpp.

#include "vstation/store/district.hpp"

#include <algorithm>
#include <map>
#include <variant>

#include "district_tables.hpp"
#include "vstation/store/audit_chain.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/seal.hpp"

namespace vstation::store::district {
namespace {

constexpr Msg kUnsealed{
    "session {} of the station file was changed outside vstation (it no longer matches its seal); "
    "run `vstation check` on it; nothing was migrated",
    "站点文件中的签到记录 {} 曾在 vstation 之外被修改（与封记不符）；请先对其运行“vstation check”；未迁移任何数据"};

constexpr Msg kCodeClash{
    "{} '{}' of station '{}' has the code of another station's ({}) in the district database; "
    "codes of {} are unique in a district: give one of them another code first; nothing was "
    "migrated",
    "服务站“{2}”的{0}“{1}”与区级数据库中另一服务站（{3}）的代码相同；区内{4}代码必须唯一："
    "请先为其中一个改用其他代码；未迁移任何数据"};
constexpr Msg kDangling{
    "{} {} of the station file refers to {} {}, which it does not hold; run `vstation check` on "
    "it; nothing was migrated",
    "站点文件中的 {} {} 引用了不存在的 {} {}；请先对其运行“vstation check”；未迁移任何数据"};

}  // namespace

// The tables `migrate` copies, with their columns and references (district_tables.hpp).
const std::vector<Spec>& specs() {
  static const std::vector<Spec> s{
      {"stations", "code", true,
       {"code", "name", "location", "time_zone", "opens_min", "closes_min", "rounding_min",
        "max_session_min", "early_allowance_min", "overtime_allowance_min", "min_rest_min", "walk_ins",
        "person_in_charge", "contact", "retired", "checkout_grace_min", "identification", "reminder_min",
        "cancel_deadline_hours"},
       {}},
      {"skills", "code", true, {"code", "name_en", "name_zh"}, {}},
      {"volunteers", "number", true,
       {"number", "name", "phone", "id_type", "id_number", "birth_date", "join_date", "status",
        "guardian_consent", "max_shifts_week", "max_minutes_week", "home_station_id", "pin_hash", "badge_token"},
       {{"home_station_id", "stations"}}},
      {"trainings", "", true, {"station_id", "topic", "starts_at", "minutes", "skill_id", "valid_months"},
       {{"station_id", "stations"}, {"skill_id", "skills"}}},
      {"training_attendees", "", false, {"training_id", "volunteer_id"},
       {{"training_id", "trainings"}, {"volunteer_id", "volunteers"}}},
      {"certifications", "", true, {"volunteer_id", "skill_id", "granted", "expires", "training_id"},
       {{"volunteer_id", "volunteers"}, {"skill_id", "skills"}, {"training_id", "trainings"}}},
      {"projects", "code", true,
       {"code", "station_id", "name", "category", "published", "starts", "ends", "description", "retired"},
       {{"station_id", "stations"}}},
      {"shift_templates", "code", true,
       {"code", "station_id", "project_id", "weekdays", "start_min", "end_min", "slots", "priority",
        "valid_from", "valid_to", "retired"},
       {{"station_id", "stations"}, {"project_id", "projects"}}},
      {"template_skips", "", true, {"station_id", "template_id", "day", "reason"},
       {{"station_id", "stations"}, {"template_id", "shift_templates"}}},
      {"template_minimums", "", false, {"template_id", "skill_id", "min_count"},
       {{"template_id", "shift_templates"}, {"skill_id", "skills"}}},
      {"shifts", "", true,
       {"station_id", "project_id", "template_id", "starts_at", "ends_at", "slots", "priority", "cancelled",
        "credited_volunteers"},
       {{"station_id", "stations"}, {"project_id", "projects"}, {"template_id", "shift_templates"}}},
      {"shift_minimums", "", false, {"shift_id", "skill_id", "min_count"},
       {{"shift_id", "shifts"}, {"skill_id", "skills"}}},
      {"availability", "", true, {"volunteer_id", "weekday", "start_min", "end_min", "preference"},
       {{"volunteer_id", "volunteers"}}},
      {"availability_exceptions", "", true, {"volunteer_id", "day", "start_min", "end_min", "available"},
       {{"volunteer_id", "volunteers"}}},
      {"assignments", "", true, {"shift_id", "volunteer_id", "status", "source", "pinned"},
       {{"shift_id", "shifts"}, {"volunteer_id", "volunteers"}}},
      {"sessions", "", true,
       {"volunteer_id", "station_id", "shift_id", "project_id", "raw_in", "raw_out", "eff_in", "eff_out",
        "status", "credited_min", "note", "proposed_out", "seal"},
       {{"volunteer_id", "volunteers"}, {"station_id", "stations"}, {"shift_id", "shifts"},
        {"project_id", "projects"}}},
      {"incidents", "", true, {"station_id", "project_id", "type", "at", "people_served", "note"},
       {{"station_id", "stations"}, {"project_id", "projects"}}},
      {"incident_volunteers", "", false, {"incident_id", "volunteer_id"},
       {{"incident_id", "incidents"}, {"volunteer_id", "volunteers"}}},
      {"kiosk_lockouts", "", false, {"volunteer_id", "failures", "locked_until"},
       {{"volunteer_id", "volunteers"}}},
      // The web face's lasting credentials: a paired tablet and a calendar subscription keep
      // working in the district. Web sessions, sign-in codes, station secrets and rate-limit
      // attempts are short-lived and stay behind (people sign in again); so do staff accounts
      // (logins are per database: the district makes its own with `vstation user add`), and so
      // do published weeks (their digests name this database's ids; the audit rows remain).
      {"paired_devices", "", true, {"station_id", "name", "token_hash", "created_at", "revoked"},
       {{"station_id", "stations"}}},
      {"calendar_feeds", "", true, {"volunteer_id", "token_hash", "created_at", "revoked"},
       {{"volunteer_id", "volunteers"}}},
      {"settings", "", false, {"key", "value"}, {}},
      {"certificates", "", true,
       {"serial", "station_id", "volunteer_id", "year", "seq", "period_from", "period_to", "issued_on",
        "issued_at", "minutes", "digest"},
       {{"station_id", "stations"}, {"volunteer_id", "volunteers"}}},
      {"attendance_aggregates", "", true,
       {"station_id", "project_id", "day", "shift_label", "event", "category", "attended", "minutes",
        "demand", "source"},
       {{"station_id", "stations"}, {"project_id", "projects"}}},
  };
  return s;
}

const std::vector<LeftBehind>& tables_left_behind() {
  static const std::vector<LeftBehind> s{
      {"audit", "appended again by audit::append (copy_audit): chained in the district's order"},
      {"web_sessions", "short-lived: people sign in again"},
      {"signin_codes", "short-lived: people sign in again"},
      {"kiosk_conversations", "short-lived: belongs to a web session"},
      {"device_pair_codes", "short-lived: a device is paired again"},
      {"station_secrets", "check-in codes come from a secret the district makes on first use"},
      {"rate_attempts", "short-lived: rate limiting per server"},
      {"staff_accounts",
       "logins are per database: the district makes its own (`vstation user add`)"},
      {"credit_totals", "derived: the sessions' triggers count it again as the sessions arrive"},
      {"quarter_service", "derived: the sessions' triggers count it again as the sessions arrive"},
      {"day_totals",
       "derived: the sessions' and shifts' triggers count it again as the rows arrive"},
      {"project_shifts", "derived: the shifts' triggers count it again as the shifts arrive"},
      {"incident_totals",
       "derived: the incidents' triggers count it again as the incidents arrive"},
      {"roster_publications",
       "a published week's digest names this database's ids: the district publishes again"},
  };
  return s;
}

namespace {

// Audit rows name what they are about by entity; their ids move with that table.
const std::map<std::string, std::string, std::less<>> kAuditEntities{
    {"session", "sessions"}, {"incident", "incidents"}, {"volunteer", "volunteers"},
    {"station", "stations"}, {"shift", "shifts"},       {"assignment", "assignments"},
    {"roster_week", "stations"}};

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

class Copier {
 public:
  Copier(Connection& from, Connection& to, std::string source)
      : from_(from), to_(to), source_(std::move(source)) {
    auto r = to_.query("SELECT entity, source_id, target_id FROM migrated_ids WHERE source = ?", params(source_));
    while (r->next()) ids_[r->str(0)][r->i64(1)] = r->i64(2);
  }

  TableCount copy(const Spec& s) {
    if (s.table == "sessions") refuse_unsealed();
    TableCount count{s.table};
    std::string cols = join(s.columns, ", ");
    auto rows = from_.query("SELECT " + std::string(s.has_id ? "id, " : "") + cols + " FROM " + s.table +
                            (s.has_id ? " ORDER BY id" : ""));
    std::string marks = "?";
    for (std::size_t i = 1; i < s.columns.size(); ++i) marks += ", ?";
    std::string insert = "INSERT INTO " + s.table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT DO NOTHING" +
                         (s.has_id ? " RETURNING id" : "");
    int off = s.has_id ? 1 : 0;
    while (rows->next()) {
      std::int64_t old_id = s.has_id ? rows->i64(0) : 0;
      auto& map = ids_[s.table];
      if (s.has_id && map.count(old_id)) {
        ++count.already;
        continue;
      }
      std::vector<Value> args;
      for (std::size_t c = 0; c < s.columns.size(); ++c) {
        int col = int(c) + off;
        if (rows->is_null(col)) {
          args.emplace_back();
          continue;
        }
        const Fk* fk = nullptr;
        for (const auto& f : s.fks)
          if (f.column == s.columns[c]) fk = &f;
        if (!fk) {
          args.emplace_back(rows->str(col));
          continue;
        }
        auto to = ids_[fk->table].find(rows->i64(col));
        if (to == ids_[fk->table].end())
          throw DataError(kDangling, s.table, old_id, fk->table, rows->i64(col));
        args.emplace_back(to->second);
      }
      if (s.table == "settings" && rows->str(0) == chain::kHeadKey) continue;  // kept by audit::append
      if (!s.key.empty()) {
        auto existing = to_.scalar("SELECT id FROM " + s.table + " WHERE " + s.key + " = ?", params(rows->str(1)));
        if (existing) same_station(s, rows->str(1), *existing, args);
        if (existing) {
          map[old_id] = *existing;
          ++count.already;
          continue;
        }
      }
      if (!s.has_id) {
        to_.execute(insert, args) > 0 ? ++count.added : ++count.already;
        continue;
      }
      auto r = to_.query(insert, args);
      if (!r->next()) {  // the same row came from another station (a shared certification)
        ++count.already;
        continue;
      }
      std::int64_t id = r->i64(0);
      r.reset();
      // The seal covers the row's ids, which the district numbers anew: seal it again, as the
      // audit rows are chained again (the station file's seals were checked first).
      if (s.table == "sessions")
        to_.execute("UPDATE sessions SET seal = " + seal::sql("sessions") + " WHERE id = ?", params(id));
      map[old_id] = id;
      if (s.key.empty()) record(s.table, old_id, id);
      ++count.added;
    }
    return count;
  }

  TableCount copy_audit() {
    TableCount count{"audit"};
    auto rows = from_.query("SELECT id, at, actor, entity, entity_id, action, reason, old_value, new_value "
                            "FROM audit ORDER BY id");
    auto& map = ids_["audit"];
    while (rows->next()) {
      std::int64_t old_id = rows->i64(0);
      if (map.count(old_id)) {
        ++count.already;
        continue;
      }
      AuditEntry e{AuditId{0}, rows->instant(1), rows->str(2), rows->str(3), rows->i64(4),
                   rows->str(5), rows->str(6), rows->str(7), rows->str(8)};
      if (auto t = kAuditEntities.find(e.entity); t != kAuditEntities.end()) {
        auto& ids = ids_[t->second];
        if (auto it = ids.find(e.entity_id); it != ids.end()) e.entity_id = it->second;
      }
      auto id = audit::append(to_, e);  // chained again in the district's order
      map[old_id] = id.value;
      record("audit", old_id, id.value);
      ++count.added;
    }
    return count;
  }

 private:
  // A session changed behind the tool's back in the station file is not carried into the
  // district, where a new seal would hide the change.
  void refuse_unsealed() {
    auto bad = from_.scalar("SELECT MIN(id) FROM sessions s WHERE s.seal <> " + seal::sql("s"));
    if (bad) throw DataError(kUnsealed, *bad);
  }

  // A row matched by its code in the district must belong to the same station as the one copied
  // (a project, a shift template): two stations' "P001" are two projects, never one.
  void same_station(const Spec& s, const std::string& code, std::int64_t existing,
                    const std::vector<Value>& args) {
    auto at = std::find(s.columns.begin(), s.columns.end(), "station_id");
    if (at == s.columns.end()) return;
    const auto* mine = std::get_if<std::int64_t>(&args[std::size_t(at - s.columns.begin())]);
    auto theirs =
        to_.scalar("SELECT station_id FROM " + s.table + " WHERE id = ?", params(existing));
    if (mine && theirs == *mine) return;
    auto code_of = [&](std::int64_t station) {
      auto r = to_.query("SELECT code FROM stations WHERE id = ?", params(station));
      return r->next() ? r->str(0) : std::string("?");
    };
    const std::string what = s.table == "projects" ? "project" : "shift template";
    throw DataError(kCodeClash, what, code, code_of(mine ? *mine : 0), code_of(theirs.value_or(0)),
                    s.table);
  }

  void record(const std::string& entity, std::int64_t from, std::int64_t to) {
    to_.execute("INSERT INTO migrated_ids (source, entity, source_id, target_id) VALUES (?, ?, ?, ?)",
                params(source_, entity, from, to));
  }

  Connection& from_;
  Connection& to_;
  std::string source_;
  std::map<std::string, std::map<std::int64_t, std::int64_t>> ids_;
};

}  // namespace

bool QuarterCheck::same() const {
  return before.person_times == after.person_times && before.volunteers == after.volunteers &&
         before.credited_minutes == after.credited_minutes && before.walk_ins == after.walk_ins &&
         people_served_before == people_served_after && incidents_before == incidents_after;
}

bool Outcome::proven() const {
  for (const auto& q : quarters)
    if (!q.same()) return false;
  return true;
}

namespace {

void count_quarter(Connection& db, const stats::Period& p, stats::ServiceTotals& service,
                   std::int64_t& incidents, std::int64_t& served) {
  service = stats::service_totals(db, p);
  for (const auto& c : stats::incidents_by_type(db, p)) {
    incidents += c.count;
    served += c.people_served;
  }
}

}  // namespace

void prove(Connection& from, Connection& to, const std::vector<std::string>& codes, Outcome& out);

Outcome migrate(Connection& from, Connection& to) {
  Outcome out;
  std::vector<std::string> codes;
  for (auto r = from.query("SELECT code FROM stations ORDER BY code"); r->next();) codes.push_back(r->str(0));
  out.source = join(codes, ",");
  {
    Transaction tx(to);
    to.execute("CREATE TABLE IF NOT EXISTS migrated_ids (source TEXT NOT NULL, entity TEXT NOT NULL, "
               "source_id BIGINT NOT NULL, target_id BIGINT NOT NULL, PRIMARY KEY (source, entity, source_id))");
    Copier copier(from, to, out.source);
    for (const auto& s : specs()) out.tables.push_back(copier.copy(s));
    out.tables.push_back(copier.copy_audit());
    prove(from, to, codes, out);
    // All or nothing: totals that differ (a station file changed since an earlier run, whose
    // rows are not copied again) leave the district as it was.
    if (out.proven()) tx.commit();
  }
  return out;
}

// The proof: every quarter with activity, station by station, counted on both sides.
void prove(Connection& from, Connection& to, const std::vector<std::string>& codes, Outcome& out) {
  for (const auto& code : codes) {
    auto src = from.scalar("SELECT id FROM stations WHERE code = ?", params(code));
    auto dst = to.scalar("SELECT id FROM stations WHERE code = ?", params(code));
    auto span = stats::activity_span(from, StationId{*src});
    if (!span || !dst) continue;
    for (Quarter q = Quarter::of(span->first); q <= Quarter::of(span->last);
         q = q.quarter == 4 ? Quarter{q.year + 1, 1} : Quarter{q.year, q.quarter + 1}) {
      QuarterCheck c{code, q, {}, {}};
      count_quarter(from, {q.days(), StationId{*src}, std::nullopt}, c.before, c.incidents_before,
                    c.people_served_before);
      count_quarter(to, {q.days(), StationId{*dst}, std::nullopt}, c.after, c.incidents_after,
                    c.people_served_after);
      out.quarters.push_back(c);
    }
  }
}

}  // namespace vstation::store::district
