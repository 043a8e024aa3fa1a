#include "kernel/scheduler.h"

#include <glog/logging.h>
#include <malloc.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <set>

#include "kernel/result_log.h"
#include "osquery_module.h"

namespace oqk {
namespace {

uint64_t cpuMilliseconds(const timeval& t) {
  return static_cast<uint64_t>(t.tv_sec) * 1000 + static_cast<uint64_t>(t.tv_usec) / 1000;
}

uint64_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

Scheduler::Scheduler(Database& database, Store& store, Flags& flags,
                     std::function<std::vector<std::string>(uint32_t)> loggers,
                     std::function<std::string()> host_identifier)
    : database_(database),
      store_(store),
      flags_(flags),
      loggers_(std::move(loggers)),
      host_identifier_(std::move(host_identifier)) {}

std::map<std::string, std::string> Scheduler::decorations(bool include_always) {
  std::map<std::string, std::string> out;
  if (flags_.getBool("disable_decorators")) return out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    out = load_decorations_;
  }
  if (!include_always) return out;
  std::vector<std::string> always;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    always = config_.decorators.always;
  }
  for (const auto& sql : always) {
    auto r = database_.query(sql);
    if (!r || r->rows.empty()) continue;
    if (r->rows.size() > 1) LOG(WARNING) << "Multiple rows returned for decorator query: " << sql;
    for (size_t c = 0; c < r->column_names.size(); ++c) {
      out[r->column_names[c]] = r->rows[0][c].toString();
    }
  }
  return out;
}

bool Scheduler::packActive(const Pack& pack) {
  for (const auto& sql : pack.discovery) {
    auto r = database_.query(sql);
    if (!r || r->rows.empty()) return false;
  }
  return true;
}

void Scheduler::setConfig(ConfigData config) {
  std::lock_guard<std::mutex> run_lock(run_mutex_);
  std::map<std::string, std::string> load;
  for (const auto& sql : config.decorators.load) {
    auto r = database_.query(sql);
    if (!r) {
      LOG(WARNING) << "Decorator query failed: " << sql << ": " << r.status().message();
      continue;
    }
    if (r->rows.empty()) continue;
    if (r->rows.size() > 1) LOG(WARNING) << "Multiple rows returned for decorator query: " << sql;
    for (size_t c = 0; c < r->column_names.size(); ++c) {
      load[r->column_names[c]] = r->rows[0][c].toString();
    }
  }
  std::map<std::string, bool> active;
  for (const auto& pack : config.packs) active[pack.name] = packActive(pack);

  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& q : config.allQueries()) {
    auto& s = stats_[q->name];
    if (s.query != q->query) s = QueryStats{};  // a changed query starts its stats anew
    s.query = q->query;
    s.interval = q->interval;
  }
  std::set<std::string> scheduled;
  for (const auto& q : config.allQueries()) scheduled.insert(q->name);
  for (auto it = stats_.begin(); it != stats_.end();) {
    it = scheduled.count(it->first) != 0 ? std::next(it) : stats_.erase(it);
  }
  // Results of queries no longer scheduled are kept a week (a query that comes back soon goes
  // on diffing, as osquery's Config::purge), then forgotten.
  const auto now = static_cast<int64_t>(std::time(nullptr));
  for (const auto& name : store_.staleQueries(scheduled, now - kPurgeAfterSeconds)) {
    LOG(INFO) << "Purging stale results of scheduled query: " << name;
    store_.removeQueryState(name);
  }
  config_ = std::move(config);
  load_decorations_ = std::move(load);
  pack_active_ = std::move(active);
}

uint64_t Scheduler::splayedInterval(const ScheduledQuery& query) {
  std::string key = "interval." + query.short_name;
  if (auto it = splay_cache_.find(key); it != splay_cache_.end()) return it->second;
  if (auto saved = store_.get("configurations", key)) {
    auto colon = saved->find(':');
    if (colon != std::string::npos && saved->substr(0, colon) == std::to_string(query.interval)) {
      uint64_t splayed = std::stoull(saved->substr(colon + 1));
      splay_cache_[key] = splayed;
      return splayed;
    }
  }
  int64_t percent = flags_.getInt("schedule_splay_percent");
  if (percent <= 1) percent = 10;  // osquery resets tiny splays to the default
  uint64_t splayed = query.interval;
  if (percent <= 100) {
    auto interval = static_cast<int64_t>(query.interval);
    int64_t spread = interval * percent / 100;
    std::random_device device;
    std::uniform_int_distribution<int64_t> pick(interval - spread, interval + spread);
    splayed = static_cast<uint64_t>(std::max<int64_t>(1, pick(device)));
  }
  store_.put("configurations", key, std::to_string(query.interval) + ":" + std::to_string(splayed));
  splay_cache_[key] = splayed;
  return splayed;
}

