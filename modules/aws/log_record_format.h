// log_record_format.h: a log line as osquery's AWS loggers send it (reference §5.2). osquery
// re-serialises every buffered line through a boost property_tree to append
// "log_type":"result" or "log_type":"status" as the LAST key; the round trip turns every JSON
// scalar into a string ("unixTime":"1700000000", "severity":"0"), escapes '/' as "\/", and
// writes an empty object or array as "". Pipelines built on osquery's Kinesis and Firehose
// output read exactly that, so we write it the same way. (One difference, deliberately: bytes
// above 0x7F pass through as the UTF-8 they are; boost mangled them into \u00XX per byte.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oqm_aws {

// Appends `text` as a JSON string, escaped as boost's JSON writer escapes ('/' as "\/", control
// characters as \uXXXX): valid JSON that every reader decodes to `text`.
void appendJsonString(std::string& out, std::string_view text);

struct FormattedRecord {
  std::string data;             // the JSON to send, "log_type" last
  std::string host_identifier;  // the line's "hostIdentifier" ("" when absent)
};

// The record to send, or nothing when `line` is not a JSON object (osquery discards those).
std::optional<FormattedRecord> formatRecord(std::string_view line, std::string_view log_type);

}  // namespace oqm_aws
