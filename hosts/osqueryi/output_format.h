// output_format.h: how the shell prints a result set, mode by mode, byte for byte as osquery's
// shell does (osquery/devtools/shell.cpp and printer.cpp; see osquery-behaviour.md §1.4).
//
// Each print* function writes one statement's result. The pretty table and JSON are written
// per batch of statements by ResultPrinter (result_printer.h), which calls these.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/value.h"

namespace oqs {

// osquery's modes, in the order of its modeDescr[] table.
enum class OutputMode { Line, Column, List, Csv, Pretty };

// JSON is not a mode in osquery: --json / --json_pretty replace the pretty table, and only
// while the mode is pretty (`.mode list` prints lists; `.mode pretty` brings the JSON back).
enum class JsonStyle { None, Compact, Pretty };

struct OutputSettings {
  OutputMode mode = OutputMode::Pretty;
  JsonStyle json = JsonStyle::None;
  // Our addition (--json_typed): integers and doubles as JSON numbers, NULL as null.
  bool json_typed = false;
  bool header = true;  // list, csv and column; the pretty table always has its header
  std::string separator = "|";
  std::string nullvalue;
  std::vector<int> widths;  // `.width`: column mode widths, negative = right-aligned
};

// The name `.show` prints for a mode.
const char* modeName(OutputMode mode);
// `.mode` accepts line/lines, column/columns, list, pretty, csv (exact words).
std::optional<OutputMode> parseMode(std::string_view word);

// The text a cell shows: NULL as `nullvalue`, everything else as SQLite's text of it.
std::string cellText(const oqk::Cell& cell, const std::string& nullvalue);

// Pretty table: width of a column = most code points among its name and values;
// +---+ borders; header always; no output at all for zero rows.
void printPrettyTable(std::ostream& out, const std::vector<std::string>& columns,
                      const std::vector<const std::vector<oqk::Cell>*>& rows,
                      const std::string& nullvalue);

// One row of a JSON batch: the column names of its statement and its cells.
struct JsonRow {
  const std::vector<std::string>* columns;
  const std::vector<oqk::Cell>* cells;
};

// JSON array of objects with keys sorted by name (a repeated name keeps its last value).
// Compact: "[\n" + "  {...}" rows joined by ",\n" + "\n]\n" (zero rows: "[\n\n]\n").
// Pretty: rapidjson's PrettyWriter with a 2-space indent, then "\n" (zero rows: "[]\n").
// Untyped every value is a string and NULL is `nullvalue`; typed (our addition) integers
// and finite doubles are numbers and NULL is null.
void printJson(std::ostream& out, const std::vector<JsonRow>& rows, JsonStyle style, bool typed,
               const std::string& nullvalue);

// `name = value` per column, names right-aligned to max(5, longest name); a blank line
// between rows.
void printLines(std::ostream& out, const oqk::QueryResult& result, const std::string& nullvalue);

// Values joined by the separator, unquoted; the header (names) first when enabled and there
// is at least one row.
void printList(std::ostream& out, const oqk::QueryResult& result, const OutputSettings& settings);

// Like list, with osquery's CSV quoting: a value (or name) is put in double quotes, inner
// quotes doubled, when it holds a control character, space, '"', '\'', a byte >= 0x7F or
// the separator. NULL prints as the null value, unquoted.
void printCsv(std::ostream& out, const oqk::QueryResult& result, const OutputSettings& settings);
std::string csvField(std::string_view value, std::string_view separator);

// Left-aligned columns two spaces apart, each as wide as its `.width` or else
// max(10, name, first row's value); values are cut to the width. Header and a dash
// underline when enabled.
void printColumns(std::ostream& out, const oqk::QueryResult& result,
                  const OutputSettings& settings);

// JSON string escaping as rapidjson's Writer: '"', '\\', and control characters (\b \t \n
// \f \r, others as \u00XX); '/' and non-ASCII bytes are written as they are.
std::string jsonString(std::string_view text);

}  // namespace oqs
