#pragma once
// The web face's route table. Each page module adds its routes (method, path pattern, who may
// call it, handler) to one table; the table does what every route needs in one place: it finds
// the session, sends a stranger to the sign-in page (or answers 401 on the API), checks the CSRF
// token of every state-changing request, and refuses cross-site posts. A handler sees a Ctx and
// returns a Response. App::routes() lists the table, so docs/openapi.yaml is checked against it.

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "page.hpp"
#include "sessions.hpp"
#include "vstation/domain/entities.hpp"
#include "vstation/domain/message.hpp"
#include "vstation/store/db.hpp"
#include "vstation/web/app.hpp"
#include "vstation/web/http.hpp"

namespace vstation::web::detail {

// Who may call a route: web::Access (vstation/web/app.hpp, public for the route-table tests), and
// for Access::staff the roles (vstation/domain/staff.hpp): routes.add(..., StaffRoles{...}, h).
using web::Access;

// What a handler sees of one request.
struct Ctx {
  store::Connection& db;
  const Request& req;
  const Station& station;
  Instant now;
  Lang lang;
  std::optional<SignedIn> session;            // set for every route but Access::anyone
  std::map<std::string, std::string> params;  // {name} segments of the path pattern
  std::optional<StaffAccount> staff_account;  // set for staff routes (use staff())
  // Set by a rate limit that refused the request: its 429 says when to try again (Retry-After).
  mutable std::optional<std::int64_t> retry_after_seconds;

  // The signed-in volunteer (volunteer routes only).
  [[nodiscard]] VolunteerId volunteer() const;
  [[nodiscard]] PairedDeviceId device() const;
  // The signed-in staff account (staff routes only): who, their role, their station (none for
  // the district).
  [[nodiscard]] const StaffAccount& staff() const;
  // Whether the signed-in staff account may see what belongs to `station` (vstation::may_see:
  // the district every station, a coordinator or secretary their own). A staff page checks every
  // object it loads by id with it, and answers out_of_scope() when it says no.
  [[nodiscard]] bool staff_sees(StationId station) const;
  // The answer for an object outside the account's scope: 404, as for an id that does not exist
  // (a page does not tell another station's ids from unknown ones); JSON under /api/.
  [[nodiscard]] Response out_of_scope() const;
  // "There is no such page": 404, JSON under /api/, else a page whose link goes to `back`.
  [[nodiscard]] Response not_found(const std::string& back = "/") const;
  // Who made a change, for audit rows and the ledger: "web volunteer V0012", "web device 3" or
  // "web coordinator alice".
  [[nodiscard]] std::string actor() const;
  [[nodiscard]] std::string csrf() const { return session ? session->csrf() : std::string(); }
  // A path parameter as a positive number; nullopt if it is not one.
  [[nodiscard]] std::optional<std::int64_t> id_param(const std::string& name) const;
  // A form field (or, for a GET, a query parameter) that names one of `choices`: the one it
  // names, or `absent` when the field is missing and `absent` is given. Anything else is a form
  // no page of this site sends: BadChoice, answered 400 by the router.
  [[nodiscard]] std::string_view choice(std::string_view name,
                                        std::initializer_list<std::string_view> choices,
                                        std::optional<std::string_view> absent = {}) const;
  // A GET-able address of this page, for the language switch.
  [[nodiscard]] std::string here() const;
  // An HTML page in the site's layout.
  [[nodiscard]] Response page(const Text& title, const std::string& content,
                              int status = 200) const;
  [[nodiscard]] Response page(const Text& title, const std::string& content, Head head,
                              int status = 200) const;
  // A page with one message and a link back (errors, refusals).
  [[nodiscard]] Response message(const Text& title, const Text& text, int status,
                                 const std::string& back = "/me") const;
};

// "Volunteer number: required." and the like: a field its form sends filled, sent empty or not
// at all (named by its label).
inline constexpr Msg kFieldRequired{"{}: required.", "{}：必填。"};

// `s` as a row's id, a whole number above 0 and nothing else ("358abc" is none); else nullopt.
std::optional<std::int64_t> positive_id(std::string_view s);

// A value someone typed, as a refusal quotes it back: its first 60 characters (then "…"), its
// control characters escaped; a refusal stays short whatever was sent.
std::string shown_value(std::string_view typed);

// A field of a POST form, else of the query; empty when neither has it.
std::string field(const Ctx& c, const char* name);

// A field naming a row by its id, a whole number above 0: its value, or (in `error`) what was
// wrong with it, naming the field by `label` ("Shift: required.", "Shift: '358abc' is not a
// number"). Digits followed by anything else are refused, never read as their leading digits.
std::optional<std::int64_t> id_field(const Ctx& c, const char* name, const Msg& label,
                                     std::optional<Text>& error);

// A field holding a value its form never offers (Ctx::choice).
struct BadChoice : std::runtime_error {
  explicit BadChoice(std::string field, bool missing = false)
      : std::runtime_error("bad choice in " + field), name(std::move(field)), missing(missing) {}
  std::string name;
  bool missing;  // not sent at all (else: a value not offered)
};

using Handler = std::function<Response(Ctx&)>;

struct Route {
  std::string method;   // GET or POST (a GET route answers HEAD too)
  std::string pattern;  // "/api/v1/shifts/{id}/signup"
  Access access = Access::anyone;
  Handler handler;
  StaffRoles roles = {};  // Access::staff: who may call it
  // Computes an Argon2id hash (a PIN or a password: tens of milliseconds of CPU and 64 MiB):
  // `vstation serve` answers such requests off the threads that serve sockets (App::slow).
  bool hashes_secret = false;
};

class Routes {
 public:
  // A route for anyone, a volunteer, a device, or either (not staff: the overload below).
  // Each returns the route, to mark it: routes.add(...).hashes_secret = true.
  Route& add(std::string method, std::string pattern, Access access, Handler handler);
  // A staff route: the table lets in only a staff session whose role is in `roles` (a stranger
  // or a volunteer goes to /staff/signin, 401 under /api/; another role gets 403).
  //   routes.add("GET", "/staff/week", StaffRoles{StaffRole::coordinator}, week_board);
  Route& add(std::string method, std::string pattern, StaffRoles roles, Handler handler);
  [[nodiscard]] const std::vector<Route>& all() const { return routes_; }
  // The route for a method and path with the pattern's parameters; nullopt if none matches.
  // `path_known` is set when some route has the path under another method (405, not 404).
  [[nodiscard]] const Route* match(const std::string& method, const std::string& path,
                                   std::map<std::string, std::string>& params,
                                   bool& path_known) const;

