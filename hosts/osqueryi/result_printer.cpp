#include "hosts/osqueryi/result_printer.h"

namespace oqs {

ResultPrinter::ResultPrinter(std::ostream& out, const OutputSettings& settings)
    : out_(out), settings_(settings) {}

void ResultPrinter::add(const oqk::QueryResult& result) {
  switch (settings_.mode) {
    case OutputMode::Line:
      printLines(out_, result, settings_.nullvalue);
      return;
    case OutputMode::Column:
      printColumns(out_, result, settings_);
      return;
    case OutputMode::List:
      printList(out_, result, settings_);
      return;
    case OutputMode::Csv:
      printCsv(out_, result, settings_);
      return;
    case OutputMode::Pretty:
      break;
  }
  // osquery never sees a statement without rows here (its callback runs per row).
  if (result.rows.empty()) return;
  kept_.push_back(result);
  if (settings_.json != JsonStyle::None) return;
  const auto& kept = kept_.back();
  if (!table_rows_.empty() && kept.column_names != table_columns_) flushTable();
  if (table_rows_.empty()) table_columns_ = kept.column_names;
  for (const auto& row : kept.rows) table_rows_.push_back(&row);
}

void ResultPrinter::flushTable() {
  printPrettyTable(out_, table_columns_, table_rows_, settings_.nullvalue);
  table_rows_.clear();
  table_columns_.clear();
}

void ResultPrinter::finish() {
  if (settings_.mode == OutputMode::Pretty) {
    if (settings_.json != JsonStyle::None) {
      std::vector<JsonRow> rows;
      for (const auto& result : kept_) {
        for (const auto& row : result.rows) rows.push_back({&result.column_names, &row});
      }
      printJson(out_, rows, settings_.json, settings_.json_typed, settings_.nullvalue);
    } else {
      flushTable();
    }
  }
  kept_.clear();
  out_.flush();
}

}  // namespace oqs
