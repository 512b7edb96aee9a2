#pragma once
// Words for rosters: the score breakdown, the week by day (and as a wide grid), and every
// gap with the people who could fill it.

#include <string>

#include "vstation/planning/roster_edit.hpp"
#include "vstation/store/lookup.hpp"

namespace vstation::cli {

std::string render_breakdown(const roster::StationRoster& r, Lang lang);
// The week's gaps, each with the people who could fill it and why they are not on it (phone
// numbers when revealed); lines fit `width` columns.
std::string render_gaps(const planning::StoredWeek& w, const IsoWeek& week, store::Connection& db,
                        store::Lookup& lookup, Lang lang, bool reveal, std::size_t width);
// One block per day, each shift with its number, time, project, filled/slots and names.
std::string render_days(const planning::StoredWeek& w, const IsoWeek& week, store::Lookup& lookup,
                        Lang lang, std::size_t width);
// Columns of the terminal standard output is, else 80.
std::size_t output_columns();
std::string render_grid(const roster::StationRoster& r, const planning::WeekProblem& wp,
                        store::Lookup& lookup, Lang lang);

}  // namespace vstation::cli
