// What the report's pass over credited sessions costs to read through Connection::stream (issue
// 17): the SELECT of store::stats::CreditedSessions (lib/store/src/stats_scan.cpp) for a report
// whose last day is THROUGH, every station in one zone (the district's: UTC OFFSET minutes), read
// row by row with each column taken as the pass takes it, nothing kept. `query` reads the same
// through Connection::query instead (on PostgreSQL libpq then holds the whole result);
// `whole` reads them through Connection::stream_whole (on PostgreSQL a COPY, as the pass now
// does); `single-row` (PostgreSQL only) bypasses the store for libpq's single-row mode, the other
// way to read a large result in bounded memory, to compare with the cursor.
//   vstation_report_stream_bench DB|URL [THROUGH=2024-06-30] [OFFSET=480]
//                                [stream|whole|query|single-row]
// Prints the rows, a checksum of what was read, wall and CPU seconds (this process only) and the
// peak RSS.

#include <libpq-fe.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>

#include "vstation/domain/time.hpp"
#include "vstation/store/db.hpp"

using namespace vstation;

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The same rows through libpq's single-row mode: one PGresult per row.
std::int64_t read_single_rows(const std::string& url, std::int64_t until, std::int64_t& minutes,
                              std::int64_t& check) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn));
  std::string bound = std::to_string(until);
  const char* values[] = {bound.c_str()};
  const char* sql =
      "SELECT s.eff_in, s.station_id, s.volunteer_id, s.shift_id, s.project_id, s.credited_min "
      "FROM sessions s "
      "WHERE s.credited_min > 0 AND s.eff_in < $1";
  if (!PQsendQueryParams(conn, sql, 1, nullptr, values, nullptr, nullptr, 0) ||
      !PQsetSingleRowMode(conn))
    throw std::runtime_error(PQerrorMessage(conn));
  std::int64_t n = 0;
  auto num = [](PGresult* r, int c) { return std::strtoll(PQgetvalue(r, 0, c), nullptr, 10); };
  while (PGresult* r = PQgetResult(conn)) {
    if (PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
      ++n;
      std::int64_t shift = PQgetisnull(r, 0, 3) ? -1 : num(r, 3);
      std::int64_t project = PQgetisnull(r, 0, 4) ? -1 : num(r, 4);
      minutes += num(r, 5);
      check ^= num(r, 0) * 31 + num(r, 1) * 17 + num(r, 2) * 7 + shift * 3 + project;
    } else if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::string why = PQresultErrorMessage(r);
      PQclear(r);
      PQfinish(conn);
      throw std::runtime_error(why);
    }
    PQclear(r);
  }
  PQfinish(conn);
  return n;
}

// One line per run: what was read (the checksum proves both paths read the same rows) and
// what it cost since t0 / c0.
void print_result(const std::string& how, std::int64_t n, std::int64_t minutes, std::int64_t check,
                  std::chrono::steady_clock::time_point t0, double c0) {
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = cpu_seconds() - c0;
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  std::printf(
      "%s: %lld rows, %lld minutes, checksum %llx; %.2f s wall, %.2f s CPU (client), peak RSS %ld "
      "MB\n",
      how.c_str(), static_cast<long long>(n), static_cast<long long>(minutes),
      static_cast<unsigned long long>(check), wall, cpu, u.ru_maxrss / 1024);
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::fprintf(
        stderr,
        "usage: %s DB|URL [THROUGH=2024-06-30] [OFFSET=480] [stream|whole|query|single-row]\n",
        argv[0]);
    return 2;
  }
  std::string spec = argv[1];
  Date through = parse_date(argc > 2 ? argv[2] : "2024-06-30");
  int offset_min = argc > 3 ? std::stoi(argv[3]) : 480;
  std::string how = argc > 4 ? argv[4] : "stream";
  // The first instant after THROUGH in the district's zone, as detail::local_range bounds it.
  std::int64_t until = through.plus_days(1).start_at(TimeZone(UtcOffset{offset_min})).seconds;

  if (how == "single-row") {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_seconds();
    std::int64_t minutes = 0, check = 0;
    std::int64_t n = read_single_rows(spec, until, minutes, check);
    print_result(how, n, minutes, check, t0, c0);
    return 0;
  }
  store::OpenOptions o;
  o.create = false;
  o.migrate = false;
  auto db = store::open_database(spec, o);
  const std::string sql =
      "SELECT s.eff_in, s.station_id, s.volunteer_id, s.shift_id, s.project_id, s.credited_min "
      "FROM sessions s "
      "WHERE s.credited_min > 0 AND s.eff_in < ?";
  auto t0 = std::chrono::steady_clock::now();
  double c0 = cpu_seconds();
  auto rows = how == "query"   ? db->query(sql, store::params(until))
              : how == "whole" ? db->stream_whole(sql, store::params(until))
                               : db->stream(sql, store::params(until));
  std::int64_t n = 0, minutes = 0, check = 0;
  while (rows->next()) {
    ++n;
    std::int64_t at = rows->i64(0), station = rows->i64(1), volunteer = rows->i64(2);
    std::int64_t shift = rows->is_null(3) ? -1 : rows->i64(3);
    std::int64_t project = rows->is_null(4) ? -1 : rows->i64(4);
    minutes += rows->i64(5);
    check ^= at * 31 + station * 17 + volunteer * 7 + shift * 3 + project;
  }
  rows.reset();
  print_result(how, n, minutes, check, t0, c0);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "error: %s\n", e.what());
  return 1;
}
