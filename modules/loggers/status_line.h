// status_line.h: the status records the kernel hands to loggers, and the text line osquery's
// stdout and syslog plugins write for them (plugins/logger/stdout.cpp, syslog_logger.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace oqm_loggers {

struct StatusLine {
  int64_t severity = 0;  // 0 INFO, 1 WARNING, 2 ERROR, 3 FATAL
  std::string filename;
  int64_t line = 0;
  std::string message;
};

// Reads the status JSON object ({"severity","filename","line","message",...}). Data that is not
// a JSON object becomes an INFO line whose message is the data itself.
StatusLine parseStatusLine(std::string_view json);

// `severity=<n> location=<file>:<line> message=<msg>`
std::string formatStatusLine(const StatusLine& status);

}  // namespace oqm_loggers
