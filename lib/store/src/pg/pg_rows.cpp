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

std::int64_t binary_i64(std::string_view b, Oid type) {
  switch (type) {
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
      return static_cast<std::int64_t>(float_of(b, type));
    default:
      return integer_of_text(b);
  }
}

double binary_f64(std::string_view b, Oid type) {
  switch (type) {
    case kFloat4:
    case kFloat8:
      return float_of(b, type);
    case kNumeric:
      return numeric_double(b);
    case kInt8:
    case kInt4:
    case kInt2:
    case kOid:
    case kBool:
      return double(binary_i64(b, type));
    default:
      return double_of_text(b);
  }
}

std::string_view binary_text(std::string_view b, Oid type, std::string& shown) {
  switch (type) {
    case kInt8:
    case kInt4:
    case kInt2:
    case kOid:
    case kNumeric:
      return shown = std::to_string(binary_i64(b, type));
    case kBool:
      return shown = binary_i64(b, type) ? "t" : "f";
    case kFloat4:
    case kFloat8: {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, binary_f64(b, type));
      return shown = std::string(buf, ec == std::errc() ? end : buf);
    }
    default:
      return b;  // text, varchar, char: the same bytes in either format
  }
}

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
  return binary_ ? binary_i64(b, types_[std::size_t(col)]) : integer_of_text(b);
}

double PgRows::f64(int col) const {
  auto b = bytes(col);
  return binary_ ? binary_f64(b, types_[std::size_t(col)]) : double_of_text(b);
}

std::string_view PgRows::text(int col) const {
  if (!binary_) return bytes(col);
  return binary_text(bytes(col), types_[std::size_t(col)], shown_[std::size_t(col)]);
}

CopyRow::Got CopyRow::read(std::string_view message, std::size_t columns) {
  const char* p = message.data();
  const char* end = p + message.size();
  auto take = [&](std::size_t n) {
    if (std::size_t(end - p) < n) throw std::runtime_error("a COPY row cut short");
    const char* at = p;
    p += n;
    return at;
  };
  if (!header_read_) {
    // "PGCOPY\n\377\r\n\0", the flags, then the header extension's length and bytes.
    take(11 + 4);
    take(std::uint32_t(big_endian(take(4), 4)));
    header_read_ = true;
    if (p == end) return Got::nothing;
  }
  const auto fields = std::int16_t(big_endian(take(2), 2));
  if (fields < 0) return Got::end;
  if (std::size_t(fields) != columns) throw std::runtime_error("a COPY row of another width");
  values_.clear();
  for (int f = 0; f < fields; ++f) {
    const auto n = std::int32_t(big_endian(take(4), 4));
    values_.push_back(n < 0 ? std::optional<std::string_view>{}
                            : std::string_view(take(std::size_t(n)), std::size_t(n)));
  }
  return Got::row;
}

}  // namespace vstation::store::pg
