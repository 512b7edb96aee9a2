#pragma once
// What the planning tests share: a small, fixed search budget (steps, not seconds), so that a
// test's roster does not depend on the machine's speed.

#include "vstation/roster/station.hpp"

inline vstation::roster::SolveOptions budget() {
  vstation::roster::SolveOptions o;
  o.time_limit_seconds = std::nullopt;
  o.max_iterations = 2000;
  return o;
}
