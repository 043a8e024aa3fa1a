#include "status_line.h"

#include <rapidjson/document.h>

#include <cstdlib>

namespace oqm_loggers {

StatusLine parseStatusLine(std::string_view json) {
  StatusLine status;
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    status.message.assign(json);
    return status;
  }
  auto integer = [&](const char* key, int64_t& out) {
    auto it = doc.FindMember(key);
    if (it == doc.MemberEnd()) return;
    if (it->value.IsInt64()) {
      out = it->value.GetInt64();
    } else if (it->value.IsString()) {
      out = std::strtoll(it->value.GetString(), nullptr, 10);
    }
  };
  auto text = [&](const char* key, std::string& out) {
    auto it = doc.FindMember(key);
    if (it != doc.MemberEnd() && it->value.IsString()) {
      out.assign(it->value.GetString(), it->value.GetStringLength());
    }
  };
  integer("severity", status.severity);
  text("filename", status.filename);
  integer("line", status.line);
  text("message", status.message);
  return status;
}

std::string formatStatusLine(const StatusLine& status) {
  return "severity=" + std::to_string(status.severity) + " location=" + status.filename + ":" +
         std::to_string(status.line) + " message=" + status.message;
}

}  // namespace oqm_loggers
