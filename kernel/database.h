// database.h: one SQLite connection with every registered table attached as a virtual table.
//
// A Database follows the Registry: before each execute it compares the registry's generation
// with the one it last saw and (re)declares or drops the tables that changed, so a module
// loaded or unloaded between two statements is visible to the next one.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/registry.h"
#include "kernel/status.h"
#include "kernel/value.h"

struct sqlite3;

namespace oqk {

class TableBridge;

// Why one execute failed: the SQLite message and result code (Status::code), and the line
// (1-based, counted in the text given to execute) where the failing statement starts.
struct ExecutionError {
  Status status;
  int line = 1;
};

class Database {
 public:
  explicit Database(Registry& registry);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs every statement of `sql` in order. For each statement that returns columns (even with
  // zero rows), calls on_result with its column names and rows. Stops at the first error.
  // Returns an ExecutionError with an ok status on success.
  ExecutionError execute(std::string_view sql,
                         const std::function<void(const QueryResult&)>& on_result);

  // Runs `sql` and returns the result of its last statement that returns columns.
  Result<QueryResult> query(std::string_view sql);

  // The declared type (TEXT, INTEGER, BIGINT, DOUBLE, ...) of each result column of the single
  // statement `sql`, without running it (osquery's getQueryColumns / `.types`).
  Result<std::vector<std::pair<std::string, std::string>>> columnTypes(std::string_view sql);

  // True when `sql` ends with a complete statement (sqlite3_complete): the shell's
  // continuation test.
  static bool isComplete(const std::string& sql);

  // Interrupts the running statement (from another thread or a signal handler).
  void interrupt();

  // Brings the attached tables in line with the registry now (execute does this itself).
  void syncTables();

  sqlite3* handle() const { return db_; }

 private:
  Registry& registry_;
  sqlite3* db_ = nullptr;
  uint64_t synced_generation_ = 0;
  std::unique_ptr<TableBridge> bridge_;
};

}  // namespace oqk
