#pragma once
// The coordinator's week board (issue 16): which station and week a request is about, shared by
// the board (week_board.cpp) and its actions (week_actions.cpp).

#include <cstdint>
#include <optional>
#include <string>

#include "routes.hpp"
#include "vstation/domain/calendar.hpp"
#include "vstation/planning/roster_plan.hpp"

namespace vstation::web::detail {

struct WeekRef {
  Station station;
  IsoWeek week;
  bool can_edit = false;  // a coordinator of the station; the district only reads
  [[nodiscard]] planning::WeekScope scope() const { return {week, station.id}; }
  // "/staff/week?week=2026-W49" (with the station for the district).
  [[nodiscard]] std::string href(const std::string& extra = "") const;
};

// The station and week a request names (`week`, `station` as query or form fields): a
// coordinator their own station (another station's id: nullopt, answered out_of_scope), the
// district the one it names. `week` defaults to the current week at the station.
// `error` is set (and nullopt returned) when the week or the station does not parse or the
// district named none.
std::optional<WeekRef> week_ref(const Ctx& c, std::optional<Text>& error);

// The engine's step budget for the web's builds and repairs.
roster::SolveOptions web_solve_options();

// The week's preview of a build or repair (week_actions.cpp); `stale` says why an earlier
// proposal could not be saved, when this one replaces it.
Response preview_page(Ctx& c, const WeekRef& w, const planning::RosterPlan& plan,
                      const Msg* stale = nullptr);

// Whether the week is published, when and by whom, changed since; with the Publish form for
// the coordinator (week_actions.cpp).
std::string publish_html(const Ctx& c, const WeekRef& w);

}  // namespace vstation::web::detail
