#include "pg/pg_rows.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace vstation::store::pg {
namespace {

// The type ids of PostgreSQL's built-in types (pg_type.oid, fixed since 7.x) that a binary
// value is read as; other types arrive as their text bytes.
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

std::uint64_t big_endian(const char* p, int n) {
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(p[i]);
  return v;
}

// A numeric's binary form: digit count, weight, sign, scale, then base-10000 digits, the first
// worth 10000^weight.
struct Numeric {
  int digits = 0, weight = 0;
  bool negative = false, nan = false;
  std::string_view b;
  int digit(int i) const { return std::int16_t(big_endian(b.data() + 8 + 2 * i, 2)); }
};

Numeric numeric_of(std::string_view b) {
  auto word = [&](int i) { return std::int16_t(big_endian(b.data() + 2 * i, 2)); };
  if (b.size() < 8) throw std::runtime_error("a numeric value too short to read");
  Numeric n{word(0), word(1), std::uint16_t(word(2)) == 0x4000, std::uint16_t(word(2)) == 0xC000,
            b};
  if (n.digits < 0 || b.size() < std::size_t(8 + 2 * n.digits))
    throw std::runtime_error("a numeric value cut short");
  return n;
}

// Only the integer part is kept (as the text path reads "12.5" as 12).
std::int64_t numeric_integer(std::string_view b) {
  Numeric n = numeric_of(b);
  if (n.nan) return 0;
  std::int64_t v = 0;
  for (int i = 0; i <= n.weight; ++i) v = v * 10000 + (i < n.digits ? n.digit(i) : 0);
  return n.negative ? -v : v;
}

double numeric_double(std::string_view b) {
  Numeric n = numeric_of(b);
  if (n.nan) return std::nan("");
  double v = 0;
  for (int i = 0; i < n.digits; ++i) v += n.digit(i) * std::pow(10000.0, n.weight - i);
  return n.negative ? -v : v;
}

double float_of(std::string_view b, Oid type) {
  if (type == kFloat4) {
    auto bits = std::uint32_t(big_endian(b.data(), 4));
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
  }
  auto bits = big_endian(b.data(), 8);
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

std::int64_t integer_of_text(std::string_view s) {
  if (s.empty()) return 0;
  if (s == "t" || s == "f") return s == "t" ? 1 : 0;  // booleans
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size()) return v;
  return static_cast<std::int64_t>(std::strtod(std::string(s).c_str(), nullptr));  // a fraction
}

double double_of_text(std::string_view s) {
  if (s == "t" || s == "f") return s == "t" ? 1 : 0;  // booleans
  return std::strtod(std::string(s).c_str(), nullptr);
}

}  // namespace

PgRows::PgRows(Result res) : res_(std::move(res)), count_(PQntuples(res_.get())) {
  const int columns = PQnfields(res_.get());
  binary_ = columns > 0 && PQfformat(res_.get(), 0) == 1;
  if (binary_) {
    for (int c = 0; c < columns; ++c) types_.push_back(PQftype(res_.get(), c));
    shown_.resize(std::size_t(columns));
  }
}

std::int64_t PgRows::i64(int col) const {
  auto b = bytes(col);
  if (!binary_) return integer_of_text(b);
  switch (types_[std::size_t(col)]) {
    case kInt8:
      return std::int64_t(big_endian(b.data(), 8));
    case kInt4:
    case kOid:
      return std::int32_t(big_endian(b.data(), 4));
    case kInt2:
      return std::int16_t(big_endian(b.data(), 2));
    case kBool:
      return b.empty() ? 0 : b[0] != 0;
    case kNumeric:
      return numeric_integer(b);
    case kFloat4:
    case kFloat8:
      return static_cast<std::int64_t>(float_of(b, types_[std::size_t(col)]));
    default:
      return integer_of_text(b);
  }
}

double PgRows::f64(int col) const {
  auto b = bytes(col);
  if (!binary_) return double_of_text(b);
  switch (types_[std::size_t(col)]) {
    case kFloat4:
    case kFloat8:
      return float_of(b, types_[std::size_t(col)]);
    case kNumeric:
      return numeric_double(b);
    case kInt8:
    case kInt4:
    case kInt2:
    case kOid:
    case kBool:
      return double(i64(col));
    default:
      return double_of_text(b);
  }
}

std::string_view PgRows::text(int col) const {
  if (!binary_) return bytes(col);
  switch (types_[std::size_t(col)]) {
    case kInt8:
    case kInt4:
    case kInt2:
    case kOid:
    case kNumeric:
      return shown_[std::size_t(col)] = std::to_string(i64(col));
    case kBool:
      return shown_[std::size_t(col)] = i64(col) ? "t" : "f";
    case kFloat4:
    case kFloat8: {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, f64(col));
      return shown_[std::size_t(col)] = std::string(buf, ec == std::errc() ? end : buf);
    }
    default:
      return bytes(col);  // text, varchar, char: the same bytes in either format
  }
}

}  // namespace vstation::store::pg
