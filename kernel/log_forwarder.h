// log_forwarder.h: hands buffered log records to logger plugins. Records sit in the Store
// (one row per record and logger) until that logger's verdict says OK (delivered) or DROP (can
// never be delivered); RETRY keeps them, to be offered again after an exponential backoff with
// jitter. Only the records that failed are retried. The forwarder runs on its own thread, so a
// slow or unreachable destination never blocks the scheduler.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kernel/registry.h"
#include "kernel/store.h"

namespace oqk {

struct LoggerCounters {
  uint64_t sent = 0;
  uint64_t retried = 0;
  uint64_t dropped = 0;
};

class LogForwarder {
 public:
  LogForwarder(Registry& registry, Store& store);
  ~LogForwarder();

  // Initialises the named logger plugins (the --logger_plugin list). A name with no registered
  // logger, or whose init fails, is an error naming it: osquery exits 78 then.
  Status activate(const std::vector<std::string>& names);

  // Active loggers that want records of that kind (OQM_LOG_*).
  std::vector<std::string> loggersFor(uint32_t kind) const;

  // One pass over every active logger; returns how many records left the buffer.
  size_t forwardOnce(int64_t now);

  void run();  // until stop(): a pass every second, or sooner after wake()
  void wake();
  void stop();

  // Flushes, then shuts down every active logger (daemon exit).
  void shutdown();

  std::map<std::string, LoggerCounters> counters() const;

 private:
  struct Active {
    std::string name;
    std::shared_ptr<const PluginDefinition> plugin;
  };
  size_t forward(const Active& logger, int64_t now);

  Registry& registry_;
  Store& store_;
  mutable std::mutex mutex_;
  std::vector<Active> active_;
  std::map<std::string, LoggerCounters> counters_;
  std::condition_variable wake_signal_;
  bool woken_ = false;
  bool stopping_ = false;
};

}  // namespace oqk
