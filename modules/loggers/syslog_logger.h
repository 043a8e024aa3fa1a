// syslog_logger.h: osquery's `syslog` logger plugin (plugins/logger/syslog_logger.cpp):
// openlog(<program>, LOG_PID|LOG_CONS, facility << 3) with --logger_syslog_facility; results
// and snapshots at LOG_INFO (with "@cee:" before them under --logger_syslog_prepend_cee),
// statuses as `severity=... location=... message=...` at the priority of their severity.
#pragma once

#include <osquery_module.hpp>
#include <span>
#include <string>

namespace oqm_loggers {

// --logger_syslog_facility as osquery reads it: 0-23, anything else is LOG_LOCAL3 (19).
int syslogFacility(int64_t configured);

// The syslog priority of a status severity: INFO LOG_NOTICE, WARNING LOG_WARNING, ERROR
// LOG_ERR, FATAL LOG_CRIT (anything else LOG_NOTICE).
int syslogStatusPriority(int64_t severity);

struct SyslogMessage {
  int priority;
  std::string text;
};

// What the plugin sends for one record.
SyslogMessage syslogMessageFor(const oqm::LogRecord& record, bool prepend_cee);

// The three libc calls the plugin makes, replaceable by a test (there may be no syslog daemon).
struct SyslogApi {
  void (*open)(const char* ident, int option, int facility);
  void (*write)(int priority, const char* text);
  void (*close)();
};
SyslogApi& syslogApi();

class SyslogLogger {
 public:
  static constexpr const char* kName = "syslog";
  static constexpr uint32_t kKinds = oqm::kLogResult | oqm::kLogSnapshot | oqm::kLogStatus;

  // Reads the flags and opens the log with the program's name (osqueryd).
  void init();
  void logBatch(std::span<const oqm::LogRecord> records, std::span<oqm::Verdict> verdicts);
  void shutdown();

 private:
  bool prepend_cee_ = false;
  bool open_ = false;
};

}  // namespace oqm_loggers
