// failure_reporter.h: a logger's write failures as status warnings, once per distinct failure.
// The kernel retries the records with backoff, so repeating the same warning on every retry
// would only flood the status log (and, for stdout/syslog, feed back into the logger itself).
#pragma once

#include <osquery_module.hpp>
#include <string>

namespace oqm_loggers {

class FailureReporter {
 public:
  explicit FailureReporter(std::string plugin) : plugin_(std::move(plugin)) {}

  // `error` is empty when the last batch went through; the next failure is reported again.
  void report(const std::string& error) {
    if (error == last_) return;
    last_ = error;
    if (!error.empty()) oqm::host().warning(plugin_ + " logger: " + error);
  }

 private:
  std::string plugin_;
  std::string last_;
};

}  // namespace oqm_loggers