std::optional<std::string> Scheduler::interruptedQuery() {
  auto name = store_.get("configurations", kExecutingKey);
  if (name) store_.remove("configurations", kExecutingKey);
  return name;
}

Status Scheduler::runQuery(const ScheduledQuery& query, int64_t now) {
  std::lock_guard<std::mutex> run_lock(run_mutex_);
  // Marks the running query, so that a crash inside it is reported at the next start.
  store_.put("configurations", kExecutingKey, query.name);
  struct ClearMarker {
    Store& store;
    ~ClearMarker() { store.remove("configurations", kExecutingKey); }
  } clear_marker{store_};
  if (flags_.getBool("schedule_lognames")) LOG(INFO) << "Executing scheduled query " << query.name;
  VLOG(1) << "Executing scheduled query " << query.name << ": " << query.query;

  LogItemContext context;
  context.name = query.name;
  context.host_identifier = host_identifier_();
  context.unix_time = now;
  context.epoch = static_cast<uint64_t>(flags_.getInt("schedule_epoch"));
  context.numerics = flags_.getBool("logger_numerics");
  context.decorations = decorations(true);
  context.decorations_top_level = flags_.getBool("decorations_top_level");

  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  uint64_t memory_before = residentBytes();
  auto started = std::chrono::steady_clock::now();
  auto result = database_.query(query.query);
  auto wall_ms = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::steady_clock::now() - started)
                                           .count());
  getrusage(RUSAGE_SELF, &after);
  uint64_t memory_after = residentBytes();
  if (!result) {
    LOG(ERROR) << "Error executing scheduled query " << query.name << ": "
               << result.status().message();
    return result.status();
  }

  std::vector<TypedRow> rows = typedRows(result.value());
  Store::Execution execution;
  execution.name = query.name;
  execution.time = now;
  const bool logging = !flags_.getBool("disable_logging");
  uint64_t output_size = 0;

  if (query.snapshot) {
    // Snapshots keep no state: every execution logs every row.
    if (flags_.getBool("logger_snapshot_event_type")) {
      for (auto& line : snapshotEventLines(context, rows)) {
        execution.records.emplace_back(OQM_LOG_SNAPSHOT, std::move(line));
      }
    } else {
      execution.records.emplace_back(OQM_LOG_SNAPSHOT, snapshotLine(context, rows));
    }
    if (logging) execution.loggers = loggers_(OQM_LOG_SNAPSHOT);
  } else {
    auto stored = store_.queryState(query.name);
    bool fresh = !stored.has_value() || stored->epoch != context.epoch;
    if (!stored) {
      LOG(INFO) << "Storing initial results for new scheduled query: " << query.name;
    } else if (stored->epoch != context.epoch) {
      LOG(INFO) << "New Epoch " << context.epoch << " for scheduled query " << query.name;
    } else if (stored->query != query.query) {
      LOG(INFO) << "Scheduled query has been updated: " << query.name;
    }
    auto diff = diffRows(fresh ? std::vector<std::string>{} : stored->rows, std::move(rows));
    if (!diff) return diff.status();
    if (!fresh && diff->empty()) {
      // Nothing changed: no state written, no counter increment, nothing logged.
      std::lock_guard<std::mutex> lock(mutex_);
      auto& s = stats_[query.name];
      s.executions++;
      s.last_executed = now;
      return Status::ok();
    }
    context.counter = fresh ? 0 : stored->counter + 1;
    execution.new_state =
        QueryState{query.query, context.epoch, context.counter, std::move(diff->current_json)};
    std::vector<TypedRow> removed;
    if (query.removed) removed = std::move(diff->removed);
    if (flags_.getBool("logger_event_type")) {
      for (auto& line : differentialEventLines(context, removed, diff->added)) {
        execution.records.emplace_back(OQM_LOG_RESULT, std::move(line));
      }
    } else {
      execution.records.emplace_back(OQM_LOG_RESULT,
                                     differentialBatchLine(context, removed, diff->added));
    }
    if (logging) execution.loggers = loggers_(OQM_LOG_RESULT);
  }
  for (const auto& r : execution.records) output_size += r.second.size();

  Status committed = store_.commitExecution(execution);
  if (!committed) {
    LOG(ERROR) << "Error adding new results to database for " << query.name << ": "
               << committed.message();
    return committed;
  }

  if (commit_listener_ && !execution.loggers.empty()) commit_listener_();

  std::lock_guard<std::mutex> lock(mutex_);
  auto& s = stats_[query.name];
  s.query = query.query;
  s.interval = query.interval;
  s.executions++;
  s.last_executed = now;
  s.output_size += output_size;
  s.wall_time += wall_ms / 1000;
  s.wall_time_ms += wall_ms;
  s.last_wall_time_ms = wall_ms;
  uint64_t user = cpuMilliseconds(after.ru_utime) - cpuMilliseconds(before.ru_utime);
  uint64_t system = cpuMilliseconds(after.ru_stime) - cpuMilliseconds(before.ru_stime);
  if (user > 0) s.user_time += user;
  if (system > 0) s.system_time += system;
  s.last_user_time = user;
  s.last_system_time = system;
  uint64_t memory = memory_after > memory_before ? memory_after - memory_before : 0;
  s.last_memory = memory;
  if (memory > 0)
    s.average_memory = (s.average_memory * (s.executions - 1) + memory) / s.executions;
  return Status::ok();
}

