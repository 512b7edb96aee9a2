#include "vstation/planning/template_skips.hpp"

#include "vstation/domain/error.hpp"
#include "vstation/store/lookup.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::planning {
namespace {

constexpr Msg kNoTemplate{"no shift template with code '{}'", "没有编号为“{}”的班次模板"};
constexpr Msg kDoesNotRun{"template {} does not run on {} ({}): nothing to skip",
                          "模板 {} 在 {}（{}）本就不开班：无需停开"};
constexpr Msg kAlreadyTemplate{"template {} is already skipped on {}", "模板 {} 在 {} 已停开"};
constexpr Msg kAlreadyStation{"every template of station {} is already skipped on {}",
                              "站点 {} 的全部模板在 {} 已停开"};
constexpr Msg kNotTemplate{"template {} is not skipped on {}", "模板 {} 在 {} 并未停开"};
constexpr Msg kNotStation{"station {} has no skip of every template on {}",
                          "站点 {} 在 {} 没有全站停开"};
constexpr Msg kOnlyStationWide{
    "template {} is not skipped on {} by itself but with every template of station {}: undo "
    "that with --station {}",
    "模板 {} 在 {} 并非单独停开，而是随站点 {} 的全部模板停开：请用 --station {} 撤销"};

std::string template_code(store::Connection& db, TemplateId id) {
  for (const auto& t : store::shifts::templates(db))
    if (t.id == id) return t.code;
  return std::to_string(id.value);
}

std::optional<ShiftTemplate> template_of(store::Connection& db, TemplateId id) {
  for (auto& t : store::shifts::templates(db))
    if (t.id == id) return t;
  return std::nullopt;
}

}  // namespace

SkipScope skip_scope(store::Connection& db, const std::optional<std::string>& template_code,
                     const std::optional<std::string>& station_code) {
  if (template_code) {
    auto t = store::shifts::find_template(db, *template_code);
    if (!t) throw DataError(kNoTemplate, *template_code);
    return {t->station, t->id};
  }
  store::Lookup lookup(db);
  return {lookup.station(station_code.value_or("")), std::nullopt};
}

SkipResult skip_date(store::Connection& db, const SkipScope& scope, Date date,
                     const std::string& reason) {
  store::Lookup lookup(db);
  std::string station = lookup.station_code(scope.station);
  if (store::template_skips::find(db, scope.station, std::nullopt, date))
    throw DataError(kAlreadyStation, station, date.iso());
  std::optional<ShiftTemplate> tpl;
  if (scope.template_id) {
    tpl = template_of(db, *scope.template_id);
    if (!tpl) throw DataError(kNoTemplate, std::to_string(scope.template_id->value));
    if (store::template_skips::find(db, scope.station, scope.template_id, date))
      throw DataError(kAlreadyTemplate, tpl->code, date.iso());
    if (!tpl->runs_on(date))
      throw DataError(kDoesNotRun, tpl->code, date.iso(), Text(weekday_label(date.weekday())));
  }
  SkipResult result;
  result.skip = {TemplateSkipId{}, scope.station, scope.template_id, date, reason};
  result.skip.id = store::template_skips::insert(db, result.skip);
  const Station& st = lookup.station_record(scope.station);
  for (auto& s : store::shifts::in_range(db, DateRange{date, date}.at(st.zone), scope.station)) {
    if (s.cancelled || !s.from_template) continue;
    if (scope.template_id && *s.from_template != *scope.template_id) continue;
    result.existing.push_back(std::move(s));
  }
  return result;
}

TemplateSkip unskip_date(store::Connection& db, const SkipScope& scope, Date date) {
  store::Lookup lookup(db);
  auto found = store::template_skips::find(db, scope.station, scope.template_id, date);
  if (!found) {
    std::string station = lookup.station_code(scope.station);
    if (!scope.template_id) throw DataError(kNotStation, station, date.iso());
    std::string code = template_code(db, *scope.template_id);
    if (store::template_skips::find(db, scope.station, std::nullopt, date))
      throw DataError(kOnlyStationWide, code, date.iso(), station, station);
    throw DataError(kNotTemplate, code, date.iso());
  }
  store::template_skips::remove(db, found->id);
  return *found;
}

std::vector<TemplateSkip> skips(store::Connection& db, std::optional<StationId> station,
                                std::optional<TemplateId> template_id, DateRange days) {
  std::vector<TemplateSkip> out;
  for (auto& s : store::template_skips::in_range(db, station, days))
    if (!template_id || !s.template_id || *s.template_id == *template_id)
      out.push_back(std::move(s));
  return out;
}

}  // namespace vstation::planning
