// status_relay.h: status logs (glog lines) for the logger plugins that want them (stdout,
// syslog, aws_kinesis, aws_firehose: the kinds with OQM_LOG_STATUS). A glog sink collects each
// line the daemon records (glog's minloglevel is --logger_min_status); the scheduler drains
// them every few ticks, as osquery's does, into the durable log buffer. Collecting never
// touches the store: a line may be logged while the store's lock is held.
#pragma once

#include <glog/logging.h>

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace oqk {

struct StatusEntry {
  int severity = 0;  // 0 INFO, 1 WARNING, 2 ERROR, 3 FATAL (osquery's numbering)
  std::string filename;
  int line = 0;
  int64_t unix_time = 0;
  std::string message;
};

class StatusRelay : public google::LogSink {
 public:
  // Beyond this many undrained lines the oldest are discarded (a flood must not grow memory).
  static constexpr size_t kMaxPending = 10000;

  StatusRelay();  // registers the sink with glog
  ~StatusRelay() override;

  void send(google::LogSeverity severity, const char* full_filename, const char* base_filename,
            int line, const struct ::tm* tm_time, const char* message, size_t message_len) override;

  std::vector<StatusEntry> drain();
  uint64_t discarded() const;

 private:
  mutable std::mutex mutex_;
  std::deque<StatusEntry> pending_;  // a full queue drops from the front, in O(1)
  uint64_t discarded_ = 0;
};

// The buffered-logger JSON of a status (reference §3.6): hostIdentifier, calendarTime, unixTime,
// severity, filename, line, message, version, then decorations when there are any.
std::string statusRecordJson(const StatusEntry& entry, const std::string& host_identifier,
                             const std::string& version,
                             const std::vector<std::pair<std::string, std::string>>& decorations);

}  // namespace oqk
