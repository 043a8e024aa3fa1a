#include "log_record_format.h"

#include <rapidjson/document.h>

#include <cstdio>

namespace oqm_aws {
namespace {

// A property_tree node as its JSON writer emits it: children with keys → object, children
// without keys (an array) → array, no children → the data as a string.
void appendNode(std::string& out, const rapidjson::Value& v) {
  if (v.IsObject()) {
    if (v.MemberCount() == 0) return appendJsonString(out, "");
    out.push_back('{');
    bool first = true;
    for (const auto& m : v.GetObject()) {
      if (!first) out.push_back(',');
      first = false;
      appendJsonString(out, std::string_view(m.name.GetString(), m.name.GetStringLength()));
      out.push_back(':');
      appendNode(out, m.value);
    }
    out.push_back('}');
  } else if (v.IsArray()) {
    if (v.Size() == 0) return appendJsonString(out, "");
    out.push_back('[');
    bool first = true;
    for (const auto& e : v.GetArray()) {
      if (!first) out.push_back(',');
      first = false;
      appendNode(out, e);
    }
    out.push_back(']');
  } else if (v.IsString()) {
    // Numbers arrive here too: they are parsed as their original text.
    appendJsonString(out, std::string_view(v.GetString(), v.GetStringLength()));
  } else if (v.IsBool()) {
    appendJsonString(out, v.GetBool() ? "true" : "false");
  } else {
    appendJsonString(out, "null");
  }
}

}  // namespace

void appendJsonString(std::string& out, std::string_view text) {
  const char* s = text.data();
  const size_t n = text.size();
  out.push_back('"');
  for (size_t i = 0; i < n; ++i) {
    const char c = s[i];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '/':
        out += "\\/";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04X", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::optional<FormattedRecord> formatRecord(std::string_view line, std::string_view log_type) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag>(line.data(),
                                                                                       line.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  FormattedRecord record;
  auto host = doc.FindMember("hostIdentifier");
  if (host != doc.MemberEnd() && host->value.IsString()) {
    record.host_identifier.assign(host->value.GetString(), host->value.GetStringLength());
  }
  std::string& out = record.data;
  out.reserve(line.size() + line.size() / 8 + 32);
  appendNode(out, doc);
  // Insert the key before the closing brace (an empty object was written as "").
  if (out == "\"\"") out = "{}";
  out.pop_back();
  if (out.size() > 1) out.push_back(',');
  out += "\"log_type\":";
  appendJsonString(out, log_type);
  out.push_back('}');
  return record;
}

}  // namespace oqm_aws
