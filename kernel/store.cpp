#include "kernel/store.h"

#include <sqlite3.h>

#include <sstream>

namespace oqk {
namespace {

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  explicit operator bool() const { return stmt_ != nullptr; }
  sqlite3_stmt* get() const { return stmt_; }
  Statement& text(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    return *this;
  }
  Statement& integer(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string columnText(int i) const {
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return t == nullptr ? "" : std::string(t, static_cast<size_t>(sqlite3_column_bytes(stmt_, i)));
  }
  int64_t columnInt(int i) const { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kSchema = R"(
  CREATE TABLE IF NOT EXISTS query_state (
    name TEXT PRIMARY KEY, query TEXT NOT NULL, epoch INTEGER NOT NULL,
    counter INTEGER NOT NULL, rows TEXT NOT NULL, updated INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS log_buffer (
    id INTEGER PRIMARY KEY AUTOINCREMENT, logger TEXT NOT NULL, kind INTEGER NOT NULL,
    time INTEGER NOT NULL, data TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER NOT NULL DEFAULT 0);
  CREATE INDEX IF NOT EXISTS log_buffer_by_logger ON log_buffer (logger, id);
  CREATE TABLE IF NOT EXISTS settings (
    domain TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (domain, key));
)";

// Rows are stored one canonical JSON object per line (JSON text never holds a raw newline).
std::string joinRows(const std::vector<std::string>& rows) {
  std::string out;
  for (const auto& r : rows) {
    out += r;
    out += '\n';
  }
  return out;
}

std::vector<std::string> splitRows(const std::string& text) {
  std::vector<std::string> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) rows.emplace_back(text, start, end - start);
    start = end + 1;
  }
  return rows;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::error("Cannot open the database at " + path + ": " + message);
  }
  sqlite3_busy_timeout(db, 5000);
  std::unique_ptr<Store> store(new Store(db));
  // WAL: readers never block the writer; synchronous=FULL: a committed execution survives
  // power loss, not only a killed process.
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", kSchema}) {
    Status s = store->exec(sql);
    if (!s) return Status::error("Cannot open the database at " + path + ": " + s.message());
  }
  return store;
}

Store::~Store() {
  sqlite3_close_v2(db_);
}

Status Store::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    return Status::error(message);
  }
  return Status::ok();
}

std::optional<QueryState> Store::queryState(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "SELECT query, epoch, counter, rows FROM query_state WHERE name = ?");
  st.text(1, name);
  if (st.step() != SQLITE_ROW) return std::nullopt;
  QueryState state;
  state.query = st.columnText(0);
  state.epoch = static_cast<uint64_t>(st.columnInt(1));
  state.counter = static_cast<uint64_t>(st.columnInt(2));
  state.rows = splitRows(st.columnText(3));
  return state;
}

Status Store::commitExecution(const Execution& e) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status s = exec("BEGIN IMMEDIATE");
  if (!s) return s;
  auto fail = [&](const std::string& what) {
    std::string message = what + ": " + sqlite3_errmsg(db_);
    exec("ROLLBACK");
    return Status::error(message);
  };
  if (e.new_state) {
    Statement st(
        db_,
        "INSERT INTO query_state (name, query, epoch, counter, rows, updated) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET query = excluded.query, "
        "epoch = excluded.epoch, counter = excluded.counter, rows = excluded.rows, "
        "updated = excluded.updated");
    std::string rows = joinRows(e.new_state->rows);
    st.text(1, e.name).text(2, e.new_state->query);
    st.integer(3, static_cast<int64_t>(e.new_state->epoch));
    st.integer(4, static_cast<int64_t>(e.new_state->counter));
    st.text(5, rows).integer(6, e.time);
    if (st.step() != SQLITE_DONE) return fail("Error adding new results to database");
  }
  Statement insert(db_, "INSERT INTO log_buffer (logger, kind, time, data) VALUES (?, ?, ?, ?)");
  for (const auto& logger : e.loggers) {
    for (const auto& [kind, data] : e.records) {
      insert.text(1, logger).integer(2, kind).integer(3, e.time).text(4, data);
      if (insert.step() != SQLITE_DONE) return fail("Error buffering log records");
      insert.reset();
    }
  }
  if (!(s = exec("COMMIT"))) {
    exec("ROLLBACK");
    return s;
  }
  for (const auto& logger : e.loggers) adjustCount(logger, static_cast<int64_t>(e.records.size()));
  return Status::ok();
}

void Store::loadCounts() {
  if (counts_loaded_) return;
  counts_.clear();
  Statement st(db_, "SELECT logger, count(*) FROM log_buffer GROUP BY logger");
  while (st.step() == SQLITE_ROW) {
    counts_[st.columnText(0)] = static_cast<uint64_t>(st.columnInt(1));
  }
  counts_loaded_ = true;
}

void Store::adjustCount(const std::string& logger, int64_t delta) {
  if (!counts_loaded_) return;  // counted from the table when first asked
  auto& c = counts_[logger];
  c = delta < 0 && static_cast<uint64_t>(-delta) > c ? 0 : c + static_cast<uint64_t>(delta);
}

