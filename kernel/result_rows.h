// result_rows.h: rows as the daemon keeps and diffs them — each row's columns sorted by name
// (osquery keeps rows in std::map, so keys are sorted and a repeated column keeps its last
// value), with typed values, and a canonical JSON text per row that is both what the store
// saves and what the differential compares.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kernel/status.h"
#include "kernel/value.h"

namespace oqk {

using TypedRow = std::vector<std::pair<std::string, Cell>>;  // sorted by column name

// The rows of a query result, each with its columns sorted by name.
std::vector<TypedRow> typedRows(const QueryResult& result);

// Canonical compact JSON of a row: sorted keys, integers and doubles as numbers (doubles with
// round-trip precision), text as strings, NULL as null.
std::string canonicalJson(const TypedRow& row);
// The row back from its canonical JSON.
Result<TypedRow> parseCanonicalJson(const std::string& json);

// What changed between the stored rows (canonical JSON, in stored order) and the current ones.
// Rows are compared whole and as a multiset: a row present twice before and once now is one
// removed row.
struct RowDiff {
  std::vector<TypedRow> removed;          // in stored order
  std::vector<TypedRow> added;            // in current order
  std::vector<std::string> current_json;  // canonical JSON of every current row, to store
  bool empty() const { return removed.empty() && added.empty(); }
};
Result<RowDiff> diffRows(const std::vector<std::string>& stored, std::vector<TypedRow> current);

}  // namespace oqk