 private:
  std::vector<Route> routes_;
};

// Who the table lets through to a route's handler (App::handle decides with this alone):
// `admit`; `wrong_kind`: no session, or not the kind the route is for (a stranger, a volunteer on
// a staff page, staff on a volunteer's page: sent to sign in, or to their own pages); `wrong_role`:
// a staff account whose role the route does not list (403).
enum class Gate { admit, wrong_kind, wrong_role };
Gate gate(const Route& route, const std::optional<SignedIn>& session,
          const std::optional<StaffAccount>& staff);

// Whether a path is one of the JSON API's (answers are JSON, never a redirect to sign in).
bool is_api(const std::string& path);
// A JSON body with its content type.
Response json(std::string body, int status = 200);
// {"error": {"code": code, "message": text}} in the request's language.
Response json_error(const Ctx& c, int status, std::string_view code, const Text& text);
// The same before any Ctx exists (the station's first read failed).
Response json_error(Lang lang, int status, std::string_view code, const Text& text);

// Rate-limit attempts older than this are purged by App::housekeeping(): every rate limit's
// window (store::web::count_attempts) must be shorter.
inline constexpr std::int64_t kAttemptHorizonSeconds = 24 * 3600;

// Each module's routes (one function per file).
void add_signin_routes(Routes& routes);
void add_me_routes(Routes& routes);
void add_poster_routes(Routes& routes);
void add_forgotten_routes(Routes& routes);
void add_availability_routes(Routes& routes);
void add_certificate_routes(Routes& routes);
void add_calendar_routes(Routes& routes);
void add_shifts_routes(Routes& routes);
void add_api_session_routes(Routes& routes);
void add_kiosk_routes(Routes& routes);
void add_checkin_routes(Routes& routes);
void add_verify_routes(Routes& routes);
void add_staff_signin_routes(Routes& routes);
void add_staff_routes(Routes& routes);
void add_staff_api_routes(Routes& routes);
void add_staff_report_routes(Routes& routes);
void add_staff_district_routes(Routes& routes);
void add_staff_certificate_routes(Routes& routes);
void add_staff_volunteers_routes(Routes& routes);
void add_staff_today_routes(Routes& routes);
void add_staff_review_routes(Routes& routes);
void add_staff_sheet_routes(Routes& routes);
void add_week_board_routes(Routes& routes);
void add_week_action_routes(Routes& routes);

}  // namespace vstation::web::detail