void Scheduler::runTick(int64_t tick, bool first_tick) {
  std::vector<ScheduledQuery> due;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& pack : config_.packs) {
      auto active = pack_active_.find(pack.name);
      if (active != pack_active_.end() && !active->second) continue;
      for (const auto& q : pack.queries) due.push_back(q);
    }
  }
  bool ran = false;
  for (const auto& q : due) {
    uint64_t interval = splayedInterval(q);
    bool on_tick = interval > 0 && tick % static_cast<int64_t>(interval) == 0;
    bool at_startup = first_tick && q.startup_priority != UINT64_MAX;
    if (on_tick || at_startup) {
      runQuery(q, tick);
      ran = true;
    }
    std::lock_guard<std::mutex> lock(stop_mutex_);
    if (stopping_) return;
  }
  // Query results are freed now; give the pages back so an idle daemon stays small.
  if (ran) {
    sqlite3_db_release_memory(database_.handle());
    store_.releaseMemory();
    malloc_trim(0);
  }
}

void Scheduler::run() {
  using Clock = std::chrono::system_clock;
  const int64_t start = static_cast<int64_t>(std::time(nullptr));
  const auto timeout = static_cast<int64_t>(flags_.getInt("schedule_timeout"));
  const auto max_drift = static_cast<int64_t>(flags_.getInt("schedule_max_drift"));
  int64_t tick = start;
  bool first = true;
  while (true) {
    runTick(tick, first);
    if (tick % kStatusRelayTicks == 0) relayStatuses(tick);
    first = false;
    ++tick;
    if (timeout > 0 && tick - start >= timeout) {
      LOG(INFO) << "The scheduler ended after " << timeout << " seconds";
      return;
    }
    // Ticks are anchored to wall-clock seconds; a slow tick eats into the next pauses, and a
    // backlog beyond --schedule_max_drift is forgotten (no catch-up).
    int64_t now = static_cast<int64_t>(std::time(nullptr));
    if (now - tick > max_drift) tick = now;
    auto next = Clock::time_point(std::chrono::seconds(tick));
    std::unique_lock<std::mutex> lock(stop_mutex_);
    if (stop_signal_.wait_until(lock, next, [this] { return stopping_; })) return;
  }
}

void Scheduler::setCommitListener(std::function<void()> listener) {
  commit_listener_ = std::move(listener);
}

void Scheduler::setStatusRelay(StatusRelay* relay) {
  status_relay_ = relay;
}

void Scheduler::relayStatuses(int64_t now) {
  if (status_relay_ == nullptr) return;
  auto entries = status_relay_->drain();
  if (entries.empty()) return;
  auto loggers =
      flags_.getBool("disable_logging") ? std::vector<std::string>{} : loggers_(OQM_LOG_STATUS);
  if (loggers.empty()) return;
  // Statuses carry the load and interval decorations, not the `always` ones (those are
  // queries; osquery runs them only for results).
  std::vector<std::pair<std::string, std::string>> decorated;
  for (auto& kv : decorations(false)) decorated.emplace_back(kv.first, kv.second);
  Store::Execution execution;
  execution.name = "";
  execution.time = now;
  execution.loggers = std::move(loggers);
  const std::string host = host_identifier_();
  for (const auto& e : entries) {
    execution.records.emplace_back(OQM_LOG_STATUS,
                                   statusRecordJson(e, host, OQM_OSQUERY_VERSION, decorated));
  }
  if (store_.commitExecution(execution) && commit_listener_) commit_listener_();
}

void Scheduler::stop() {
  std::lock_guard<std::mutex> lock(stop_mutex_);
  stopping_ = true;
  stop_signal_.notify_all();
}

std::map<std::string, QueryStats> Scheduler::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

std::vector<ScheduledQuery> Scheduler::scheduledQueries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<ScheduledQuery> out;
  for (const auto* q : config_.allQueries()) out.push_back(*q);
  return out;
}

std::vector<std::pair<std::string, bool>> Scheduler::packs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& p : config_.packs) {
    auto it = pack_active_.find(p.name);
    out.emplace_back(p.name, it == pack_active_.end() || it->second);
  }
  return out;
}

}  // namespace oqk
