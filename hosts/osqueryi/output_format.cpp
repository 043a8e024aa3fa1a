#include "hosts/osqueryi/output_format.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "hosts/osqueryi/text_width.h"

namespace oqs {

using oqk::Cell;
using oqk::QueryResult;

const char* modeName(OutputMode mode) {
  switch (mode) {
    case OutputMode::Line:
      return "line";
    case OutputMode::Column:
      return "column";
    case OutputMode::List:
      return "list";
    case OutputMode::Csv:
      return "csv";
    case OutputMode::Pretty:
      return "pretty";
  }
  return "pretty";
}

std::optional<OutputMode> parseMode(std::string_view word) {
  if (word == "line" || word == "lines") return OutputMode::Line;
  if (word == "column" || word == "columns") return OutputMode::Column;
  if (word == "list") return OutputMode::List;
  if (word == "pretty") return OutputMode::Pretty;
  if (word == "csv") return OutputMode::Csv;
  return std::nullopt;
}

std::string cellText(const Cell& cell, const std::string& nullvalue) {
  return cell.isNull() ? nullvalue : cell.toString();
}

void printPrettyTable(std::ostream& out, const std::vector<std::string>& columns,
                      const std::vector<const std::vector<Cell>*>& rows,
                      const std::string& nullvalue) {
  if (rows.empty()) return;
  std::vector<std::vector<std::string>> texts;
  texts.reserve(rows.size());
  std::vector<size_t> widths(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) widths[c] = displayLength(columns[c]);
  for (const auto* row : rows) {
    auto& t = texts.emplace_back();
    t.reserve(columns.size());
    for (size_t c = 0; c < columns.size(); ++c) {
      t.push_back(c < row->size() ? cellText((*row)[c], nullvalue) : nullvalue);
      widths[c] = std::max(widths[c], displayLength(t.back()));
    }
  }

  std::string border = "+";
  for (size_t w : widths) border += std::string(w + 2, '-') + "+";
  border += "\n";

  auto line = [&](const std::vector<std::string>& values) {
    std::string s = "|";
    for (size_t c = 0; c < values.size(); ++c) {
      s += " " + values[c];
      s += std::string(widths[c] - displayLength(values[c]) + 1, ' ');
      s += "|";
    }
    s += "\n";
    return s;
  };

  std::string text = border + line(columns) + border;
  for (const auto& t : texts) text += line(t);
  text += border;
  out << text;
}

std::string jsonString(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string s;
  s.reserve(text.size() + 2);
  s += '"';
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        s += "\\\"";
        break;
      case '\\':
        s += "\\\\";
        break;
      case '\b':
        s += "\\b";
        break;
      case '\t':
        s += "\\t";
        break;
      case '\n':
        s += "\\n";
        break;
      case '\f':
        s += "\\f";
        break;
      case '\r':
        s += "\\r";
        break;
      default:
        if (c < 0x20) {
          s += "\\u00";
          s += kHex[c >> 4];
          s += kHex[c & 0xF];
        } else {
          s += ch;
        }
    }
  }
  s += '"';
  return s;
}

namespace {

std::string jsonValue(const Cell& cell, bool typed, const std::string& nullvalue) {
  if (!typed) return jsonString(cellText(cell, nullvalue));
  switch (cell.kind) {
    case Cell::Kind::Null:
      return "null";
    case Cell::Kind::Integer:
      return std::to_string(cell.integer);
    case Cell::Kind::Double:
      // JSON has no infinities (SQLite turns NaN into NULL already).
      return std::isfinite(cell.real) ? cell.toString() : "null";
    case Cell::Kind::Text:
    case Cell::Kind::Blob:
      return jsonString(cell.text);
  }
  return "null";
}

// The members of one row's object, sorted by name; a repeated column name keeps the value of
// its last column, as osquery's Row (a std::map filled in column order) does.
std::vector<std::pair<std::string, std::string>> jsonMembers(const JsonRow& row, bool typed,
                                                             const std::string& nullvalue) {
  std::map<std::string, std::string> members;
  const auto& columns = *row.columns;
  for (size_t c = 0; c < columns.size() && c < row.cells->size(); ++c) {
    members[columns[c]] = jsonValue((*row.cells)[c], typed, nullvalue);
  }
  return {members.begin(), members.end()};
}

}  // namespace

