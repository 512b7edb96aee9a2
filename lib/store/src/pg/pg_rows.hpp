#pragma once
// The rows of one libpq result, in text format (plain statements) or binary (a stream's
// cursor): read as the store's Rows whatever the format.

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

#include "vstation/store/db.hpp"

namespace vstation::store::pg {

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

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
