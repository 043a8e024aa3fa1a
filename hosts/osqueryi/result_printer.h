// result_printer.h: prints the results of one batch of statements (what the shell executes at
// once: one complete input, one query argument, one `.all`) in the current output mode.
//
// Like osquery, line/list/csv/column print each statement's rows as they come (each with its
// own header), while the pretty table and JSON wait for the batch to end: JSON prints every
// row of the batch as one array — even an empty one, even after an error — and consecutive
// statements with the same columns share one pretty table. (osquery also folds statements
// with different columns into the first one's table, showing wrong cells; we start a new
// table there instead.)
#pragma once

#include <deque>
#include <ostream>
#include <vector>

#include "hosts/osqueryi/output_format.h"
#include "kernel/value.h"

namespace oqs {

class ResultPrinter {
 public:
  ResultPrinter(std::ostream& out, const OutputSettings& settings);

  // One statement's result (its column names even when it has no rows).
  void add(const oqk::QueryResult& result);
  // Prints what the batch kept back; call once, also when a statement failed.
  void finish();

 private:
  void flushTable();

  std::ostream& out_;
  const OutputSettings& settings_;
  std::deque<oqk::QueryResult> kept_;  // pretty table and JSON (stable addresses)
  std::vector<std::string> table_columns_;
  std::vector<const std::vector<oqk::Cell>*> table_rows_;
};

}  // namespace oqs
