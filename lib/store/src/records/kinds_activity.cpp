// Record kinds: historical sessions, the service log (incidents) and trainings.

#include <future>

#include "bulk_rows.hpp"
#include "records/field_parsers.hpp"
#include "records/pending_rows.hpp"
#include "records/session_index.hpp"
#include "records/typed_kind.hpp"
#include "vstation/domain/audit_text.hpp"
#include "vstation/domain/hours_policy.hpp"
#include "vstation/domain/text_util.hpp"
#include "vstation/store/credit_totals.hpp"
#include "vstation/store/day_totals.hpp"
#include "vstation/store/incident_totals.hpp"
#include "vstation/store/quarter_service.hpp"
#include "vstation/store/repos.hpp"
#include "vstation/store/session_queries.hpp"
#include "vstation/store/shift_fill.hpp"

namespace vstation::store {
namespace {

constexpr Msg kOutBeforeIn{"the check-out ({}) is before the check-in ({})",
                           "签退时间（{}）早于签到时间（{}）"};
constexpr Msg kOpenWithOut{"an open session cannot have a check-out", "进行中的签到不能有签退时间"};
constexpr Msg kConfirmNeedsShift{"a confirmed forgotten check-out needs a rostered shift",
                                 "确认忘记签退需要对应的排班班次"};
constexpr Msg kBadStatus{"'{}' is not a status a session can be imported with (closed, auto_closed, "
                         "confirmed, rejected, open)",
                         "“{}”不是可导入的签到状态（closed、auto_closed、confirmed、rejected、open）"};
constexpr Msg kOverlap{"overlaps another session of {}", "与 {} 的另一条签到记录重叠"};
constexpr Msg kShiftElsewhere{"shift {} is not at station {}", "班次 {} 不属于站点 {}"};
constexpr Msg kNoSuchShift{"no shift numbered {}", "没有班次号为 {} 的班次"};
constexpr Msg kBadShift{"'{}' is not a shift number or 'walk-in'", "“{}”不是班次号或“walk-in”"};
constexpr Msg kShiftEndedBeforeIn{"shift {} ended at {}, before the check-in ({}); a confirmed forgotten "
                                  "check-out ends at its shift's end",
                                  "班次 {} 于 {} 结束，早于签到时间（{}）；确认的忘记签退以班次结束时间为签退时间"};

// A session as it arrives in a file: the shift is matched once every column is read.
struct SessionRow {
  Session s;
  std::string shift_text;
  std::optional<SessionStatus> status;
};

// A time something happened at the station, local to it: not later than the command's clock.
Instant happened(std::string_view v, StationId st, Lookup& l) {
  const TimeZone& zone = l.station_record(st).zone;
  Instant t = parse_instant(v, zone);
  if (auto why = later_than_now(t, l.now(), zone)) throw DataError(*why);
  return t;
}

bool is_walk_in_word(std::string_view v) {
  auto t = ascii_lower(v);
  return t == "walk-in" || t == "walkin" || t == "walk_in" || v == "临时";
}

void insert_session(Connection& db, Lookup& l, SessionRow& r) {
  Session& s = r.s;
  const Station& st = l.station_record(s.station);
  if (s.raw_out && *s.raw_out < s.raw_in)
    throw FieldError("check_out", Text::of(kOutBeforeIn, format_local(*s.raw_out, st.zone),
                                           format_local(s.raw_in, st.zone)));
  // The roster and the volunteer's sessions are asked once per volunteer, not per row.
  auto& index = l.scratch<SessionIndex>();
  // Which shift: named, a walk-in, or the volunteer's rostered shift around the check-in.
  std::optional<shifts::RosteredShift> shift;
  if (!r.shift_text.empty() && !is_walk_in_word(r.shift_text)) {
    long long id = 0;
    if (!parse_int(r.shift_text, id)) throw FieldError("shift", Text::of(kBadShift, r.shift_text));
    auto named = shifts::get(db, ShiftId{id});
    if (!named) throw FieldError("shift", Text::of(kNoSuchShift, id));
    if (named->station != s.station) throw FieldError("shift", Text::of(kShiftElsewhere, id, st.code));
    shift = shifts::RosteredShift{named->id, named->station, named->project, named->time};
  } else if (r.shift_text.empty()) {
    shift = index.rostered_at(db, s.volunteer, s.station, s.raw_in,
                              st.settings.early_allowance_minutes, s.project);
  }
  if (shift) {
    s.shift = shift->id;
    s.project = shift->project;
  }
  SessionStatus status = r.status.value_or(s.raw_out ? SessionStatus::closed : SessionStatus::auto_closed);
  if (status == SessionStatus::open && s.raw_out) throw FieldError("status", Text(kOpenWithOut));
  if (status == SessionStatus::corrected) throw FieldError("status", Text::of(kBadStatus, code_of(status)));
  // The kiosk's rule: a check-out past the session's deadline makes it a forgotten check-out,
  // kept with its check-out for review and credited nothing until then.
  if (status == SessionStatus::closed &&
      is_overdue(s.raw_in, shift ? std::optional<TimeRange>(shift->time) : std::nullopt, *s.raw_out, st))
    status = SessionStatus::auto_closed;
  s.status = status;
  s.effective_in = s.raw_in;
  s.effective_out = status == SessionStatus::auto_closed ? std::nullopt : s.raw_out;
  if (status == SessionStatus::confirmed && !s.raw_out) {
    if (!shift) throw FieldError("status", Text(kConfirmNeedsShift));
    if (shift->time.end < s.raw_in)
      throw FieldError("shift", Text::of(kShiftEndedBeforeIn, shift->id.value,
                                         format_local(shift->time.end, st.zone),
                                         format_local(s.raw_in, st.zone)));
    s.effective_out = shift->time.end;  // confirmed to the rostered end
  }
  // The row is judged by what it will occupy once stored, as stored sessions are judged
  // (sessions::overlaps_existing), so that the order rows arrive in cannot change the answer:
  // its effective times; an open session everything after its check-in; one without a
  // check-out (awaiting review) its check-in instant only; a rejected one nothing.
  if (status != SessionStatus::rejected) {
    std::optional<Instant> until = s.effective_out;
    if (!until && status != SessionStatus::open) until = Instant{s.effective_in.seconds + 1};
    if (index.overlaps(db, s.volunteer, s.effective_in, until))
      throw FieldError("check_in", Text::of(kOverlap, l.volunteer_number(s.volunteer)));
  }
  bool counts = status == SessionStatus::closed || status == SessionStatus::confirmed;
  s.credited_minutes =
      counts && s.effective_out
          ? credited_minutes(s.effective_in, *s.effective_out,
                             shift ? std::optional<TimeRange>(shift->time) : std::nullopt, st.settings)
          : 0;
  s.id = index.insert(db, s, l.line());
  index.added(s);
  // A session arriving reviewed or awaiting review says so in the audit trail, like one here:
  // by a file's import, or entered by a coordinator's command.
  if (status != SessionStatus::closed && status != SessionStatus::open) {
    bool imported = l.via() == Lookup::Via::import;
    AuditEntry e;
    e.at = l.now();
    e.actor = l.actor();
    e.entity = "session";
    e.entity_id = s.id.value;
    e.action = (imported ? audit_text::kImport : audit_text::kAdd).en;
    e.reason = r.status == status
                   ? audit_text::stored(imported ? audit_text::kImportedAs : audit_text::kAddedAs,
                                        code_of(status))
                   : audit_text::stored(imported ? audit_text::kImportedOverdue
                                                 : audit_text::kAddedOverdue);
    e.new_value = describe(s, st.zone);
    l.append_audit(e);
  }
}

// A large import: the overlap check reads every volunteer's sessions from memory, when they fit.
void hold_sessions(Connection& db, Lookup& l) {
  if (!l.scratch<SessionIndex>().hold_all(db)) return;
  // The rows are written behind from here on (PendingSessions): their volunteers and projects
  // are found without waiting for the writer.
  l.hold_codes();
}

// What the sessions' triggers set aside by a bulk import would have counted for its rows, from the
// rows the import kept (or else read back before the connection is handed over): the credit and
// each shift's volunteers counted here, the quarter totals on a thread of their own, while the
// import's writer builds the indexes; then written (the shift fill may read by those indexes).
void sessions_caught_up(Connection& db, Lookup* l, std::int64_t after,
                        const std::function<void()>& build_indexes) {
  auto kept = l ? l->scratch<SessionIndex>().take_credited_after(after) : std::nullopt;
  const auto credited = kept ? std::move(*kept) : credit::credited_after(db, after);
  build_indexes();
  auto quarters = std::async(std::launch::async, [&] { return quarter_service::count(credited); });
  std::vector<shift_fill::Counted> filled;
  std::vector<day_totals::Row> days;
  try {
    auto c = credit::count(credited);
    filled = shift_fill::count(credited);
    days = day_totals::count_sessions(credited);
    credit::add_counted(db, c);
  } catch (...) {
    quarters.wait();
    throw;
  }
  quarter_service::add_counted(db, quarters.get());
  auto f = shift_fill::add_counted(db, after, filled);
  day_totals::add_counted(db, days, f);
}

session_queries::SessionFilter session_filter(const ListFilter& f) {
  std::optional<SessionStatus> status;
  if (f.status) status = parse_enum<SessionStatus>(*f.status);
  return {f.volunteer, f.station, f.from, f.to, status};
}

using S = Field<SessionRow>;
std::unique_ptr<RecordKind> session_kind() {
  KindSpec<SessionRow> k;
  k.name = "sessions";
  k.singular = "session";
  k.title = {"sessions", "签到记录"};
  k.noun = {"session", "签到记录"};
  k.fields = {
      S{{"volunteer", "志愿者编号", {"volunteer number", "志愿者编号"}, true},
        [](SessionRow& r, std::string_view v, Lookup& l) { r.s.volunteer = l.volunteer(v); },
        [](const SessionRow& r, Lookup& l) { return l.volunteer_number(r.s.volunteer); }},
      S{{"station", "站点", {"station code", "站点代码"}, true},
        [](SessionRow& r, std::string_view v, Lookup& l) { r.s.station = l.station(v); },
        [](const SessionRow& r, Lookup& l) { return l.station_code(r.s.station); }},
      S{{"project", "项目编号", {"project served (for walk-ins)", "服务项目（临时签到时填写）"}},
        [](SessionRow& r, std::string_view v, Lookup& l) { r.s.project = l.project(v); },
        [](const SessionRow& r, Lookup& l) {
          return r.s.project ? l.project_code(*r.s.project) : "";
        }},
      S{{"shift",
         "班次",
         {"shift number, 'walk-in', or empty to match the roster",
          "班次号、“walk-in”，或留空按排班匹配"}},
        [](SessionRow& r, std::string_view v, Lookup&) { r.shift_text = v; },
        [](const SessionRow& r, Lookup&) {
          return r.s.shift ? std::to_string(r.s.shift->value) : std::string("walk-in");
        }},
      S{{"check_in", "签到时间", {"check-in time", "签到时间"}, true},
        [](SessionRow& r, std::string_view v, Lookup& l) {
          r.s.raw_in = happened(v, r.s.station, l);
        },
        [](const SessionRow& r, Lookup& l) {
          return format_local(r.s.raw_in, l.station_record(r.s.station).zone);
        }},
      S{{"check_out",
         "签退时间",
         {"check-out time (empty: forgotten)", "签退时间（空：忘记签退）"}},
        [](SessionRow& r, std::string_view v, Lookup& l) {
          r.s.raw_out = happened(v, r.s.station, l);
        },
        [](const SessionRow& r, Lookup& l) {
          return r.s.raw_out ? format_local(*r.s.raw_out, l.station_record(r.s.station).zone) : "";
        }},
      labelled<SessionStatus>(
          S{{"status",
             "状态",
             {"closed, auto_closed, confirmed, rejected or open",
              "closed、auto_closed、confirmed、rejected 或 open"}},
            [](SessionRow& r, std::string_view v, Lookup&) {
              try {
                r.status = parse_enum<SessionStatus>(v);
              } catch (const ParseError&) {
                throw ParseError(kBadStatus, v);
              }
            },
            [](const SessionRow& r, Lookup&) { return std::string(code_of(r.s.status)); }}),
      computed(
          S{{"credited_minutes",
             "计入分钟",
             {"credited minutes (worked out from the times and the station's rules)",
              "计入分钟（按时间和服务站规则计算）"}},
            [](SessionRow&, std::string_view, Lookup&) {},
            [](const SessionRow& r, Lookup&) { return std::to_string(r.s.credited_minutes); }}),
      S{{"note", "备注", {"note", "备注"}},
        [](SessionRow& r, std::string_view v, Lookup&) { r.s.note = v; },
        [](const SessionRow& r, Lookup&) { return r.s.note; }},
  };
  k.insert = insert_session;
  // The overlap check reads a volunteer's sessions by sessions_by_volunteer (SessionIndex), or
  // from memory when it can hold the whole table; the credit totals, quarter service and shift
  // fill of the added sessions are counted once at the end (the one insert trigger that passes a
  // credited session on to those counts, schema 23, is set aside meanwhile). A row's volunteer,
  // station, project and shift are each found before it is written (Lookup, insert_session).
  // Both kept indexes are written by the import's writer thread in the time it waits for the
  // checks: a file's sessions come in time order, as their shifts were made, so
  // sessions_by_shift grows mostly at its end; sessions_by_volunteer, built again afterwards,
  // cost the import a second more (a million sessions: 0.9 s of index builds after the rows
  // against 1.8-2.3 s with both set aside).
  k.bulk = {"sessions",
            {"sessions_by_volunteer", "sessions_by_shift"},
            {"sessions_credited_insert"},
            &sessions_caught_up,
            &hold_sessions,
            true};
  k.held = [](const SessionRow& r) {
    return r.s.status == SessionStatus::auto_closed && r.status != SessionStatus::auto_closed;
  };
  k.all = [](Connection& db, Lookup&, const ListFilter& f) {
    std::vector<SessionRow> out;
    auto found = f.any() ? session_queries::find(db, session_filter(f)) : sessions::all(db);
    for (auto& s : found) out.push_back({std::move(s), "", std::nullopt});
    return out;
  };
  k.filters = with_status<SessionStatus>({.volunteer = true, .station = true, .days = true});
  return make_kind(std::move(k));
}

// Shared by incidents and trainings: a station and an instant local to it.
Instant local_instant(std::string_view v, StationId st, Lookup& l) {
  return parse_instant(v, l.station_record(st).zone);
}
std::string local_text(Instant t, StationId st, Lookup& l) {
  return format_local(t, l.station_record(st).zone);
}

// A large import's incidents, written many to a statement (records/pending_rows.hpp): nothing of
// the import reads the table but k.find, which has them written first.
using PendingIncidents =
    PendingRows<StoredRows<Incident, &incidents::next_id, &incidents::values_with_ids,
                           &incidents::insert_values>>;

using I = Field<Incident>;
std::unique_ptr<RecordKind> incident_kind() {
  KindSpec<Incident> k;
  k.name = "incidents";
  k.singular = "incident";
  k.title = {"service log", "服务记录"};
  k.noun = {"service log entry", "服务记录"};
  k.fields = {
      I{{"id",
         "编号",
         {"record number (assigned when added)", "记录编号（添加时分配）"},
         false,
         true},
        [](Incident&, std::string_view, Lookup&) {},
        [](const Incident& r, Lookup&) { return std::to_string(r.id.value); }},
      I{{"station", "站点", {"station code", "站点代码"}, true},
        [](Incident& r, std::string_view v, Lookup& l) { r.station = l.station(v); },
        [](const Incident& r, Lookup& l) { return l.station_code(r.station); }},
      I{{"project", "项目编号", {"project code", "项目编号"}},
        [](Incident& r, std::string_view v, Lookup& l) { r.project = l.project(v); },
        [](const Incident& r, Lookup& l) { return r.project ? l.project_code(*r.project) : ""; }},
      labelled<IncidentType>(
          I{{"type", "类型", {"type of service", "服务类型"}, true},
            [](Incident& r, std::string_view v, Lookup&) { r.type = parse_enum<IncidentType>(v); },
            [](const Incident& r, Lookup&) { return std::string(code_of(r.type)); }}),
      I{{"time", "时间", {"when it happened", "发生时间"}, true},
        [](Incident& r, std::string_view v, Lookup& l) { r.at = happened(v, r.station, l); },
        [](const Incident& r, Lookup& l) { return local_text(r.at, r.station, l); }},
      I{{"people_served", "服务人数", {"people served", "服务人数"}},
        [](Incident& r, std::string_view v, Lookup&) {
          r.people_served = cells::integer(v, 0, 1'000'000);
        },
        [](const Incident& r, Lookup&) { return std::to_string(r.people_served); }},
      I{{"volunteers",
         "志愿者",
         {"volunteers involved (V0001;V0002)", "参与志愿者（V0001;V0002）"}},
        [](Incident& r, std::string_view v, Lookup& l) {
          r.volunteers = cells::volunteer_list(v, l);
        },
        [](const Incident& r, Lookup& l) { return cells::volunteer_list_text(r.volunteers, l); }},
      I{{"note", "备注", {"note", "备注"}},
        [](Incident& r, std::string_view v, Lookup&) { r.note = v; },
        [](const Incident& r, Lookup&) { return r.note; }},
  };
  k.insert = [](Connection& db, Lookup& l, Incident& i) {
    auto& pending = l.scratch<PendingIncidents>();
    i.id = pending.open() ? pending.add(db, i, l.line()) : incidents::insert(db, i);
  };
  // The incident totals of the added incidents are summed once at the end; a large import's rows
  // are written many to a statement, behind.
  k.bulk = {
      "incidents",
      {},
      {"incident_totals_insert"},
      [](Connection& db, Lookup*, std::int64_t after, const std::function<void()>& build_indexes) {
        build_indexes();  // the sums read the new incidents back
        incident_totals::add_incidents_after(db, after);
      },
      &write_behind_from_here<PendingIncidents>};
  k.find = [](Connection& db, Lookup& l, std::string_view key) -> std::optional<Incident> {
    l.write_waiting();  // an incident of the import still waiting is found too
    long long id = 0;
    if (!parse_int(key, id)) return std::nullopt;
    return incidents::get(db, IncidentId{id});
  };
  k.update = [](Connection& db, Lookup&, const Incident& i) { incidents::update(db, i); };
  // A withdrawn log entry leaves the totals; the audit trail keeps what it was.
  k.remove = [](Connection& db, Lookup& l, const Incident& i, const RetireRequest& request) {
    AuditEntry e;
    e.at = request.now;
    e.actor = "coordinator";
    e.entity = "incident";
    e.entity_id = i.id.value;
    e.action = "retire";
    e.old_value = std::string(code_of(i.type)) + " " + local_text(i.at, i.station, l) + " served " +
                  std::to_string(i.people_served) + " " + i.note;
    audit::append(db, e);
    incidents::remove(db, i.id);
  };
  k.all = [](Connection& db, Lookup&, const ListFilter& f) { return incidents::all(db, f); };
  k.filters = {.volunteer = true, .station = true, .days = true};
  return make_kind(std::move(k));
}

using T = Field<Training>;
std::unique_ptr<RecordKind> training_kind() {
  KindSpec<Training> k;
  k.name = "trainings";
  k.singular = "training";
  k.title = {"trainings", "培训"};
  k.noun = {"training", "培训"};
  k.fields = {
      T{{"station", "站点", {"station code", "站点代码"}, true},
        [](Training& r, std::string_view v, Lookup& l) { r.station = l.station(v); },
        [](const Training& r, Lookup& l) { return l.station_code(r.station); }},
      T{{"topic", "主题", {"topic", "培训主题"}, true},
        [](Training& r, std::string_view v, Lookup&) { r.topic = v; },
        [](const Training& r, Lookup&) { return r.topic; }},
      T{{"start", "开始时间", {"start time", "开始时间"}, true},
        [](Training& r, std::string_view v, Lookup& l) { r.starts = local_instant(v, r.station, l); },
        [](const Training& r, Lookup& l) { return local_text(r.starts, r.station, l); }},
      T{{"minutes", "时长分钟", {"length in minutes", "时长（分钟）"}, true},
        [](Training& r, std::string_view v, Lookup&) { r.minutes = cells::integer(v, 1, 24 * 60); },
        [](const Training& r, Lookup&) { return std::to_string(r.minutes); }},
      T{{"skill", "授予技能", {"skill granted to attendees", "授予参加者的技能"}},
        [](Training& r, std::string_view v, Lookup& l) { r.grants = l.skill(v); },
        [](const Training& r, Lookup& l) { return r.grants ? l.skill_code(*r.grants) : ""; }},
      T{{"valid_months", "有效月数", {"months the skill stays valid", "技能有效月数"}},
        [](Training& r, std::string_view v, Lookup&) { r.valid_months = cells::integer(v, 0, 600); },
        [](const Training& r, Lookup&) { return std::to_string(r.valid_months); }},
      T{{"attendees", "参加者", {"attendees (V0001;V0002)", "参加者（V0001;V0002）"}},
        [](Training& r, std::string_view v, Lookup& l) { r.attendees = cells::volunteer_list(v, l); },
        [](const Training& r, Lookup& l) { return cells::volunteer_list_text(r.attendees, l); }},
  };
  k.insert = [](Connection& db, Lookup& l, Training& t) {
    TrainingId id = incidents::insert_training(db, t);
    if (!t.grants) return;
    // Attending grants the skill from the training day for valid_months.
    Date day = local_date(t.starts, l.station_record(t.station).zone);
    auto ymd = day.ymd() + std::chrono::months(t.valid_months);
    if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;
    std::optional<Date> expires;
    if (t.valid_months > 0) expires = Date(std::chrono::sys_days(ymd)).plus_days(-1);
    for (auto v : t.attendees) {
      // A certification file imported before (an export lists the ones trainings granted)
      // may hold it already: that is the same grant, not a conflict.
      try {
        AllOrNothing survived(db, false);  // the transaction goes on past a refused grant
        skills::add_certification(db, {v, *t.grants, day, expires}, id);
      } catch (const StoreError& e) {
        if (e.fault() != StoreFault::unique) throw;
      }
    }
  };
  k.all = [](Connection& db, Lookup&, const ListFilter& f) { return incidents::trainings(db, f); };
  k.filters = {.volunteer = true, .station = true, .days = true};
  return make_kind(std::move(k));
}

}  // namespace

void add_activity_kinds(std::vector<std::unique_ptr<RecordKind>>& out) {
  out.push_back(session_kind());
  out.push_back(incident_kind());
  out.push_back(training_kind());
}

}  // namespace vstation::store
