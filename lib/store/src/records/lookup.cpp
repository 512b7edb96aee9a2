#include "vstation/store/lookup.hpp"

#include <stdexcept>

#include "vstation/domain/text_util.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store {
namespace {
constexpr Msg kNoStation{"no station with code '{}'", "没有代码为“{}”的站点"};
constexpr Msg kNoVolunteer{"no volunteer with number '{}'", "没有编号为“{}”的志愿者"};
constexpr Msg kNoProject{"no project with code '{}'", "没有编号为“{}”的项目"};
constexpr Msg kNoSkill{"no skill with code '{}'", "没有代码为“{}”的技能"};
constexpr Msg kNoStations{"the database has no station yet; add one with 'vstation station add'",
                          "数据库中还没有站点；请用“vstation station add”添加"};
constexpr Msg kWhichStation{"the database holds {} stations; choose one with --station",
                            "数据库中有 {} 个站点；请用 --station 指定"};
constexpr Msg kGone{"record {} no longer exists", "记录 {} 已不存在"};

// Codes are looked up for every row of an import: found without a copy (the maps hash and
// compare string_views), copied only when first stored.
std::string key(std::string_view s) { return std::string(trim(s)); }
}  // namespace

StationId Lookup::station(std::string_view code) {
  if (last_station_ && trim(code) == last_station_->code) return last_station_->id;
  if (auto it = station_ids_.find(trim(code)); it != station_ids_.end()) {
    last_station_ = {it->first, it->second};
    return it->second;
  }
  auto k = key(code);
  auto s = stations::find(db_, k);
  if (!s) throw DataError(kNoStation, k);
  station_ids_[k] = s->id;
  stations_[s->id] = *s;
  return s->id;
}

const Station& Lookup::station_record(StationId id) {
  if (last_station_record_ && last_station_record_->id == id) return *last_station_record_;
  if (auto it = stations_.find(id); it != stations_.end())
    return *(last_station_record_ = &it->second);
  auto s = stations::get(db_, id);
  if (!s) throw DataError(kGone, id.value);
  return *(last_station_record_ = &(stations_[id] = *s));
}

StationId Lookup::default_station() {
  auto all = stations::all(db_);
  if (all.empty()) throw DataError(kNoStations);
  if (all.size() > 1) throw UsageError(kWhichStation, all.size());
  stations_[all.front().id] = all.front();
  return all.front().id;
}

VolunteerId Lookup::volunteer(std::string_view number) {
  if (auto it = volunteer_ids_.find(trim(number)); it != volunteer_ids_.end()) return it->second;
  auto k = key(number);
  auto v = volunteers::find(db_, k);
  if (!v) throw DataError(kNoVolunteer, k);
  volunteer_ids_[k] = v->id;
  volunteers_[v->id] = *v;
  return v->id;
}

const Volunteer& Lookup::volunteer_record(VolunteerId id) {
  if (auto it = volunteers_.find(id); it != volunteers_.end()) return it->second;
  auto v = volunteers::get(db_, id);
  if (!v) throw DataError(kGone, id.value);
  return volunteers_[id] = *v;
}

void Lookup::hold_codes() {
  for (auto& s : stations::all(db_)) {  // a few thousand at most, and the rows need them whole
    station_ids_.emplace(s.code, s.id);
    stations_.try_emplace(s.id, std::move(s));
  }
  volunteers::numbers(db_, kHeldCodes,
                      [&](std::string_view n, VolunteerId id) { volunteer_ids_.emplace(n, id); });
  projects::codes(db_, kHeldCodes,
                  [&](std::string_view c, ProjectId id) { project_ids_.emplace(c, id); });
}

AuditId Lookup::append_audit(const AuditEntry& e) {
  return audit_batch_ ? audit_batch_->append(e) : audit::append(db_, e);
}

const Lookup::Author& Lookup::author() const {
  if (!author_) throw std::logic_error("store::Lookup: the command gave no author and clock");
  return *author_;
}

ProjectId Lookup::project(std::string_view code) {
  if (last_project_ && trim(code) == last_project_->code) return last_project_->id;
  if (auto it = project_ids_.find(trim(code)); it != project_ids_.end()) {
    last_project_ = {it->first, it->second};
    return it->second;
  }
  auto k = key(code);
  auto p = projects::find(db_, k);
  if (!p) throw DataError(kNoProject, k);
  project_ids_[k] = p->id;
  projects_[p->id] = *p;
  return p->id;
}

const Project& Lookup::project_record(ProjectId id) {
  if (auto it = projects_.find(id); it != projects_.end()) return it->second;
  auto p = projects::get(db_, id);
  if (!p) throw DataError(kGone, id.value);
  return projects_[id] = *p;
}

SkillId Lookup::skill(std::string_view code) {
  if (auto it = skill_ids_.find(trim(code)); it != skill_ids_.end()) return it->second;
  auto k = key(code);
  auto s = skills::find(db_, k);
  if (!s) throw DataError(kNoSkill, k);
  skill_ids_[k] = s->id;
  skill_codes_[s->id] = s->code;
  return s->id;
}

std::string Lookup::skill_code(SkillId id) {
  if (auto it = skill_codes_.find(id); it != skill_codes_.end()) return it->second;
  auto s = skills::get(db_, id);
  if (!s) throw DataError(kGone, id.value);
  return skill_codes_[id] = s->code;
}

void Lookup::write_waiting() {
  for (auto& [_, scratch] : scratch_) scratch->write_waiting(db_);
}

void Lookup::clear() {
  write_waiting();  // an edit follows: what waits goes first
  last_station_.reset();
  last_project_.reset();
  last_station_record_ = nullptr;
  station_ids_.clear();
  stations_.clear();
  volunteer_ids_.clear();
  volunteers_.clear();
  project_ids_.clear();
  projects_.clear();
  skill_ids_.clear();
  skill_codes_.clear();
  scratch_.clear();
}

}  // namespace vstation::store
