// table_bridge.h: serves Registry tables to one SQLite connection as eponymous virtual tables.
//
// Every table shares one sqlite3_module; the per-table client data carries its definition.
// xBestIndex decides what to push down (constraints on INDEX/REQUIRED/ADDITIONAL/OPTIMIZED
// columns, whole IN lists, LIMIT when nothing else filters) and encodes that plan in idxStr;
// xFilter turns the plan and its arguments into an oqm_query, calls the table's generate under
// a lease on its owner, and converts what it produces to the declared column types.
//
// Within one statement, scans with the same table, constraints, used columns and limit share
// one generated row set (so a JOIN or a correlated subquery does not regenerate a table);
// Database clears that cache when the statement ends.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "kernel/registry.h"
#include "kernel/value.h"

struct sqlite3;

namespace oqk {

class TableBridge {
 public:
  explicit TableBridge(sqlite3* db);
  ~TableBridge();

  // Declares the table on the connection (replacing one of the same name).
  Status attach(std::shared_ptr<const TableDefinition> table);
  // Removes the table from the connection.
  void detach(const std::string& name);
  bool attached(const std::string& name) const { return attached_.count(name) != 0; }
  // The tables attached now, by name, with the definition each was attached with.
  const std::map<std::string, std::shared_ptr<const TableDefinition>>& tables() const {
    return attached_;
  }

  // Forgets every row set generated for the statement that just ended.
  void endStatement() {
    cache_.clear();
    interrupted_ = false;
  }

  // Asks running generates to stop (their row sink answers OQM_STOP).
  void interrupt() { interrupted_ = true; }
  const std::atomic<bool>& interrupted() const { return interrupted_; }

  // Internal, for the sqlite3_module callbacks.
  std::map<std::string, std::shared_ptr<const RowSet>>& cache() { return cache_; }

 private:
  sqlite3* db_;
  std::map<std::string, std::shared_ptr<const TableDefinition>> attached_;
  std::map<std::string, std::shared_ptr<const RowSet>> cache_;
  std::atomic<bool> interrupted_{false};
};

}  // namespace oqk
