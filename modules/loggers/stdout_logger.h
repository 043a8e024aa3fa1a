// stdout_logger.h: osquery's `stdout` logger plugin (plugins/logger/stdout.cpp): results and
// snapshots as their JSON line on stdout, statuses as `severity=<n> location=<f>:<l> message=<m>`.
#pragma once

#include <osquery_module.hpp>
#include <span>
#include <string>

#include "failure_reporter.h"

namespace oqm_loggers {

// The text a logger writes for a record on stdout, without the newline.
std::string stdoutLine(const oqm::LogRecord& record);

class StdoutLogger {
 public:
  static constexpr const char* kName = "stdout";
  static constexpr uint32_t kKinds = oqm::kLogResult | oqm::kLogSnapshot | oqm::kLogStatus;

  // One write(2) for the batch; Ok for the lines written completely, Retry for the rest
  // (EAGAIN on a non-blocking pipe, EIO).
  void logBatch(std::span<const oqm::LogRecord> records, std::span<oqm::Verdict> verdicts);
  void flush();

 private:
  FailureReporter failures_{"stdout"};
};

}  // namespace oqm_loggers
