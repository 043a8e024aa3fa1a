#include "kernel/database.h"

#include <glog/logging.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>

#include "kernel/collations.h"
#include "kernel/sql_functions.h"
#include "kernel/table_bridge.h"

namespace oqk {
namespace {

Cell cellOfColumn(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      return Cell::ofInteger(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT:
      return Cell::ofDouble(sqlite3_column_double(stmt, i));
    case SQLITE_TEXT:
      return Cell::ofText(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                                      static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
    case SQLITE_BLOB: {
      Cell c;
      c.kind = Cell::Kind::Blob;
      const void* data = sqlite3_column_blob(stmt, i);
      c.text.assign(static_cast<const char*>(data),
                    static_cast<size_t>(sqlite3_column_bytes(stmt, i)));
      return c;
    }
    default:
      return Cell::null();
  }
}

// Lines before `offset`, plus one: where a statement starting there sits in the input.
int lineAt(std::string_view sql, size_t offset) {
  return 1 + static_cast<int>(std::count(sql.begin(), sql.begin() + offset, '\n'));
}

std::string errorText(sqlite3* db, int rc) {
  const char* message = sqlite3_errmsg(db);
  if (message != nullptr && *message != '\0') return message;
  return sqlite3_errstr(rc);
}

}  // namespace

Database::Database(Registry& registry) : registry_(registry) {
  int rc = sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    // An in-memory database fails to open only when memory is exhausted.
    LOG(FATAL) << "cannot open the in-memory SQLite database: " << sqlite3_errstr(rc);
  }
  registerVersionCollations(db_);
  registerSqlFunctions(db_);
  bridge_ = std::make_unique<TableBridge>(db_);
  syncTables();
}

Database::~Database() {
  bridge_.reset();
  sqlite3_close_v2(db_);
}

void Database::syncTables() {
  uint64_t generation = registry_.generation();
  if (generation == synced_generation_) return;
  std::map<std::string, std::shared_ptr<const TableDefinition>> wanted;
  for (auto& table : registry_.tables()) wanted[table->name] = table;

  std::vector<std::string> gone;
  for (const auto& [name, table] : bridge_->tables()) {
    auto it = wanted.find(name);
    if (it == wanted.end() || it->second != table) gone.push_back(name);
  }
  for (const auto& name : gone) bridge_->detach(name);
  for (auto& [name, table] : wanted) {
    if (bridge_->attached(name)) continue;
    Status s = bridge_->attach(table);
    if (!s) LOG(ERROR) << s.message();
  }
  synced_generation_ = generation;
}

ExecutionError Database::execute(std::string_view sql,
                                 const std::function<void(const QueryResult&)>& on_result) {
  syncTables();
  const char* const begin = sql.data();
  const char* const end = begin + sql.size();
  const char* next = begin;
  while (next < end) {
    while (next < end && std::isspace(static_cast<unsigned char>(*next))) ++next;
    if (next >= end) break;
    const char* start = next;
    int line = lineAt(sql, static_cast<size_t>(start - begin));
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, start, static_cast<int>(end - start), &stmt, &tail);
    if (rc != SQLITE_OK) {
      ExecutionError error{Status::error(errorText(db_, rc), rc), line};
      sqlite3_finalize(stmt);
      bridge_->endStatement();
      return error;
    }
    next = tail != nullptr ? tail : end;
    if (stmt == nullptr) continue;  // only a comment or whitespace

    QueryResult result;
    int columns = sqlite3_column_count(stmt);
    for (int i = 0; i < columns; ++i)
      result.column_names.emplace_back(sqlite3_column_name(stmt, i));
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<Cell> row;
      row.reserve(static_cast<size_t>(columns));
      for (int i = 0; i < columns; ++i) row.push_back(cellOfColumn(stmt, i));
      result.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
      ExecutionError error{Status::error(errorText(db_, rc), rc), line};
      sqlite3_finalize(stmt);
      bridge_->endStatement();
      return error;
    }
    sqlite3_finalize(stmt);
    bridge_->endStatement();
    if (columns > 0 && on_result) on_result(result);
  }
  return ExecutionError{Status::ok(), 1};
}

Result<QueryResult> Database::query(std::string_view sql) {
  QueryResult last;
  ExecutionError e = execute(sql, [&](const QueryResult& r) { last = r; });
  if (!e.status) return e.status;
  return last;
}

Result<std::vector<std::pair<std::string, std::string>>> Database::columnTypes(
    std::string_view sql) {
  syncTables();
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK || stmt == nullptr) {
    Status s = Status::error(rc != SQLITE_OK ? errorText(db_, rc) : "no statement", rc);
    sqlite3_finalize(stmt);
    return s;
  }
  std::vector<std::pair<std::string, std::string>> types;
  int columns = sqlite3_column_count(stmt);
  bool stepped = false;
  for (int i = 0; i < columns; ++i) {
    const char* declared = sqlite3_column_decltype(stmt, i);
    std::string type = declared != nullptr ? declared : "";
    if (type.empty()) {
      // An expression: take the type of its first value, as osquery's getQueryColumns does.
      if (!stepped) {
        stepped = true;
        rc = sqlite3_step(stmt);
      }
      switch (rc == SQLITE_ROW ? sqlite3_column_type(stmt, i) : SQLITE_NULL) {
        case SQLITE_INTEGER:
          type = "BIGINT";
          break;
        case SQLITE_FLOAT:
          type = "DOUBLE";
          break;
        case SQLITE_BLOB:
          type = "BLOB";
          break;
        default:
          type = "TEXT";
          break;
      }
    }
    types.emplace_back(sqlite3_column_name(stmt, i), type);
  }
  sqlite3_finalize(stmt);
  bridge_->endStatement();
  return types;
}

bool Database::isComplete(const std::string& sql) {
  return sqlite3_complete(sql.c_str()) != 0;
}

void Database::interrupt() {
  bridge_->interrupt();
  sqlite3_interrupt(db_);
}

}  // namespace oqk
