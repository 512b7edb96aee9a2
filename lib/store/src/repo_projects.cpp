#include "code_ids.hpp"
#include "vstation/store/repos.hpp"

namespace vstation::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, code, station_id, name, category, published, starts, ends, description, "
    "retired FROM projects ";

Project read_project(const Rows& r) {
  Project p;
  p.id = r.id<ProjectId>(0);
  p.code = r.str(1);
  p.station = r.id<StationId>(2);
  p.name = r.str(3);
  p.category = parse_enum<Category>(r.str(4));
  p.published = r.date(5);
  p.starts = r.date(6);
  p.ends = r.opt_date(7);
  p.description = r.str(8);
  p.retired = r.flag(9);
  return p;
}

std::vector<Value> values(const Project& p) {
  return params(p.code, p.station, p.name, code_of(p.category), p.published, p.starts, p.ends,
                p.description, p.retired);
}

}  // namespace

namespace projects {

ProjectId insert(Connection& db, const Project& p) {
  return ProjectId{db.insert(
      "INSERT INTO projects (code, station_id, name, category, published, starts, ends, "
      "description, retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      values(p))};
}

void update(Connection& db, const Project& p) {
  auto args = values(p);
  args.push_back(p.id.value);
  db.execute(
      "UPDATE projects SET code = ?, station_id = ?, name = ?, category = ?, published = ?, "
      "starts = ?, ends = ?, description = ?, retired = ? WHERE id = ?",
      std::move(args));
}

std::optional<Project> find(Connection& db, std::string_view code) {
  auto r = db.query(std::string(kColumns) + "WHERE code = ?", params(code));
  if (!r->next()) return std::nullopt;
  return read_project(*r);
}

std::optional<Project> get(Connection& db, ProjectId id) {
  auto r = db.query(std::string(kColumns) + "WHERE id = ?", params(id));
  if (!r->next()) return std::nullopt;
  return read_project(*r);
}

std::vector<Project> all(Connection& db, const ListFilter& f) {
  auto r = db.query(std::string(kColumns) + "WHERE (? IS NULL OR station_id = ?) ORDER BY code",
                    params(f.station, f.station));
  std::vector<Project> out;
  while (r->next()) out.push_back(read_project(*r));
  return out;
}


bool codes(Connection& db, std::int64_t limit,
           const std::function<void(std::string_view, ProjectId)>& each) {
  return each_code<ProjectId>(db, "SELECT code, id FROM projects LIMIT ?", limit, each);
}
}  // namespace projects
}  // namespace vstation::store
