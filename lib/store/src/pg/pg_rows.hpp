#pragma once
// The rows of one libpq result, in text format (plain statements) or binary (a stream's
// cursor): read as the store's Rows whatever the format.

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store::pg {

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

// A value in PostgreSQL's binary format read as a number or as text by its column's type
// (other types are taken as their text bytes); `shown` holds a number's text.
std::int64_t binary_i64(std::string_view b, Oid type);
double binary_f64(std::string_view b, Oid type);
std::string_view binary_text(std::string_view b, Oid type, std::string& shown);

// The fields of one row of COPY's binary format, from one CopyData message (the first one begins
// with the header); they point into the message.
class CopyRow {
 public:
  enum class Got { row, end, nothing };  // a row; the trailer; the header alone
  Got read(std::string_view message, std::size_t columns);
  bool is_null(int col) const { return !values_[std::size_t(col)]; }
  std::string_view bytes(int col) const { return values_[std::size_t(col)].value_or(""); }

 private:
  bool header_read_ = false;
  std::vector<std::optional<std::string_view>> values_;
};

class PgRows final : public Rows {
 public:
  explicit PgRows(Result res);
  bool next() override { return ++row_ < count_; }
  bool is_null(int col) const override { return PQgetisnull(res_.get(), row_, col) != 0; }
  std::int64_t i64(int col) const override;
  double f64(int col) const override;
  std::string_view text(int col) const override;

 private:
  std::string_view bytes(int col) const {
    return {PQgetvalue(res_.get(), row_, col), std::size_t(PQgetlength(res_.get(), row_, col))};
  }

  Result res_;
  int count_;
  int row_ = -1;
  bool binary_ = false;
  std::vector<Oid> types_;                  // per column, for binary values
  mutable std::vector<std::string> shown_;  // a binary number's text, per column
};

}  // namespace vstation::store::pg
