// store.h: the daemon's durable state, one SQLite database file in WAL mode at
// --database_path (or in memory for an ephemeral daemon): each scheduled query's last results,
// epoch and counter; the log buffer (one row per record and logger, removed only when that
// logger accepted or finally refused it); and small key/value settings.
//
// A query's new state and the records it produced are written in ONE transaction
// (commitExecution), so a crash at any point either keeps both or neither: no change is lost
// and none is logged twice.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kernel/status.h"

struct sqlite3;

namespace oqk {

struct QueryState {
  std::string query;
  uint64_t epoch = 0;
  uint64_t counter = 0;
  std::vector<std::string> rows;  // canonical JSON per row
};

struct BufferedRecord {
  int64_t id = 0;
  uint32_t kind = 0;  // OQM_LOG_*
  int64_t time = 0;
  std::string data;
  uint32_t attempts = 0;
};

class Store {
 public:
  // Opens (creating) the database; ":memory:" gives an ephemeral store.
  static Result<std::unique_ptr<Store>> open(const std::string& path);
  ~Store();

  std::optional<QueryState> queryState(const std::string& name);

  struct Execution {
    std::string name;
    std::optional<QueryState> new_state;  // absent: the state stays as it is (snapshots)
    std::vector<std::pair<uint32_t, std::string>> records;  // (OQM_LOG_* kind, data)
    std::vector<std::string> loggers;  // every record is buffered once per logger
    int64_t time = 0;
  };
  Status commitExecution(const Execution& execution);

  // Records for one logger that are due (next attempt reached), oldest first, within limits;
  // only those after `after_id` (to read ahead while an earlier batch is still in flight).
  std::vector<BufferedRecord> pendingRecords(const std::string& logger, size_t max_records,
                                             size_t max_bytes, int64_t now, int64_t after_id = 0);
  // Removes delivered (or finally dropped) records.
  Status removeRecords(const std::vector<int64_t>& ids);
  // Marks records for a later attempt.
  Status deferRecords(const std::vector<int64_t>& ids, int64_t next_attempt);
  // Records buffered for a logger (all loggers when empty). Counted once, then kept up to date
  // in memory: cheap enough to ask after every delivery pass.
  uint64_t bufferedCount(const std::string& logger = "");
  // Removes a logger's `count` oldest records (--buffered_log_max); returns how many went.
  uint64_t purgeOldest(const std::string& logger, uint64_t count);
  // Buffers a record outside of a query execution (status logs).
  Status bufferRecord(const std::string& logger, uint32_t kind, int64_t time,
                      const std::string& data);

  std::optional<std::string> get(const std::string& domain, const std::string& key);
  Status put(const std::string& domain, const std::string& key, const std::string& value);
  Status remove(const std::string& domain, const std::string& key);
  std::vector<std::string> queryNames();
  // Gives the page cache back (an idle daemon between ticks).
  void releaseMemory();
  Status removeQueryState(const std::string& name);
  // Stored queries not in `keep` whose state was last written before `before` (unix time).
  std::vector<std::string> staleQueries(const std::set<std::string>& keep, int64_t before);

 private:
  explicit Store(sqlite3* db) : db_(db) {}
  Status exec(const char* sql);
  void loadCounts();                                           // with mutex_ held
  void adjustCount(const std::string& logger, int64_t delta);  // with mutex_ held

  std::mutex mutex_;
  bool counts_loaded_ = false;
  std::map<std::string, uint64_t> counts_;  // buffered records per logger
  sqlite3* db_;
};

}  // namespace oqk
