#include "kernel/log_forwarder.h"

#include <glog/logging.h>

#include <chrono>
#include <ctime>
#include <future>
#include <random>
#include <thread>

namespace oqk {
namespace {

constexpr uint32_t kDefaultBatchRecords = 1024;
constexpr uint64_t kDefaultBatchBytes = 4 * 1024 * 1024;
constexpr int64_t kMaxBackoffSeconds = 60;
// Batches one logger may deliver in one pass before the others get their turn (a logger that
// keeps up with a fast producer would otherwise never yield).
constexpr int kMaxBatchesPerPass = 200;

// 1, 2, 4, ... 60 seconds after each failed attempt, plus up to a second of jitter so that
// many hosts do not retry in step.
int64_t backoff(uint32_t attempts) {
  int64_t delay = attempts >= 6 ? kMaxBackoffSeconds
                                : std::min<int64_t>(int64_t{1} << attempts, kMaxBackoffSeconds);
  static thread_local std::mt19937 rng{std::random_device{}()};
  return delay + std::uniform_int_distribution<int64_t>(0, 1)(rng);
}

std::optional<LeaseGate::Lease> leaseOf(const PluginDefinition& plugin) {
  return plugin.owner.gate ? plugin.owner.gate->acquire() : std::optional<LeaseGate::Lease>();
}

}  // namespace

LogForwarder::LogForwarder(Registry& registry, Store& store, const Flags* flags)
    : registry_(registry), store_(store), flags_(flags) {}

LogForwarder::~LogForwarder() {
  stop();
}

Status LogForwarder::activate(const std::vector<std::string>& names) {
  std::vector<std::shared_ptr<Active>> active;
  for (const auto& name : names) {
    std::shared_ptr<const PluginDefinition> found;
    for (const auto& p : registry_.plugins()) {
      if (p->registry == "logger" && p->name == name) found = p;
    }
    if (!found) {
      return Status::error("Cannot activate " + name +
                           " logger plugin: no module provides it (check --logger_plugin and "
                           "the loaded modules)");
    }
    const oqm_logger& logger = found->logger;
    if (logger.init != nullptr) {
      char message[1024] = {0};
      oqm_error error{sizeof(oqm_error), sizeof(message), message};
      auto lease = leaseOf(*found);
      if (logger.init(logger.user_data, &error) != OQM_OK) {
        return Status::error("Cannot activate " + name + " logger plugin: " + message);
      }
    }
    auto a = std::make_shared<Active>();
    a->name = name;
    a->plugin = found;
    if (flags_ != nullptr && OQM_HAS(&logger, period_option) && logger.period_option != nullptr) {
      a->period = std::max<int64_t>(0, flags_->getInt(logger.period_option));
    }
    active.push_back(std::move(a));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  active_ = std::move(active);
  return Status::ok();
}

std::vector<std::string> LogForwarder::loggersFor(uint32_t kind) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  for (const auto& a : active_) {
    if ((a->plugin->logger.kinds & kind) != 0) out.push_back(a->name);
  }
  return out;
}

std::vector<BufferedRecord> LogForwarder::readBatch(const Active& active, int64_t now,
                                                    int64_t after_id) {
  const oqm_logger& logger = active.plugin->logger;
  uint32_t max_records =
      logger.max_batch_records != 0 ? logger.max_batch_records : kDefaultBatchRecords;
  uint64_t max_bytes = logger.max_batch_bytes != 0 ? logger.max_batch_bytes : kDefaultBatchBytes;
  return store_.pendingRecords(active.name, max_records, max_bytes, now, after_id);
}

bool LogForwarder::send(Active& active, const std::vector<BufferedRecord>& records, int64_t now,
                        std::vector<uint8_t>& verdicts) {
  const oqm_logger& logger = active.plugin->logger;
  std::vector<oqm_log_record> batch;
  batch.reserve(records.size());
  for (const auto& r : records) {
    batch.push_back(oqm_log_record{sizeof(oqm_log_record), r.kind, static_cast<uint64_t>(r.id),
                                   r.time, r.data.data(), r.data.size()});
  }
  verdicts.assign(records.size(), OQM_VERDICT_RETRY);
  char message[1024] = {0};
  oqm_error error{sizeof(oqm_error), sizeof(message), message};
  int32_t rc = OQM_ERROR;
  {
    auto lease = leaseOf(*active.plugin);
    if (active.plugin->owner.gate && !lease) return false;  // its module is being unloaded
    rc = logger.log_batch(logger.user_data, batch.data(), static_cast<uint32_t>(batch.size()),
                          verdicts.data(), &error);
  }
  if (rc == OQM_OK) return true;

  // The destination took nothing: back the whole logger off; the records keep their place.
  std::lock_guard<std::mutex> lock(mutex_);
  active.blocked_until = now + backoff(active.failures++);
  active.counters.retried += records.size();
  active.last_error = message[0] != '\0' ? message : "unknown error";
  if (active.stalled_since == 0) {
    active.stalled_since = now;
    LOG(WARNING) << "Logger " << active.name << ": delivery stalled: " << active.last_error;
  }
  return false;
}

size_t LogForwarder::settle(Active& active, const std::vector<BufferedRecord>& records,
                            const std::vector<uint8_t>& verdicts, int64_t now) {
  std::vector<int64_t> done;
  std::map<int64_t, std::vector<int64_t>> retry_at;
  LoggerCounters delta;
  for (size_t i = 0; i < records.size(); ++i) {
    switch (verdicts[i]) {
      case OQM_VERDICT_OK:
        done.push_back(records[i].id);
        delta.sent++;
        break;
      case OQM_VERDICT_DROP:
        done.push_back(records[i].id);
        delta.dropped++;
        // The logger's own status line says why; the kernel counts (osquery_logger_status).
        VLOG(1) << "Logger " << active.name << " dropped a record of " << records[i].data.size()
                << " bytes it can never deliver";
        break;
      default:
        retry_at[now + backoff(records[i].attempts)].push_back(records[i].id);
        delta.retried++;
        break;
    }
  }
  store_.removeRecords(done);
  for (const auto& [when, ids] : retry_at) store_.deferRecords(ids, when);

  std::lock_guard<std::mutex> lock(mutex_);
  active.counters.sent += delta.sent;
  active.counters.retried += delta.retried;
  active.counters.dropped += delta.dropped;
  if (!done.empty()) {
    active.failures = 0;
    if (active.stalled_since != 0) {
      LOG(INFO) << "Logger " << active.name << ": delivery recovered after "
                << (now - active.stalled_since) << " s";
      active.stalled_since = 0;
    }
  }
  return done.size();
}

void LogForwarder::purgeOverflow(Active& active) {
  if (flags_ == nullptr) return;
  const int64_t max = flags_->getInt("buffered_log_max");
  if (max <= 0) return;
  const uint64_t buffered = store_.bufferedCount(active.name);
  if (buffered <= static_cast<uint64_t>(max)) return;
  LOG(WARNING) << "Purging buffered logs limit (" << max << ") exceeded: " << buffered;
  const uint64_t purged = store_.purgeOldest(active.name, buffered - static_cast<uint64_t>(max));
  std::lock_guard<std::mutex> lock(mutex_);
  active.counters.purged += purged;
}

size_t LogForwarder::deliver(Active& a, int64_t now, bool* capped) {
  std::lock_guard<std::mutex> delivering(a.delivering);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (now < a.blocked_until || now < a.next_due) return 0;
    if (a.period > 0) a.next_due = now + a.period;
  }
  // A backlog drains batch after batch, in id order. The store work — reading the next batch,
  // recording the verdicts of the last — runs beside the logger call, so a remote destination
  // is never idle while we read or write the disk.
  size_t total = 0;
  int batches = 0;
  std::future<size_t> settling;
  auto records = readBatch(a, now, 0);
  while (!records.empty()) {
    auto next = std::async(std::launch::async, [this, &a, now, after = records.back().id] {
      return readBatch(a, now, after);
    });
    std::vector<uint8_t> verdicts;
    const bool sent = send(a, records, now, verdicts);
    if (settling.valid()) total += settling.get();
    if (!sent) break;
    settling = std::async(std::launch::async,
                          [this, &a, now, done = std::move(records), v = std::move(verdicts)] {
                            return settle(a, done, v, now);
                          });
    if (++batches == kMaxBatchesPerPass) {
      std::lock_guard<std::mutex> lock(mutex_);
      a.next_due = 0;  // more to do: the next pass is not held back by the period
      if (capped != nullptr) *capped = true;
      break;
    }
    records = next.get();
  }
  if (settling.valid()) total += settling.get();
  purgeOverflow(a);
  return total;
}

