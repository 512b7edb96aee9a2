#include "vstation/store/seal.hpp"

#include <array>
#include <optional>

namespace vstation::store::seal {
namespace {

// Stands for NULL; no reduced value reaches it.
constexpr std::int64_t kNull = kModulus;

std::int64_t reduce(std::optional<std::int64_t> v) {
  if (!v) return kNull;
  return ((*v % kModulus) + kModulus) % kModulus;
}

std::optional<std::int64_t> seconds(const std::optional<Instant>& t) {
  return t ? std::optional<std::int64_t>(t->seconds) : std::nullopt;
}

// Status codes by their position in the enum table: stable, as the table is append-only.
std::int64_t status_number(SessionStatus s) {
  return std::int64_t(s) + 1;
}

std::string reduce_sql(const std::string& column) {
  return "(CASE WHEN " + column + " IS NULL THEN " + std::to_string(kNull) + " ELSE ((" + column +
         " % " + std::to_string(kModulus) + ") + " + std::to_string(kModulus) + ") % " +
         std::to_string(kModulus) + " END)";
}

template <class Tag>
std::optional<std::int64_t> id(const std::optional<Id<Tag>>& i) {
  return i ? std::optional<std::int64_t>(i->value) : std::nullopt;
}

}  // namespace

std::int64_t of(const Session& s) {
  std::array<std::int64_t, 11> fields{
      reduce(s.volunteer.value),      reduce(s.station.value),          reduce(id(s.shift)),
      reduce(id(s.project)),          reduce(s.raw_in.seconds),         reduce(seconds(s.raw_out)),
      reduce(s.effective_in.seconds), reduce(seconds(s.effective_out)), status_number(s.status),
      reduce(s.credited_minutes),     reduce(seconds(s.proposed_out))};
  std::int64_t h = 7;
  for (auto f : fields) h = (h * kBase + f) % kModulus;
  return h;
}

std::string sql(std::string_view alias) {
  std::string a(alias);
  std::string status = "(CASE " + a + ".status";
  for (auto e : enum_entries<SessionStatus>())
    status += " WHEN '" + std::string(e.code) + "' THEN " + std::to_string(status_number(e.value));
  status += " END)";
  // The same fields in the same order as of().
  std::array<std::string, 11> fields{
      reduce_sql(a + ".volunteer_id"), reduce_sql(a + ".station_id"),  reduce_sql(a + ".shift_id"),
      reduce_sql(a + ".project_id"),   reduce_sql(a + ".raw_in"),      reduce_sql(a + ".raw_out"),
      reduce_sql(a + ".eff_in"),       reduce_sql(a + ".eff_out"),     status,
      reduce_sql(a + ".credited_min"), reduce_sql(a + ".proposed_out")};
  std::string h = "7";
  for (const auto& f : fields)
    h = "((" + h + ") * " + std::to_string(kBase) + " + " + f + ") % " + std::to_string(kModulus);
  return h;
}

}  // namespace vstation::store::seal
