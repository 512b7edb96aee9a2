#pragma once
// Which station a staff page is about (issue 16's "today", review and sheet pages): the account's
// own for a coordinator or secretary; for the district account the one picked with ?station=ID
// (a page of links to pick one when none is given). Read only for the district.

#include <optional>
#include <string>

#include "routes.hpp"

namespace vstation::web::detail {

// The station field's label, in what its refusals say ("Station: 'abc' is not a number").
inline constexpr Msg kStationLabel{"Station", "站点"};

struct StaffStation {
  std::optional<Station> station;  // absent: `answer` is the response (404, or the picker)
  Response answer;
  bool read_only = false;  // the district account looks, never changes
  std::string query;       // "?station=ID" to keep on this station's links; empty for one's own
};

// `path` is the page's own address (the picker links to path?station=ID), `title` its title.
StaffStation staff_station(Ctx& c, const std::string& path, const Text& title);

}  // namespace vstation::web::detail
