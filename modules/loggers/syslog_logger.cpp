#include "syslog_logger.h"

#include <syslog.h>

#include <cerrno>

#include "status_line.h"

namespace oqm_loggers {

namespace {

constexpr int kDefaultFacility = 19;  // LOG_LOCAL3

void openSystemLog(const char* ident, int option, int facility) {
  ::openlog(ident, option, facility);
}
void writeSystemLog(int priority, const char* text) {
  ::syslog(priority, "%s", text);
}
void closeSystemLog() {
  ::closelog();
}

}  // namespace

SyslogApi& syslogApi() {
  static SyslogApi api{&openSystemLog, &writeSystemLog, &closeSystemLog};
  return api;
}

int syslogFacility(int64_t configured) {
  return configured >= 0 && configured <= 23 ? static_cast<int>(configured) : kDefaultFacility;
}

int syslogStatusPriority(int64_t severity) {
  switch (severity) {
    case 1:
      return LOG_WARNING;
    case 2:
      return LOG_ERR;
    case 3:
      return LOG_CRIT;
    default:
      return LOG_NOTICE;
  }
}

SyslogMessage syslogMessageFor(const oqm::LogRecord& record, bool prepend_cee) {
  if (record.kind == oqm::kLogStatus) {
    StatusLine status = parseStatusLine(record.data);
    return {syslogStatusPriority(status.severity), formatStatusLine(status)};
  }
  std::string text = prepend_cee ? "@cee:" : "";
  text.append(record.data);
  return {LOG_INFO, std::move(text)};
}

void SyslogLogger::init() {
  const oqm::Host host = oqm::host();
  const int64_t configured = host.intOption("logger_syslog_facility", kDefaultFacility);
  const int facility = syslogFacility(configured);
  if (facility != configured) {
    host.warning("logger_syslog_facility must be 0-23, not " + std::to_string(configured) +
                 "; using " + std::to_string(kDefaultFacility));
  }
  prepend_cee_ = host.boolOption("logger_syslog_prepend_cee", false);
  // glibc keeps the ident pointer: the program's short name lives as long as the process.
  syslogApi().open(program_invocation_short_name, LOG_PID | LOG_CONS, facility << 3);
  open_ = true;
}

void SyslogLogger::logBatch(std::span<const oqm::LogRecord> records,
                            std::span<oqm::Verdict> verdicts) {
  for (size_t i = 0; i < records.size(); ++i) {
    SyslogMessage message = syslogMessageFor(records[i], prepend_cee_);
    // syslog(3) reports nothing: once handed over, a record is delivered as far as we can know.
    syslogApi().write(message.priority, message.text.c_str());
    verdicts[i] = oqm::Verdict::Ok;
  }
}

void SyslogLogger::shutdown() {
  if (!open_) return;
  open_ = false;
  syslogApi().close();
}

}  // namespace oqm_loggers