void printJson(std::ostream& out, const std::vector<JsonRow>& rows, JsonStyle style, bool typed,
               const std::string& nullvalue) {
  std::string text;
  if (style == JsonStyle::Pretty) {
    if (rows.empty()) {
      text = "[]\n";
    } else {
      text = "[\n";
      for (size_t r = 0; r < rows.size(); ++r) {
        auto members = jsonMembers(rows[r], typed, nullvalue);
        if (members.empty()) {
          text += "  {}";
        } else {
          text += "  {\n";
          for (size_t m = 0; m < members.size(); ++m) {
            text += "    " + jsonString(members[m].first) + ": " + members[m].second;
            text += m + 1 < members.size() ? ",\n" : "\n";
          }
          text += "  }";
        }
        text += r + 1 < rows.size() ? ",\n" : "\n";
      }
      text += "]\n";
    }
  } else {
    text = "[\n";
    for (size_t r = 0; r < rows.size(); ++r) {
      text += "  {";
      bool first = true;
      for (const auto& [name, value] : jsonMembers(rows[r], typed, nullvalue)) {
        if (!first) text += ",";
        first = false;
        text += jsonString(name) + ":" + value;
      }
      text += "}";
      if (r + 1 < rows.size()) text += ",\n";
    }
    text += "\n]\n";
  }
  out << text;
}

void printLines(std::ostream& out, const QueryResult& result, const std::string& nullvalue) {
  size_t width = 5;
  for (const auto& name : result.column_names) width = std::max(width, displayLength(name));
  std::string text;
  for (size_t r = 0; r < result.rows.size(); ++r) {
    if (r > 0) text += "\n";
    const auto& row = result.rows[r];
    for (size_t c = 0; c < result.column_names.size(); ++c) {
      text += padLeft(result.column_names[c], width) + " = ";
      text += (c < row.size() ? cellText(row[c], nullvalue) : nullvalue) + "\n";
    }
  }
  out << text;
}

namespace {

template <typename Field>
void printDelimited(std::ostream& out, const QueryResult& result, const OutputSettings& settings,
                    Field field) {
  if (result.rows.empty()) return;
  std::string text;
  if (settings.header) {
    for (size_t c = 0; c < result.column_names.size(); ++c) {
      if (c > 0) text += settings.separator;
      text += field(result.column_names[c]);
    }
    text += "\n";
  }
  for (const auto& row : result.rows) {
    for (size_t c = 0; c < result.column_names.size(); ++c) {
      if (c > 0) text += settings.separator;
      if (c >= row.size() || row[c].isNull()) {
        text += settings.nullvalue;  // never quoted
      } else {
        text += field(row[c].toString());
      }
    }
    text += "\n";
  }
  out << text;
}

}  // namespace

void printList(std::ostream& out, const QueryResult& result, const OutputSettings& settings) {
  printDelimited(out, result, settings, [](const std::string& v) { return v; });
}

std::string csvField(std::string_view value, std::string_view separator) {
  bool quote = false;
  for (size_t i = 0; i < value.size() && !quote; ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (c <= 0x20 || c == '"' || c == '\'' || c >= 0x7F) quote = true;
    if (!separator.empty() && value.compare(i, separator.size(), separator) == 0) quote = true;
  }
  if (!quote) return std::string(value);
  std::string s = "\"";
  for (char c : value) {
    if (c == '"') s += '"';
    s += c;
  }
  s += '"';
  return s;
}

void printCsv(std::ostream& out, const QueryResult& result, const OutputSettings& settings) {
  printDelimited(out, result, settings,
                 [&](const std::string& v) { return csvField(v, settings.separator); });
}

void printColumns(std::ostream& out, const QueryResult& result, const OutputSettings& settings) {
  if (result.rows.empty()) return;
  const auto& names = result.column_names;
  const auto& first = result.rows.front();
  std::vector<int> widths(names.size());
  for (size_t c = 0; c < names.size(); ++c) {
    int w = c < settings.widths.size() ? settings.widths[c] : 0;
    if (w == 0) {
      w = std::max<int>(10, static_cast<int>(displayLength(names[c])));
      std::string value =
          c < first.size() ? cellText(first[c], settings.nullvalue) : settings.nullvalue;
      w = std::max<int>(w, static_cast<int>(displayLength(value)));
    }
    widths[c] = w;
  }
  auto gap = [&](size_t c) { return c + 1 == names.size() ? "\n" : "  "; };

  std::string text;
  if (settings.header) {
    for (size_t c = 0; c < names.size(); ++c) text += fitToWidth(names[c], widths[c]) + gap(c);
    // osquery underlines from a literal of 93 dashes, padded with spaces beyond that.
    static const std::string kDashes(93, '-');
    for (size_t c = 0; c < names.size(); ++c) {
      text += fitToWidth(kDashes, std::abs(widths[c])) + gap(c);
    }
  }
  for (const auto& row : result.rows) {
    for (size_t c = 0; c < names.size(); ++c) {
      std::string value =
          c < row.size() ? cellText(row[c], settings.nullvalue) : settings.nullvalue;
      text += fitToWidth(value, widths[c]) + gap(c);
    }
  }
  out << text;
}

}  // namespace oqs