size_t LogForwarder::forwardOnce(int64_t now) {
  std::vector<std::shared_ptr<Active>> active;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    active = active_;
  }
  size_t total = 0;
  for (const auto& a : active) total += deliver(*a, now);
  return total;
}

void LogForwarder::run() {
  std::vector<std::shared_ptr<Active>> active;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    active = active_;
  }
  std::vector<std::thread> threads;
  for (const auto& a : active) {
    threads.emplace_back([this, a] {
      uint64_t seen = 0;
      while (true) {
        const int64_t now = static_cast<int64_t>(std::time(nullptr));
        bool capped = false;  // stopped at the per-pass cap: go on at once
        deliver(*a, now, &capped);
        std::unique_lock<std::mutex> lock(mutex_);
        if (!capped) {
          wake_signal_.wait_for(lock, std::chrono::seconds(1),
                                [&] { return wakes_ != seen || stopping_; });
        }
        seen = wakes_;
        if (stopping_) return;
      }
    });
  }
  for (auto& t : threads) t.join();
}

void LogForwarder::wake() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++wakes_;
  wake_signal_.notify_all();
}

void LogForwarder::stop() {
  std::lock_guard<std::mutex> lock(mutex_);
  stopping_ = true;
  wake_signal_.notify_all();
}

void LogForwarder::shutdown() {
  std::vector<std::shared_ptr<Active>> active;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    active.swap(active_);
  }
  for (const auto& a : active) {
    const oqm_logger& logger = a->plugin->logger;
    auto lease = leaseOf(*a->plugin);
    if (a->plugin->owner.gate && !lease) continue;
    char message[256] = {0};
    oqm_error error{sizeof(oqm_error), sizeof(message), message};
    if (logger.flush != nullptr) logger.flush(logger.user_data, &error);
    if (logger.shutdown != nullptr) logger.shutdown(logger.user_data);
  }
}

std::map<std::string, LoggerCounters> LogForwarder::counters() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::map<std::string, LoggerCounters> out;
  for (const auto& a : active_) out[a->name] = a->counters;
  return out;
}

std::vector<LoggerStatus> LogForwarder::status() const {
  std::vector<LoggerStatus> out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& a : active_) {
      out.push_back(LoggerStatus{a->name, a->counters, 0, a->stalled_since, a->last_error});
    }
  }
  for (auto& s : out) s.buffered = store_.bufferedCount(s.logger);
  return out;
}

}  // namespace oqk
