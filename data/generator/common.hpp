#pragma once
// Small shared pieces of the demo data generator: a deterministic random source, civil-date
// arithmetic, and a buffered RFC 4180 CSV writer and reader. No dependency beyond the
// standard library, so the generator builds on its own.

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace gen {

// ---- random ---------------------------------------------------------------------------
// std::mt19937_64 is specified exactly by the standard; the mappings to ranges below are our
// own, so the output does not depend on a library's distribution implementation.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  std::uint64_t next() { return g_(); }
  // Uniform in [0, n), n < 2^32 (multiply-shift, bias below 2^-32).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((g_() >> 32) * n) >> 32);
  }
  // Uniform in [lo, hi], inclusive.
  int range(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1)));
  }
  double unit() { return static_cast<double>(g_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T, std::size_t N>
  const T& pick(const T (&a)[N]) {
    return a[below(static_cast<std::uint32_t>(N))];
  }

 private:
  std::mt19937_64 g_;
};

std::uint64_t splitmix64(std::uint64_t x);

// ---- dates: a day is the count of days since 1970-01-01 -----------------------------------
int days_from_civil(int y, int m, int d);
void civil_from_days(int z, int& y, int& m, int& d);
int iso_weekday(int day);  // 1 = Monday … 7 = Sunday
bool parse_date(std::string_view s, int& day);
// "HH:MM" → minutes after midnight.
bool parse_time(std::string_view s, int& minutes);
// "YYYY-MM-DDTHH:MM" (or a space for the T; an offset suffix is ignored) → minutes since epoch.
bool parse_instant(std::string_view s, long long& minutes);
std::string format_date(int day);
extern const char* const kWeekdayCode[8];  // [1] = "Mon" … [7] = "Sun"

// ---- CSV writer --------------------------------------------------------------------------
// Buffers rows and writes them in large blocks; LF line ends; quotes a field only when it
// holds a comma, a quote, CR, LF or leading/trailing spaces.
class CsvOut {
 public:
  CsvOut(const std::string& path, std::initializer_list<std::string_view> header);
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  CsvOut& str(std::string_view s);
  CsvOut& num(long long v);
  CsvOut& date(int day);
  CsvOut& time(int minutes);              // HH:MM
  CsvOut& instant(int day, int minutes);  // YYYY-MM-DDTHH:MM, minutes after the day's midnight
  CsvOut& empty();
  void end();
  [[nodiscard]] std::uint64_t rows() const { return rows_; }

 private:
  void sep();
  void put2(int v);
  void put_date(int day);
  void flush();
  std::FILE* fp_ = nullptr;
  std::string path_;
  std::string buf_;
  bool first_ = true;
  std::uint64_t rows_ = 0;
};

// ---- CSV reader (for --summary) -------------------------------------------------------------
// Streams records; handles quoted fields with commas, doubled quotes and line breaks, and a
// leading BOM.
class CsvIn {
 public:
  explicit CsvIn(const std::string& path);
  ~CsvIn();
  CsvIn(const CsvIn&) = delete;
  CsvIn& operator=(const CsvIn&) = delete;
  bool next(std::vector<std::string>& fields);
  // Index of a header column, or -1.
  [[nodiscard]] int column(std::string_view name) const;

 private:
  int getc();
  std::FILE* fp_ = nullptr;
  std::vector<char> buf_;
  std::size_t pos_ = 0, len_ = 0;
  std::vector<std::string> header_;
};

}  // namespace gen
