#include "common.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace gen {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Howard Hinnant's civil-date algorithms.
int days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(int z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = yoe + era * 400 + (m <= 2 ? 1 : 0);
}

int iso_weekday(int day) {
  const int w = (day + 3) % 7;  // 1970-01-01 was a Thursday
  return (w < 0 ? w + 7 : w) + 1;
}

const char* const kWeekdayCode[8] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

namespace {
bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (s.size() < at + n) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace

bool parse_date(std::string_view s, int& day) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  day = days_from_civil(y, m, d);
  return true;
}

bool parse_time(std::string_view s, int& minutes) {
  int h = 0, mi = 0;
  if (s.size() != 5 || s[2] != ':' || !digits(s, 0, 2, h) || !digits(s, 3, 2, mi)) return false;
  if (h > 24 || mi > 59) return false;
  minutes = h * 60 + mi;
  return true;
}

bool parse_instant(std::string_view s, long long& minutes) {
  int day = 0, t = 0;
  if (s.size() < 16 || (s[10] != 'T' && s[10] != ' ')) return false;
  if (!parse_date(s.substr(0, 10), day) || !parse_time(s.substr(11, 5), t)) return false;
  minutes = static_cast<long long>(day) * 1440 + t;
  return true;
}

std::string format_date(int day) {
  int y = 0, m = 0, d = 0;
  civil_from_days(day, y, m, d);
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
  return b;
}

// ---- CsvOut ----
CsvOut::CsvOut(const std::string& path, std::initializer_list<std::string_view> header)
    : path_(path) {
  fp_ = std::fopen(path.c_str(), "wb");
  if (fp_ == nullptr)
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  buf_.reserve(1 << 20);
  for (auto h : header) str(h);
  end();
  rows_ = 0;
}

CsvOut::~CsvOut() {
  flush();
  if (fp_ != nullptr) std::fclose(fp_);
}

void CsvOut::flush() {
  if (!buf_.empty() && fp_ != nullptr) std::fwrite(buf_.data(), 1, buf_.size(), fp_);
  buf_.clear();
}

void CsvOut::sep() {
  if (!first_) buf_.push_back(',');
  first_ = false;
}

CsvOut& CsvOut::str(std::string_view s) {
  sep();
  bool quote = !s.empty() && (s.front() == ' ' || s.back() == ' ');
  for (char c : s)
    if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
  if (!quote) {
    buf_.append(s);
    return *this;
  }
  buf_.push_back('"');
  for (char c : s) {
    if (c == '"') buf_.push_back('"');
    buf_.push_back(c);
  }
  buf_.push_back('"');
  return *this;
}

CsvOut& CsvOut::num(long long v) {
  sep();
  char b[24];
  int n = 0;
  const bool neg = v < 0;
  unsigned long long u =
      neg ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  do {
    b[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (neg) buf_.push_back('-');
  while (n > 0) buf_.push_back(b[--n]);
  return *this;
}

void CsvOut::put2(int v) {
  buf_.push_back(static_cast<char>('0' + v / 10));
  buf_.push_back(static_cast<char>('0' + v % 10));
}

void CsvOut::put_date(int day) {
  int y = 0, m = 0, d = 0;
  civil_from_days(day, y, m, d);
  put2(y / 100);
  put2(y % 100);
  buf_.push_back('-');
  put2(m);
  buf_.push_back('-');
  put2(d);
}

CsvOut& CsvOut::date(int day) {
  sep();
  put_date(day);
  return *this;
}

CsvOut& CsvOut::time(int minutes) {
  sep();
  put2(minutes / 60);
  buf_.push_back(':');
  put2(minutes % 60);
  return *this;
}

CsvOut& CsvOut::instant(int day, int minutes) {
  while (minutes < 0) minutes += 1440, --day;
  while (minutes >= 1440) minutes -= 1440, ++day;
  sep();
  put_date(day);
  buf_.push_back('T');
  put2(minutes / 60);
  buf_.push_back(':');
  put2(minutes % 60);
  return *this;
}

CsvOut& CsvOut::empty() {
  sep();
  return *this;
}

void CsvOut::end() {
  buf_.push_back('\n');
  first_ = true;
  ++rows_;
  if (buf_.size() >= (1 << 20)) flush();
}

// ---- CsvIn ----
CsvIn::CsvIn(const std::string& path) : buf_(1 << 20) {
  fp_ = std::fopen(path.c_str(), "rb");
  if (fp_ == nullptr) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
  if (!next(header_)) throw std::runtime_error(path + ": empty file");
  if (!header_.empty() && header_[0].rfind("\xEF\xBB\xBF", 0) == 0) header_[0].erase(0, 3);
}

CsvIn::~CsvIn() {
  if (fp_ != nullptr) std::fclose(fp_);
}

int CsvIn::getc() {
  if (pos_ == len_) {
    len_ = std::fread(buf_.data(), 1, buf_.size(), fp_);
    pos_ = 0;
    if (len_ == 0) return EOF;
  }
  return static_cast<unsigned char>(buf_[pos_++]);
}

bool CsvIn::next(std::vector<std::string>& fields) {
  fields.clear();
  int c = getc();
  if (c == EOF) return false;
  std::string cur;
  bool quoted = false;
  for (;; c = getc()) {
    if (quoted) {
      if (c == EOF) throw std::runtime_error("unterminated quoted field");
      if (c == '"') {
        const int d = getc();
        if (d == '"') {
          cur.push_back('"');
          continue;
        }
        quoted = false;
        c = d;
      } else {
        cur.push_back(static_cast<char>(c));
        continue;
      }
    }
    if (c == '"' && cur.empty()) {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(cur));
      cur.clear();
    } else if (c == '\n' || c == EOF) {
      if (!cur.empty() && cur.back() == '\r') cur.pop_back();
      fields.push_back(std::move(cur));
      return true;
    } else {
      cur.push_back(static_cast<char>(c));
    }
  }
}

int CsvIn::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return static_cast<int>(i);
  return -1;
}

}  // namespace gen
