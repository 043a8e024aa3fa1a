// value.h: typed cells and row sets, as the kernel stores them between a table's generate and
// SQLite (and as the hosts print them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace oqk {

struct Cell {
  enum class Kind : uint8_t { Null, Integer, Double, Text, Blob };
  Kind kind = Kind::Null;
  int64_t integer = 0;
  double real = 0;
  std::string text;  // Text and Blob

  static Cell null() { return Cell{}; }
  static Cell ofInteger(int64_t v) {
    Cell c;
    c.kind = Kind::Integer;
    c.integer = v;
    return c;
  }
  static Cell ofDouble(double v) {
    Cell c;
    c.kind = Kind::Double;
    c.real = v;
    return c;
  }
  static Cell ofText(std::string v) {
    Cell c;
    c.kind = Kind::Text;
    c.text = std::move(v);
    return c;
  }
  bool isNull() const { return kind == Kind::Null; }

  // The text osquery would show: integers in decimal, doubles as SQLite prints them, NULL as "".
  std::string toString() const;
};

// Rows of a fixed column count, stored row-major in one vector. The count is kept apart: a
// statement that reads no column (count(*)) still has rows.
struct RowSet {
  size_t columns = 0;
  size_t row_count = 0;
  std::vector<Cell> cells;

  size_t rows() const { return row_count; }
  const Cell& at(size_t row, size_t column) const { return cells[row * columns + column]; }
};

// The result of one SQL statement, for hosts.
struct QueryResult {
  std::vector<std::string> column_names;
  std::vector<std::vector<Cell>> rows;
};

}  // namespace oqk
