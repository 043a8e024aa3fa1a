#include "json_text.h"

#include <openssl/evp.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace oqm_browsers {

std::optional<rapidjson::Document> parseJsonObject(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag>(text.data(),
                                                                                 text.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  return doc;
}

const rapidjson::Value* member(const rapidjson::Value& value, std::string_view key) {
  if (!value.IsObject()) return nullptr;
  auto it = value.FindMember(rapidjson::Value(
      rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
  return it == value.MemberEnd() ? nullptr : &it->value;
}

const rapidjson::Value* memberPath(const rapidjson::Value& value, std::string_view path) {
  const rapidjson::Value* current = &value;
  while (current != nullptr) {
    size_t dot = path.find('.');
    current = member(*current, path.substr(0, dot));
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  return current;
}

std::optional<std::string> scalarText(const rapidjson::Value* value) {
  if (value == nullptr) return std::nullopt;
  if (value->IsString()) return std::string(value->GetString(), value->GetStringLength());
  if (value->IsBool()) return value->GetBool() ? "true" : "false";
  if (value->IsInt64()) return std::to_string(value->GetInt64());
  if (value->IsUint64()) return std::to_string(value->GetUint64());
  if (value->IsNumber()) return compactJson(*value);
  return std::nullopt;
}

std::string compactJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return {};
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace oqm_browsers
