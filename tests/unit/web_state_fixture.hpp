#pragma once
// A station and two volunteers for the web-state tests (store_web_state_test.cpp,
// store_web_erase_test.cpp), and what the web layer would pass.

#include <cstdio>
#include <string>

#include "vstation/store/repos.hpp"
#include "vstation/store/web_state.hpp"

namespace vstation::test::web_state {

using namespace vstation::store;

// What the web layer passes: a SHA-256 as hex (any 64 hex digits do here).
inline std::string hash(int n) {
  char buf[65];
  std::snprintf(buf, sizeof buf, "%064x", n);
  return buf;
}

constexpr Instant kNow{1688349600};  // 2023-07-03 02:00 UTC

struct World {
  StationId station;
  VolunteerId v1, v2;
};

inline World seed(Connection& db) {
  World w;
  Station st;
  st.code = "icity";
  st.name = "I城";
  w.station = stations::insert(db, st);
  Volunteer v;
  v.number = "V1";
  v.name = "张三";
  v.join_date = parse_date("2023-03-04");
  w.v1 = volunteers::insert(db, v);
  v.number = "V2";
  v.name = "李四";
  w.v2 = volunteers::insert(db, v);
  return w;
}

inline web::NewWebSession session_for(web::Principal who, int token, Instant now = kNow) {
  web::NewWebSession s;
  s.token_hash = hash(token);
  s.csrf_hash = hash(token + 1000);
  s.principal = who;
  s.now = now;
  s.lifetime_seconds = 3600;
  s.idle_seconds = 600;
  return s;
}

inline Instant at(std::int64_t seconds_after_now) {
  return Instant{kNow.seconds + seconds_after_now};
}

}  // namespace vstation::test::web_state
