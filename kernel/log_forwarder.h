// log_forwarder.h: hands buffered log records to logger plugins. Records sit in the Store
// (one row per record and logger) until that logger's verdict says OK (delivered) or DROP (can
// never be delivered); RETRY keeps them, to be offered again after an exponential backoff with
// jitter. Only the records that failed are retried. A batch that fails as a whole (the
// destination is unreachable) backs the whole logger off instead, so an outage costs one
// attempt per backoff step, not one per buffered batch, and order is kept.
//
// The forwarder runs on its own thread, so a slow or unreachable destination never blocks the
// scheduler. It reports, as status lines, when a logger's delivery stalls and when it recovers,
// and keeps per-logger counters (osquery_logger_status).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kernel/flags.h"
#include "kernel/registry.h"
#include "kernel/store.h"

namespace oqk {

struct LoggerCounters {
  uint64_t sent = 0;
  uint64_t retried = 0;  // record attempts that failed and will be retried
  uint64_t dropped = 0;
  uint64_t purged = 0;  // removed unsent because --buffered_log_max was exceeded
};

// One row of osquery_logger_status.
struct LoggerStatus {
  std::string logger;
  LoggerCounters counters;
  uint64_t buffered = 0;
  int64_t stalled_since = 0;  // unix time delivery started failing; 0 while it works
  std::string last_error;
};

class LogForwarder {
 public:
  // `flags` (optional) supplies a logger's period option and --buffered_log_max.
  LogForwarder(Registry& registry, Store& store, const Flags* flags = nullptr);
  ~LogForwarder();

  // Initialises the named logger plugins (the --logger_plugin list). A name with no registered
  // logger, or whose init fails, is an error naming it: osquery exits 78 then.
  Status activate(const std::vector<std::string>& names);

  // Active loggers that want records of that kind (OQM_LOG_*).
  std::vector<std::string> loggersFor(uint32_t kind) const;

  // One pass over every active logger that is due; returns how many records left the buffer.
  size_t forwardOnce(int64_t now);

  // Until stop(): one thread per active logger, each delivering every second or sooner after
  // wake(), so a slow or unreachable destination never holds back the others.
  void run();
  void wake();
  void stop();

  // Flushes, then shuts down every active logger (daemon exit).
  void shutdown();

  std::map<std::string, LoggerCounters> counters() const;
  std::vector<LoggerStatus> status() const;

 private:
  struct Active {
    std::string name;
    std::shared_ptr<const PluginDefinition> plugin;
    int64_t period = 0;         // seconds between deliveries (the logger's period option)
    int64_t next_due = 0;       // no delivery before this time (period)
    int64_t blocked_until = 0;  // no delivery before this time (backoff after a failed batch)
    uint32_t failures = 0;      // consecutive failed batches
    int64_t stalled_since = 0;
    std::string last_error;
    LoggerCounters counters;
    std::mutex delivering;  // one delivery at a time per logger
  };
  std::vector<BufferedRecord> readBatch(const Active& logger, int64_t now, int64_t after_id);
  // Hands a batch to the logger; false when it failed as a whole (the logger then backs off).
  bool send(Active& logger, const std::vector<BufferedRecord>& records, int64_t now,
            std::vector<uint8_t>& verdicts);
  // Applies the verdicts to the store and counters; how many records left the buffer.
  size_t settle(Active& logger, const std::vector<BufferedRecord>& records,
                const std::vector<uint8_t>& verdicts, int64_t now);
  // Delivers what is due for one logger; how many records left the buffer. `capped` is set when
  // it stopped at the per-pass batch limit with more to deliver.
  size_t deliver(Active& logger, int64_t now, bool* capped = nullptr);
  void purgeOverflow(Active& logger);

  Registry& registry_;
  Store& store_;
  const Flags* flags_;
  mutable std::mutex mutex_;  // the Active entries' state, woken_, stopping_
  std::vector<std::shared_ptr<Active>> active_;
  std::condition_variable wake_signal_;
  uint64_t wakes_ = 0;  // counts wake() calls: each logger thread compares with what it saw
  bool stopping_ = false;
};

}  // namespace oqk
