// scheduler.h: osquery's scheduler (reference §3.5, §6). One thread ticks once a second,
// anchored to the unix time; a query runs on ticks where tick % splayed interval == 0. Each
// execution runs the SQL, diffs the rows against the stored ones, and commits the new state
// together with the log records it produced (Store::commitExecution) — never one without the
// other. Delivery of those records is the LogForwarder's job.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kernel/config.h"
#include "kernel/database.h"
#include "kernel/flags.h"
#include "kernel/status_relay.h"
#include "kernel/store.h"

namespace oqk {

// What osquery_schedule reports per query.
struct QueryStats {
  std::string query;
  uint64_t interval = 0;
  uint64_t executions = 0;
  int64_t last_executed = 0;
  uint64_t output_size = 0;
  uint64_t wall_time = 0;  // seconds, summed per run (integer division, as osquery)
  uint64_t wall_time_ms = 0;
  uint64_t last_wall_time_ms = 0;
  uint64_t user_time = 0;
  uint64_t last_user_time = 0;
  uint64_t system_time = 0;
  uint64_t last_system_time = 0;
  uint64_t average_memory = 0;
  uint64_t last_memory = 0;
};

class Scheduler {
 public:
  // `loggers` gives the names of the active loggers that want records of a kind (OQM_LOG_*).
  Scheduler(Database& database, Store& store, Flags& flags,
            std::function<std::vector<std::string>(uint32_t kind)> loggers,
            std::function<std::string()> host_identifier);

  // Seconds a query no longer in the schedule keeps its stored results.
  static constexpr int64_t kPurgeAfterSeconds = 7 * 24 * 3600;
  // The store key naming the query being executed (osquery's `executing_query`).
  static constexpr const char* kExecutingKey = "executing_query";
  // The query that was running when the previous process died, once (the marker is cleared).
  std::optional<std::string> interruptedQuery();

  // Called after every execution that buffered records (the daemon wakes its forwarder).
  void setCommitListener(std::function<void()> listener);
  // Status lines to relay into the log buffer every kStatusRelayTicks ticks, for the loggers
  // that want OQM_LOG_STATUS. Not owned; may be null.
  void setStatusRelay(StatusRelay* relay);
  static constexpr int64_t kStatusRelayTicks = 3;
  // Buffers the collected status lines now (what the loop does every few ticks).
  void relayStatuses(int64_t now);

  // Installs a new config: runs the `load` decorators and pack discovery now. Thread-safe.
  void setConfig(ConfigData config);

  // Runs one execution of a scheduled query at `now` (what a tick does per due query).
  Status runQuery(const ScheduledQuery& query, int64_t now);

  // Runs every query due at `tick`, in schedule order; the unit of the loop (tests drive it).
  void runTick(int64_t tick, bool first_tick);

  // The loop: until stop() or --schedule_timeout. Returns after the running query ends.
  void run();
  void stop();

  std::map<std::string, QueryStats> stats() const;
  std::vector<ScheduledQuery> scheduledQueries() const;
  std::vector<std::pair<std::string, bool>> packs() const;  // name, active (discovery passed)

  // The splayed interval osquery would use (uniform in interval ± interval·p/100, min 1),
  // remembered in the store while the interval is unchanged.
  uint64_t splayedInterval(const ScheduledQuery& query);

 private:
  std::map<std::string, std::string> decorations(bool include_always);
  bool packActive(const Pack& pack);

  Database& database_;
  Store& store_;
  Flags& flags_;
  std::function<std::vector<std::string>(uint32_t)> loggers_;
  std::function<std::string()> host_identifier_;
  std::function<void()> commit_listener_;
  StatusRelay* status_relay_ = nullptr;

  mutable std::mutex mutex_;  // config_, stats_, load_decorations_, pack_active_
  ConfigData config_;
  std::map<std::string, std::string> load_decorations_;
  std::map<std::string, bool> pack_active_;
  std::map<std::string, QueryStats> stats_;
  std::map<std::string, uint64_t> splay_cache_;

  std::mutex run_mutex_;  // one execution at a time: the Database is one connection
  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
};

}  // namespace oqk
