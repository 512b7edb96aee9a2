#pragma once
// Why a person is not on a gap's shift, in words: the one wording of the engine's reasons
// (roster::CandidateReason, with the person's record for the ones it does not tell apart), for
// the CLI's list of gaps and the web's week board alike.

#include "vstation/domain/calendar.hpp"
#include "vstation/domain/message.hpp"
#include "vstation/roster/station.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::planning {

// "free then: could take it", "at their weekly maximum of shifts (5)", "no valid first_aid
// certificate", "retired", …
Text candidate_reason(const roster::GapCandidate& c, const roster::GapExplanation& g,
                      const IsoWeek& week, store::Connection& db, store::Lookup& lookup);

}  // namespace vstation::planning
