#pragma once
// A credit once given changes only by a review of its session (`sessions fix`, with its audit
// row), never as a side effect: an edit of what credits are computed from (a station's hours
// settings, a shift's times) is refused while it would change any credit already given, so
// that every stored credit stays what the hours policy gives (`vstation check`).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vstation/domain/entities.hpp"

namespace vstation::store {

// Throws FieldError(column) when the policy under `settings`, with each session's shift at
// `shift_of(session)`, credits any of `sessions` otherwise than stored: how many, and the first.
void refuse_credit_change(const std::vector<Session>& sessions,
                          const std::function<std::optional<TimeRange>(const Session&)>& shift_of,
                          const StationSettings& settings, const std::string& column);

}  // namespace vstation::store
