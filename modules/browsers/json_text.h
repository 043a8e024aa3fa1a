// json_text.h: RapidJSON helpers shared by the browser parsers.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace oqm_browsers {

// Parses `text`; nullopt when it is not JSON or its root is not an object.
std::optional<rapidjson::Document> parseJsonObject(std::string_view text);

// The member `key` of an object value, or nullptr (also when `value` is not an object).
const rapidjson::Value* member(const rapidjson::Value& value, std::string_view key);
// A dotted path of members, "background.persistent".
const rapidjson::Value* memberPath(const rapidjson::Value& value, std::string_view path);

// A scalar as text the way osquery's property trees read it: strings as they are, true/false,
// numbers in decimal. nullopt for null, objects and arrays.
std::optional<std::string> scalarText(const rapidjson::Value* value);

// The value serialized without whitespace.
std::string compactJson(const rapidjson::Value& value);

// The most of one manifest, preferences or extensions.json file that is read.
constexpr size_t kMaxJsonFileBytes = 16u << 20;

// Lower-case hex SHA-256 of `data`.
std::string sha256Hex(std::string_view data);

}  // namespace oqm_browsers
