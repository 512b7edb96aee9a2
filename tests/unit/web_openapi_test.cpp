// docs/openapi.yaml against the route table: every /api/v1 route is documented, the file
// documents nothing the app does not have, path parameters are declared, signed-in POSTs name
// the CSRF header and public routes need no session. A small line-based reader of the `paths:`
// section (the file's own conventions, stated at its top), no YAML library.

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "vstation/web/app.hpp"

using namespace vstation;

namespace {

using Op = std::pair<std::string, std::string>;  // (GET, /api/v1/session)

// Each documented operation with the text of its block (the lines below `get:` up to the next
// method or path), read from the `paths:` section: paths indented by two spaces, methods by four.
std::map<Op, std::string> documented(std::istream& in) {
  std::map<Op, std::string> out;
  std::string line, path;
  std::string* block = nullptr;
  bool in_paths = false;
  auto indent = [](const std::string& s) { return s.find_first_not_of(' '); };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto at = indent(line);
    if (at == std::string::npos || line[at] == '#') continue;  // blank or a comment
    if (line[0] != ' ') {  // a top-level key starts or ends the section
      in_paths = line == "paths:";
      block = nullptr;
      continue;
    }
    if (!in_paths) continue;
    std::string key = line.substr(at);
    if (at == 2 && key.back() == ':') {
      path = key.substr(0, key.size() - 1);
      if (path.size() > 1 && (path.front() == '\'' || path.front() == '"'))
        path = path.substr(1, path.size() - 2);
      block = nullptr;
    } else if (at == 4) {
      static const std::set<std::string> methods{"get",   "put",     "post", "delete",
                                                 "patch", "options", "head", "trace"};
      auto name = key.substr(0, key.find(':'));
      block = nullptr;
      if (methods.count(name)) {
        for (auto& c : name) c = char(std::toupper(static_cast<unsigned char>(c)));
        block = &out[{name, path}];
      } else if (name == "parameters") {  // path-level parameters belong to every method
        block = &out[{"*", path}];
      }
    } else if (block) {
      *block += key + "\n";
    }
  }
  return out;
}

std::map<Op, std::string> documented_file() {
  std::ifstream in(VSTATION_OPENAPI_FILE);
  REQUIRE_MESSAGE(in.good(), "cannot read " VSTATION_OPENAPI_FILE);
  return documented(in);
}

std::vector<web::RouteInfo> api_routes() {
  web::App app([]() -> std::unique_ptr<store::Connection> { return nullptr; },
               web::Config{std::nullopt, [] { return Instant{0}; }});
  std::vector<web::RouteInfo> out;
  for (auto& r : app.route_table())
    if (r.pattern.rfind("/api/", 0) == 0) out.push_back(r);
  return out;
}

std::vector<std::string> path_params(const std::string& pattern) {
  std::vector<std::string> out;
  for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open)) {
    auto close = pattern.find('}', open);
    out.push_back(pattern.substr(open + 1, close - open - 1));
    open = close;
  }
  return out;
}

}  // namespace

TEST_CASE("openapi reader: paths and methods of the paths section only") {
  std::istringstream in(R"(openapi: 3.0.3
components:
  schemas:
    get:
      type: object
paths:
  # a comment
  /api/v1/a:
    get:
      responses:
        '200':
          description: ok
    post:
      summary: x
  '/api/v1/b/{id}':
    parameters:
      - name: id
    delete:
      summary: y
tags:
  - name: z
)");
  auto ops = documented(in);
  std::set<Op> keys;
  for (auto& [op, text] : ops) keys.insert(op);
  CHECK(keys == std::set<Op>{{"GET", "/api/v1/a"},
                             {"POST", "/api/v1/a"},
                             {"*", "/api/v1/b/{id}"},
                             {"DELETE", "/api/v1/b/{id}"}});
  CHECK(ops[{"GET", "/api/v1/a"}].find("description: ok") != std::string::npos);
  CHECK(ops[{"POST", "/api/v1/a"}] == "summary: x\n");
}

TEST_CASE("docs/openapi.yaml documents every /api/v1 route and nothing else") {
  auto ops = documented_file();
  std::set<Op> in_file, in_app;
  for (auto& [op, text] : ops)
    if (op.first != "*") in_file.insert(op);
  for (auto& r : api_routes()) in_app.insert({r.method, r.pattern});
  REQUIRE_FALSE(in_app.empty());
  for (auto& op : in_app) {
    CAPTURE(op.first + " " + op.second);
    CHECK_MESSAGE(in_file.count(op), "route not documented in docs/openapi.yaml");
  }
  for (auto& op : in_file) {
    CAPTURE(op.first + " " + op.second);
    CHECK_MESSAGE(in_app.count(op), "docs/openapi.yaml documents a route the app does not have");
  }
}

TEST_CASE("docs/openapi.yaml: parameters declared, responses given, CSRF and sign-in stated") {
  auto ops = documented_file();
  for (auto& r : api_routes()) {
    auto it = ops.find({r.method, r.pattern});
    if (it == ops.end()) continue;  // the test above says so
    CAPTURE(r.method + " " + r.pattern);
    const std::string& text = it->second;
    std::string shared = ops.count({"*", r.pattern}) ? ops.at({"*", r.pattern}) : "";
    CHECK(text.find("responses:") != std::string::npos);
    for (auto& p : path_params(r.pattern)) {
      CAPTURE(p);
      CHECK((text + shared).find("name: " + p) != std::string::npos);
    }
    if (r.access == web::Access::anyone) {
      CHECK_MESSAGE(text.find("security: []") != std::string::npos,
                    "a public route says it needs no session");
    } else {
      CHECK(text.find("'401'") != std::string::npos);
      if (r.method == "POST")
        CHECK_MESSAGE(text.find("CsrfToken") != std::string::npos,
                      "a signed-in POST names the X-CSRF-Token parameter");
    }
  }
}
