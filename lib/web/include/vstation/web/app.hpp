#pragma once
// The web face as a function: a request in, a response out (docs/design.md §4). Pages call the
// same library functions as the CLI; nothing here is a second copy of a rule. All state lives in
// the database, so any number of server processes can answer any request.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vstation/domain/entities.hpp"
#include "vstation/domain/message.hpp"
#include "vstation/domain/staff.hpp"
#include "vstation/store/db.hpp"
#include "vstation/web/http.hpp"

namespace vstation::web {

struct Config {
  std::optional<StationId> station;  // serve one station (default: the only one)
  std::function<Instant()> clock;    // pinned in tests
  // Reverse proxies (their addresses as the server sees them) whose X-Forwarded-For and
  // X-Forwarded-Proto are believed: behind one, every request comes from the proxy, and the
  // per-address sign-in limit and Secure cookies need the client's address and scheme.
  std::vector<std::string> trusted_proxies = {};
  // The address phones reach the site at, for links and QR codes (the poster, the tablet's codes,
  // calendar links); empty: the station's as `station public-url` set it (read at each request),
  // else as each request's Host header says.
  std::string public_url = {};
};

// Who may call a route.
enum class Access {
  anyone,     // public: sign-in page, static files, the calendar feed (its token is the key)
  volunteer,  // a signed-in volunteer's session
  device,     // a paired kiosk device's session
  signed_in,  // a volunteer's or a device's (the API's own session routes; never staff)
  staff,      // a signed-in staff account whose role is one of the route's StaffRoles
};

// One row of the route table.
struct RouteInfo {
  std::string method;   // GET or POST
  std::string pattern;  // "/api/v1/shifts/{id}/signup"
  Access access = Access::anyone;
  StaffRoles roles = {};  // Access::staff: the roles that may call it (never empty)
};

// What one round of housekeeping removed.
struct Housekeeping {
  std::int64_t sessions_and_codes = 0;  // expired or revoked sessions, used or expired codes
  std::int64_t attempts = 0;            // rate-limit attempts past every window
};

// Opens a connection for a worker thread (each thread keeps its own; App sets it to
// Durability::full, as the kiosk commits).
using OpenDatabase = std::function<std::unique_ptr<store::Connection>()>;

class App {
 public:
  App(OpenDatabase open, Config config);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Thread-safe: each calling thread uses its own database connection.
  [[nodiscard]] Response handle(const Request& request) const;
  // Whether answering the request computes an Argon2id hash (sign-ins, a PIN at the kiosk, a
  // staff password re-typed): a server runs it on a thread that serves no sockets.
  [[nodiscard]] bool slow(const Request& request) const;
  // Every route as (method, path pattern), "{name}" for a path parameter: the OpenAPI file's
  // test compares the /api/v1 ones with docs/openapi.yaml.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> routes() const;
  // The same with who may call each route (the security tests walk it).
  [[nodiscard]] std::vector<RouteInfo> route_table() const;
  // Deletes expired and revoked sessions, used and expired sign-in codes and old rate-limit
  // attempts (as of the configured clock). `vstation serve` calls it at start and every ten
  // minutes; any number of servers may call it at once.
  Housekeeping housekeeping() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A request the server refuses before any page sees it (apps/cli/http_server.cpp).
enum class Unreadable {
  malformed,
  body_too_large,
  target_too_long,
  header_too_large,
  too_many_fields
};
// Its answer (400, 413, 414 or 431) with the headers every response carries: a page, or JSON under
// /api/, in the language of what was read of the request (its line and the header fields read so
// far: `partial`), in both languages when nothing of it says one. `limit` is the one broken: bytes
// of body or of header, or header fields.
Response unreadable(Unreadable why, std::size_t limit, const Request& partial);

// The page language: ?lang=, then the `lang` cookie, then Accept-Language.
Lang request_lang(const Request& r);
// Of an Accept-Language header, Chinese or English, whichever it weighs more (English if neither).
Lang accept_language(std::string_view header);

// The request as the client sent it: from a trusted proxy, the address is the last one the proxy
// added to X-Forwarded-For and TLS is X-Forwarded-Proto "https"; from anyone else, unchanged.
Request behind_proxy(Request r, const std::vector<std::string>& trusted_proxies);

// Headers every response carries: a Content-Security-Policy without inline script, no sniffing,
// no framing, no referrer; pages are not cached. A response that already has a policy (a
// rendered document: lib/web/src/document.hpp, no script either) keeps it.
void add_security_headers(Response& r);

}  // namespace vstation::web
