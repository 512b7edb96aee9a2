#pragma once
// One transaction, retried while another process holds the database (or, on PostgreSQL, lost a
// serialization race): kiosks and phones never show a busy database to a volunteer.

#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <thread>
#include <utility>

#include "vstation/store/db.hpp"

namespace vstation::store {

inline constexpr Msg kStillBusy{"the database stayed busy for too long; try again",
                                "数据库长时间繁忙，请重试"};

// Transactions that collided tend to collide again if they wait the same time: each pause is
// drawn at random from its upper half.
inline std::chrono::microseconds jittered(std::chrono::milliseconds pause) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(pause).count();
  return std::chrono::microseconds(us / 2 + std::int64_t(rng() % std::uint64_t(us / 2 + 1)));
}

// Called inside a transaction already (a kiosk turn is one), f joins it: a busy database then
// surfaces to the outer call, which runs the whole of it again. Past the connection's
// busy_patience() it gives up: a StoreError (busy) saying so. `waiting`, when given, is called
// once, the first time it waits (a command line says so rather than hang silently).
template <class F>
auto retry_transaction(Connection& db, F&& f, Isolation isolation = Isolation::serializable,
                       const std::function<void()>& waiting = {}) {
  if (db.in_transaction()) return f();
  auto deadline = std::chrono::steady_clock::now() + db.busy_patience();
  auto pause = std::chrono::milliseconds(5);
  bool told = false;
  while (true) {
    try {
      Transaction tx(db, isolation);
      auto result = f();
      tx.commit();
      return result;
    } catch (const StoreError& e) {
      if (e.fault() != StoreFault::busy) throw;
      if (std::chrono::steady_clock::now() > deadline)
        throw StoreError(StoreFault::busy, Text(kStillBusy));
      if (waiting && !std::exchange(told, true)) waiting();
      std::this_thread::sleep_for(jittered(pause));
      pause = std::min(pause * 2, std::chrono::milliseconds(200));
    }
  }
}

}  // namespace vstation::store
