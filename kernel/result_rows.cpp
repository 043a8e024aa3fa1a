#include "kernel/result_rows.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace oqk {

std::vector<TypedRow> typedRows(const QueryResult& result) {
  // The column order is the same for every row: sort it once.
  const auto& names = result.column_names;
  std::vector<size_t> order(names.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return names[a] < names[b]; });
  // A repeated name keeps its last column, as a std::map assignment would.
  std::vector<size_t> kept;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i + 1 < order.size() && names[order[i]] == names[order[i + 1]]) continue;
    kept.push_back(order[i]);
  }
  std::vector<TypedRow> rows;
  rows.reserve(result.rows.size());
  for (const auto& cells : result.rows) {
    TypedRow row;
    row.reserve(kept.size());
    for (size_t c : kept) row.emplace_back(names[c], cells[c]);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string canonicalJson(const TypedRow& row) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  for (const auto& [name, cell] : row) {
    writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    switch (cell.kind) {
      case Cell::Kind::Null:
        writer.Null();
        break;
      case Cell::Kind::Integer:
        writer.Int64(cell.integer);
        break;
      case Cell::Kind::Double:
        writer.Double(cell.real);
        break;
      case Cell::Kind::Text:
      case Cell::Kind::Blob:
        writer.String(cell.text.data(), static_cast<rapidjson::SizeType>(cell.text.size()));
        break;
    }
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<TypedRow> parseCanonicalJson(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Status::error("stored row is not a JSON object: " + json.substr(0, 80));
  }
  TypedRow row;
  for (const auto& m : doc.GetObject()) {
    Cell cell;
    if (m.value.IsInt64()) {
      cell = Cell::ofInteger(m.value.GetInt64());
    } else if (m.value.IsNumber()) {
      cell = Cell::ofDouble(m.value.GetDouble());
    } else if (m.value.IsString()) {
      cell = Cell::ofText(std::string(m.value.GetString(), m.value.GetStringLength()));
    }
    row.emplace_back(std::string(m.name.GetString(), m.name.GetStringLength()), std::move(cell));
  }
  return row;
}

Result<RowDiff> diffRows(const std::vector<std::string>& stored, std::vector<TypedRow> current) {
  RowDiff diff;
  std::unordered_map<std::string_view, size_t> remaining;
  remaining.reserve(stored.size());
  for (const auto& s : stored) ++remaining[s];

  diff.current_json.reserve(current.size());
  for (auto& row : current) diff.current_json.push_back(canonicalJson(row));
  for (size_t i = 0; i < current.size(); ++i) {
    auto it = remaining.find(diff.current_json[i]);
    if (it != remaining.end() && it->second > 0) {
      --it->second;
    } else {
      diff.added.push_back(std::move(current[i]));
    }
  }
  for (const auto& s : stored) {
    auto it = remaining.find(s);
    if (it == remaining.end() || it->second == 0) continue;
    --it->second;
    auto row = parseCanonicalJson(s);
    if (!row) return row.status();
    diff.removed.push_back(std::move(row.value()));
  }
  return diff;
}

}  // namespace oqk