std::vector<BufferedRecord> Store::pendingRecords(const std::string& logger, size_t max_records,
                                                  size_t max_bytes, int64_t now, int64_t after_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_,
               "SELECT id, kind, time, data, attempts FROM log_buffer "
               "WHERE logger = ? AND id > ? AND next_attempt <= ? ORDER BY id LIMIT ?");
  st.text(1, logger).integer(2, after_id).integer(3, now);
  st.integer(4, static_cast<int64_t>(max_records));
  std::vector<BufferedRecord> out;
  size_t bytes = 0;
  while (st.step() == SQLITE_ROW) {
    BufferedRecord r;
    r.id = st.columnInt(0);
    r.kind = static_cast<uint32_t>(st.columnInt(1));
    r.time = st.columnInt(2);
    r.data = st.columnText(3);
    r.attempts = static_cast<uint32_t>(st.columnInt(4));
    // Always hand over at least one record, even one larger than the byte limit: the logger
    // decides whether it can ever be sent.
    if (!out.empty() && bytes + r.data.size() > max_bytes) break;
    bytes += r.data.size();
    out.push_back(std::move(r));
  }
  return out;
}

Status Store::removeRecords(const std::vector<int64_t>& ids) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Forgetting a delivered record need not reach the disk before we go on: were this commit
  // lost to a power cut, the records would only be delivered once more. (A killed process
  // loses nothing either way: in WAL mode the commit is in the log before it returns.)
  exec("PRAGMA synchronous=NORMAL");
  struct RestoreSync {
    Store* store;
    ~RestoreSync() { store->exec("PRAGMA synchronous=FULL"); }
  } restore{this};
  Status s = exec("BEGIN IMMEDIATE");
  if (!s) return s;
  Statement st(db_, "DELETE FROM log_buffer WHERE id = ? RETURNING logger");
  std::vector<std::string> removed_from;
  for (int64_t id : ids) {
    st.integer(1, id);
    while (st.step() == SQLITE_ROW) removed_from.push_back(st.columnText(0));
    st.reset();
  }
  s = exec("COMMIT");
  if (!s) {
    exec("ROLLBACK");
    return s;
  }
  for (const auto& logger : removed_from) adjustCount(logger, -1);
  return Status::ok();
}

uint64_t Store::purgeOldest(const std::string& logger, uint64_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_,
               "DELETE FROM log_buffer WHERE id IN (SELECT id FROM log_buffer WHERE logger = ? "
               "ORDER BY id LIMIT ?)");
  st.text(1, logger).integer(2, static_cast<int64_t>(count));
  if (st.step() != SQLITE_DONE) return 0;
  auto removed = static_cast<uint64_t>(sqlite3_changes(db_));
  adjustCount(logger, -static_cast<int64_t>(removed));
  return removed;
}

Status Store::deferRecords(const std::vector<int64_t>& ids, int64_t next_attempt) {
  std::lock_guard<std::mutex> lock(mutex_);
  Status s = exec("BEGIN IMMEDIATE");
  if (!s) return s;
  Statement st(db_, "UPDATE log_buffer SET attempts = attempts + 1, next_attempt = ? WHERE id = ?");
  for (int64_t id : ids) {
    st.integer(1, next_attempt).integer(2, id);
    st.step();
    st.reset();
  }
  return exec("COMMIT");
}

uint64_t Store::bufferedCount(const std::string& logger) {
  std::lock_guard<std::mutex> lock(mutex_);
  loadCounts();
  if (!logger.empty()) {
    auto it = counts_.find(logger);
    return it == counts_.end() ? 0 : it->second;
  }
  uint64_t total = 0;
  for (const auto& [name, n] : counts_) total += n;
  return total;
}

Status Store::bufferRecord(const std::string& logger, uint32_t kind, int64_t time,
                           const std::string& data) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "INSERT INTO log_buffer (logger, kind, time, data) VALUES (?, ?, ?, ?)");
  st.text(1, logger).integer(2, kind).integer(3, time).text(4, data);
  if (st.step() != SQLITE_DONE) return Status::error(sqlite3_errmsg(db_));
  adjustCount(logger, 1);
  return Status::ok();
}

std::optional<std::string> Store::get(const std::string& domain, const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "SELECT value FROM settings WHERE domain = ? AND key = ?");
  st.text(1, domain).text(2, key);
  if (st.step() != SQLITE_ROW) return std::nullopt;
  return st.columnText(0);
}

Status Store::put(const std::string& domain, const std::string& key, const std::string& value) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "INSERT OR REPLACE INTO settings (domain, key, value) VALUES (?, ?, ?)");
  st.text(1, domain).text(2, key).text(3, value);
  if (st.step() != SQLITE_DONE) return Status::error(sqlite3_errmsg(db_));
  return Status::ok();
}

Status Store::remove(const std::string& domain, const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "DELETE FROM settings WHERE domain = ? AND key = ?");
  st.text(1, domain).text(2, key);
  if (st.step() != SQLITE_DONE) return Status::error(sqlite3_errmsg(db_));
  return Status::ok();
}

void Store::releaseMemory() {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3_db_release_memory(db_);
}

std::vector<std::string> Store::queryNames() {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "SELECT name FROM query_state ORDER BY name");
  std::vector<std::string> names;
  while (st.step() == SQLITE_ROW) names.push_back(st.columnText(0));
  return names;
}

std::vector<std::string> Store::staleQueries(const std::set<std::string>& keep, int64_t before) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "SELECT name FROM query_state WHERE updated < ? ORDER BY name");
  st.integer(1, before);
  std::vector<std::string> names;
  while (st.step() == SQLITE_ROW) {
    std::string name = st.columnText(0);
    if (keep.count(name) == 0) names.push_back(std::move(name));
  }
  return names;
}

Status Store::removeQueryState(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_, "DELETE FROM query_state WHERE name = ?");
  st.text(1, name);
  if (st.step() != SQLITE_DONE) return Status::error(sqlite3_errmsg(db_));
  return Status::ok();
}

}  // namespace oqk
