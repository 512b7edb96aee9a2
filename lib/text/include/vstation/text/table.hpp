#pragma once
// A terminal table renderer: columns padded by display width so CJK text lines up.

#include <string>
#include <vector>

#include "vstation/text/width.hpp"

namespace vstation::text {

class Table {
 public:
  explicit Table(std::vector<std::string> headers, std::vector<Align> align = {});
  Table& add(std::vector<std::string> row);
  [[nodiscard]] std::string render() const;
  [[nodiscard]] bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace vstation::text
