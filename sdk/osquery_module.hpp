// osquery_module.hpp: the header-only C++ layer over the C ABI of osquery_module.h.
//
// A table is a class with a name, its columns and a generate function:
//
//   struct UptimeTable {
//     static constexpr const char* kName = "uptime";
//     static constexpr oqm::Column kColumns[] = {
//         {"days", oqm::Type::Integer}, {"total_seconds", oqm::Type::BigInt}};
//     void generate(const oqm::Query& query, oqm::Rows& rows) {
//       rows.add().set("days", 3).set("total_seconds", 273600);
//     }
//   };
//   OQM_MODULE("system", "1.0.0", UptimeTable)
//
// Optional members: `static constexpr uint32_t kAttributes` (OQM_TABLE_* bits).
// The class is default-constructed once when the module is loaded and destroyed when its table
// is unregistered, so it may keep state (caches, file handles) between scans; generate may run
// on several threads at once, so that state must be thread safe.
//
// A logger is a class with a name, the record kinds it wants and a logBatch function:
//
//   struct LineLogger {
//     static constexpr const char* kName = "lines";
//     static constexpr uint32_t kKinds = oqm::kLogResult | oqm::kLogSnapshot;
//     void init() { path_ = oqm::host().optionOr("logger_path", "/var/log/osquery/"); }
//     void logBatch(std::span<const oqm::LogRecord> records, std::span<oqm::Verdict> verdicts) {
//       for (size_t i = 0; i < records.size(); ++i) {
//         if (!append(path_, records[i].data)) break;  // the rest stay Retry
//         verdicts[i] = oqm::Verdict::Ok;
//       }
//     }
//   };
//
// Optional logger members: kMaxBatchRecords, kMaxBatchBytes (0: no limit), kPeriodOption (the
// name of an integer flag with the seconds between deliveries; since ABI 1.1), init() (throw to
// refuse activation), flush(), shutdown(). The kernel calls logBatch from one thread at a time.
// The module owns the instance from load to unload; init/shutdown may run more than once.
//
// A config plugin is a class with kName and genConfig(oqm::ConfigSink&), and optionally
// genPack(std::string_view name, std::string_view locator, oqm::ConfigSink&); it writes
// (source, JSON text) pairs with sink.add(source, json).
//
// Any class may declare module options, `static constexpr oqm::Option kOptions[]`; the module
// reads them (and the kernel's flags) with oqm::host().option(name) and writes status lines
// with oqm::host().warning(...), from its init onwards.
//
// Nothing of C++ crosses the boundary: exceptions thrown by generate, init, logBatch, genConfig
// ... become the call's error message, and all data goes out through the kernel's C sinks.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <exception>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "osquery_module.h"

namespace oqm {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

enum class Type : uint32_t {
  Text = OQM_TYPE_TEXT,
  Integer = OQM_TYPE_INTEGER,
  BigInt = OQM_TYPE_BIGINT,
  UnsignedBigInt = OQM_TYPE_UNSIGNED_BIGINT,
  Double = OQM_TYPE_DOUBLE,
  Blob = OQM_TYPE_BLOB,
};

// Column flags, combinable with |.
inline constexpr uint32_t kIndex = OQM_COLUMN_INDEX;
inline constexpr uint32_t kRequired = OQM_COLUMN_REQUIRED;
inline constexpr uint32_t kAdditional = OQM_COLUMN_ADDITIONAL;
inline constexpr uint32_t kOptimized = OQM_COLUMN_OPTIMIZED;
inline constexpr uint32_t kHidden = OQM_COLUMN_HIDDEN;

struct Column {
  const char* name;
  Type type;
  uint32_t flags = 0;
  const char* collate = nullptr;
};

enum class Op : uint32_t {
  Eq = OQM_OP_EQ,
  Gt = OQM_OP_GT,
  Le = OQM_OP_LE,
  Lt = OQM_OP_LT,
  Ge = OQM_OP_GE,
  Like = OQM_OP_LIKE,
  Glob = OQM_OP_GLOB,
  Regexp = OQM_OP_REGEXP,
  Ne = OQM_OP_NE,
};

// Thrown from generate to fail the query with a message.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A borrowed view of a constraint's value.
class Value {
 public:
  explicit Value(const oqm_value& v) : v_(&v) {}
  bool isNull() const { return v_->type == OQM_VALUE_NULL; }
  bool isInteger() const { return v_->type == OQM_VALUE_INTEGER; }
  bool isText() const { return v_->type == OQM_VALUE_TEXT || v_->type == OQM_VALUE_BLOB; }
  std::string_view text() const { return isText() ? std::string_view(v_->text, v_->length) : ""; }

  // The value as T, converting between numbers and text the way SQLite's affinity would;
  // std::nullopt when it cannot be represented (e.g. 'abc' as an integer).
  template <typename T>
  std::optional<T> as() const {
    if constexpr (std::is_same_v<T, std::string>) {
      switch (v_->type) {
        case OQM_VALUE_INTEGER:
          return std::to_string(v_->integer);
        case OQM_VALUE_DOUBLE:
          return std::to_string(v_->real);
        case OQM_VALUE_TEXT:
        case OQM_VALUE_BLOB:
          return std::string(v_->text, v_->length);
        default:
          return std::nullopt;
      }
    } else if constexpr (std::is_integral_v<T>) {
      switch (v_->type) {
        case OQM_VALUE_INTEGER:
          return static_cast<T>(v_->integer);
        case OQM_VALUE_DOUBLE:
          return static_cast<T>(v_->real);
        case OQM_VALUE_TEXT: {
          long long n = 0;
          auto [end, ec] = std::from_chars(v_->text, v_->text + v_->length, n);
          if (ec != std::errc() || end != v_->text + v_->length) return std::nullopt;
          return static_cast<T>(n);
        }
        default:
          return std::nullopt;
      }
    } else if constexpr (std::is_floating_point_v<T>) {
      switch (v_->type) {
        case OQM_VALUE_INTEGER:
          return static_cast<T>(v_->integer);
        case OQM_VALUE_DOUBLE:
          return static_cast<T>(v_->real);
        case OQM_VALUE_TEXT: {
          std::string s(v_->text, v_->length);
          char* end = nullptr;
          double d = std::strtod(s.c_str(), &end);
          if (s.empty() || end != s.c_str() + s.size()) return std::nullopt;
          return static_cast<T>(d);
        }
        default:
          return std::nullopt;
      }
    } else {
      static_assert(sizeof(T) == 0, "Value::as<T>: T must be std::string, integral or floating");
    }
  }

 private:
  const oqm_value* v_;
};

struct Constraint {
  const char* column;
  Op op;
  Value value;
};

// What a scan is asked for. Constraints are hints (see osquery_module.h): use them to avoid
// work, ignore the ones you cannot use.
class Query {
 public:
  Query(const oqm_query& q, const Column* columns, size_t n_columns)
      : q_(q), columns_(columns), n_columns_(n_columns) {}

  // Every constraint on `column`, in WHERE-clause order.
  std::vector<Constraint> constraints(std::string_view column) const {
    std::vector<Constraint> out;
    for (uint32_t i = 0; i < q_.n_constraints; ++i) {
      const oqm_constraint& c = q_.constraints[i];
      if (c.column < n_columns_ && column == columns_[c.column].name) {
        out.push_back({columns_[c.column].name, static_cast<Op>(c.op), Value(c.value)});
      }
    }
    return out;
  }

  // The values of `column = v` and `column IN (...)`, converted to T (values that do not
  // convert are left out). Empty when the column has no equality constraint; see hasEq.
  template <typename T>
  std::vector<T> eq(std::string_view column) const {
    std::vector<T> out;
    for (const auto& c : constraints(column)) {
      if (c.op != Op::Eq) continue;
      if (auto v = c.value.as<T>()) out.push_back(*v);
    }
    return out;
  }

  // True when `column` has at least one equality constraint. A table that narrows by eq()
  // should test this, not eq().empty(): `pid = 'abc'` has a constraint that matches nothing.
  bool hasEq(std::string_view column) const {
    for (const auto& c : constraints(column)) {
      if (c.op == Op::Eq) return true;
    }
    return false;
  }

  // Whether the statement reads `column` (so an expensive column may be skipped).
  bool used(std::string_view column) const {
    if (q_.columns_used == nullptr) return true;
    for (size_t i = 0; i < n_columns_ && i < q_.n_columns; ++i) {
      if (column == columns_[i].name) return q_.columns_used[i] != 0;
    }
    return false;
  }

  // Rows the statement can use at most, or -1 when unknown. Rows::add() stops by itself.
  int64_t limit() const { return q_.limit; }

  const oqm_query& raw() const { return q_; }

 private:
  const oqm_query& q_;
  const Column* columns_;
  size_t n_columns_;
};

class Rows;

// One row being written; it is handed to the kernel when the Row is destroyed (at the end of
// the statement `rows.add().set(...).set(...);` or of the scope holding it). A row abandoned by
// an exception is discarded.
class Row {
 public:
  Row(Row&& other) noexcept;
  Row(const Row&) = delete;
  Row& operator=(const Row&) = delete;
  Row& operator=(Row&&) = delete;
  ~Row();

  template <typename T>
  Row& set(std::string_view column, const T& value) {
    if (rows_ == nullptr) return *this;
    uint32_t index = indexOf(column);
    setAt(index, value);
    return *this;
  }

  // Leaves the column NULL (the default for every column not set).
  Row& setNull(std::string_view) { return *this; }

 private:
  friend class Rows;
  explicit Row(Rows* rows);
  uint32_t indexOf(std::string_view column);

  template <typename T>
  void setAt(uint32_t index, const T& value);

  Rows* rows_;
  int uncaught_;
  uint32_t next_hint_ = 0;
};

// The output of a scan.
class Rows {
 public:
  Rows(const oqm_row_sink& sink, const Column* columns, size_t n_columns)
      : sink_(sink), columns_(columns), n_columns_(n_columns) {}

  // Starts a row. When the consumer has enough (done()), the returned row is inert.
  Row add() { return Row(stopped_ ? nullptr : this); }

  // True once the consumer wants no more rows: stop generating.
  bool done() const { return stopped_; }

 private:
  friend class Row;
  const oqm_row_sink& sink_;
  const Column* columns_;
  size_t n_columns_;
  bool stopped_ = false;
};

inline Row::Row(Rows* rows) : rows_(rows), uncaught_(std::uncaught_exceptions()) {
  if (rows_ != nullptr) rows_->sink_.begin(rows_->sink_.ctx);
}

inline Row::Row(Row&& other) noexcept
    : rows_(other.rows_), uncaught_(other.uncaught_), next_hint_(other.next_hint_) {
  other.rows_ = nullptr;
}

inline Row::~Row() {
  if (rows_ == nullptr || std::uncaught_exceptions() > uncaught_) return;
  if (rows_->sink_.end(rows_->sink_.ctx) == OQM_STOP) rows_->stopped_ = true;
}

// Columns are usually set in declaration order, so the search starts after the last one set.
inline uint32_t Row::indexOf(std::string_view column) {
  const size_t n = rows_->n_columns_;
  for (size_t k = 0; k < n; ++k) {
    size_t i = (next_hint_ + k) % n;
    if (column == rows_->columns_[i].name) {
      next_hint_ = static_cast<uint32_t>((i + 1) % n);
      return static_cast<uint32_t>(i);
    }
  }
  throw Error("no column named '" + std::string(column) + "' in this table");
}

template <typename T>
void Row::setAt(uint32_t index, const T& value) {
  const oqm_row_sink& s = rows_->sink_;
  using D = std::decay_t<T>;
  if constexpr (std::is_same_v<D, bool>) {
    s.set_integer(s.ctx, index, value ? 1 : 0);
  } else if constexpr (std::is_integral_v<D>) {
    s.set_integer(s.ctx, index, static_cast<int64_t>(value));
  } else if constexpr (std::is_floating_point_v<D>) {
    s.set_double(s.ctx, index, static_cast<double>(value));
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    std::string_view text(value);
    s.set_text(s.ctx, index, text.data(), text.size());
  } else if constexpr (IsOptional<D>::value) {
    if (value.has_value()) setAt(index, *value);
  } else {
    static_assert(sizeof(T) == 0, "Row::set: unsupported value type");
  }
}

// ------------------------------------------------------------------------------------------
// Kernel services: options and status logs

enum class Severity : int32_t {
  Info = OQM_SEVERITY_INFO,
  Warning = OQM_SEVERITY_WARNING,
  Error = OQM_SEVERITY_ERROR,
};

namespace detail {
// The kernel's services for this module (one per .so: modules build with hidden visibility).
// Set by the module's init, before any contribution is registered; reset by its shutdown.
inline const oqm_host_api* g_host_api = nullptr;
}  // namespace detail

// A view of the kernel's services, valid from the module's init to its shutdown. Outside that
// window (or in a unit test without a host) it is detached: options are absent, logs dropped.
class Host {
 public:
  explicit Host(const oqm_host_api* api) : api_(api) {}

  bool attached() const { return api_ != nullptr && api_->get_option != nullptr; }

  // The value of a kernel flag or a declared module option; std::nullopt when no such option.
  std::optional<std::string> option(std::string_view name) const {
    if (!attached()) return std::nullopt;
    std::string key(name);
    std::string value(256, '\0');
    int64_t n = api_->get_option(api_->host, key.c_str(), value.data(), value.size());
    if (n < 0) return std::nullopt;
    if (static_cast<size_t>(n) >= value.size()) {
      value.assign(static_cast<size_t>(n) + 1, '\0');
      n = api_->get_option(api_->host, key.c_str(), value.data(), value.size());
      if (n < 0) return std::nullopt;
    }
    value.resize(std::min(static_cast<size_t>(n), value.size() - 1));
    return value;
  }

  std::string optionOr(std::string_view name, std::string_view fallback) const {
    auto v = option(name);
    return v ? *v : std::string(fallback);
  }

  // An integer option; `fallback` when absent or not a whole number.
  int64_t intOption(std::string_view name, int64_t fallback) const {
    auto v = option(name);
    if (!v) return fallback;
    int64_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size()) return fallback;
    return n;
  }

  // A boolean option, spelled as gflags accepts it (true/false, 1/0, yes/no, on/off).
  bool boolOption(std::string_view name, bool fallback) const {
    auto v = option(name);
    if (!v) return fallback;
    std::string s;
    for (char c : *v) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (s == "true" || s == "1" || s == "yes" || s == "on" || s == "t" || s == "y") return true;
    if (s == "false" || s == "0" || s == "no" || s == "off" || s == "f" || s == "n") return false;
    return fallback;
  }

  // A status log line attributed to the module. Any thread.
  void log(Severity severity, std::string_view message) const {
    if (api_ == nullptr || api_->log == nullptr) return;
    api_->log(api_->host, static_cast<int32_t>(severity), message.data(), message.size());
  }
  void info(std::string_view message) const { log(Severity::Info, message); }
  void warning(std::string_view message) const { log(Severity::Warning, message); }
  void error(std::string_view message) const { log(Severity::Error, message); }

  const oqm_host_api* raw() const { return api_; }

 private:
  const oqm_host_api* api_;
};

// The kernel's services for the calling module: oqm::host().option("logger_path").
inline Host host() {
  return Host(detail::g_host_api);
}

// A flag the module declares (settable like the kernel's own flags). Declare them on any
// contribution class as `static constexpr oqm::Option kOptions[] = {...}`, or on a class that
// holds only options and is listed in OQM_MODULE like a table.
enum class OptionType : uint32_t {
  Bool = OQM_OPTION_BOOL,
  Integer = OQM_OPTION_INTEGER,
  String = OQM_OPTION_STRING,
};

struct Option {
  const char* name;
  OptionType type;
  const char* default_value;
  const char* description;
};

// ------------------------------------------------------------------------------------------
// Loggers

// The kinds of records a logger wants (its kKinds), combinable with |.
inline constexpr uint32_t kLogResult = OQM_LOG_RESULT;
inline constexpr uint32_t kLogSnapshot = OQM_LOG_SNAPSHOT;
inline constexpr uint32_t kLogStatus = OQM_LOG_STATUS;

// One record handed to a logger, borrowed for the logBatch call. RESULT and SNAPSHOT data is
// one JSON line without a newline; STATUS data is the status JSON object ("severity",
// "filename", "line", "message", ...).
struct LogRecord {
  uint32_t kind;  // kLogResult, kLogSnapshot or kLogStatus
  uint64_t id;    // increases in the order the records were produced
  int64_t time;   // unix seconds
  std::string_view data;
};

// What became of one record. Every verdict starts as Retry: a logger says Ok for what it
// delivered, so a record it did not get to is never lost. A logger that says Drop (the record
// can never be delivered) logs one status line saying why; the kernel counts drops.
enum class Verdict : uint8_t {
  Ok = OQM_VERDICT_OK,
  Retry = OQM_VERDICT_RETRY,
  Drop = OQM_VERDICT_DROP,
};

// ------------------------------------------------------------------------------------------
// Config plugins

// Where a config plugin writes its (source name, JSON text) pairs.
class ConfigSink {
 public:
  explicit ConfigSink(const oqm_config_sink& sink) : sink_(sink) {}

  void add(std::string_view source, std::string_view json) {
    if (sink_.add(sink_.ctx, source.data(), source.size(), json.data(), json.size()) != OQM_OK) {
      throw Error("the kernel refused config source '" + std::string(source) + "'");
    }
  }

 private:
  const oqm_config_sink& sink_;
};

namespace detail {

// Copies an exception's message into the caller's error buffer.
inline int32_t fail(oqm_error* err, const char* what) {
  oqm_error_set(err, what);
  return OQM_ERROR;
}

template <typename T>
concept TableClass = requires(T t, const Query& q, Rows& r) {
  { T::kName } -> std::convertible_to<const char*>;
  T::kColumns;
  t.generate(q, r);
};

template <typename T>
struct TableAdapter {
  static constexpr size_t kColumnCount = std::size(T::kColumns);

  static int32_t generate(void* ud, const oqm_query* q, const oqm_row_sink* out, oqm_error* err) {
    try {
      Query query(*q, T::kColumns, kColumnCount);
      Rows rows(*out, T::kColumns, kColumnCount);
      static_cast<T*>(ud)->generate(query, rows);
      return OQM_OK;
    } catch (const std::exception& e) {
      return fail(err, e.what());
    } catch (...) {
      return fail(err, "unknown exception in table generate");
    }
  }

  static void destroy(void* ud) { delete static_cast<T*>(ud); }

  static uint32_t attributes() {
    if constexpr (requires { T::kAttributes; }) {
      return T::kAttributes;
    } else {
      return 0;
    }
  }

  static int32_t registerWith(const oqm_host_api* host, oqm_error* err) {
    oqm_column cols[kColumnCount];
    for (size_t i = 0; i < kColumnCount; ++i) {
      const Column& c = T::kColumns[i];
      cols[i] = {sizeof(oqm_column), c.name, static_cast<uint32_t>(c.type), c.flags, c.collate};
    }
    T* instance = nullptr;
    try {
      instance = new T();
    } catch (const std::exception& e) {
      return fail(err, e.what());
    }
    oqm_table table{};
    table.size = sizeof(oqm_table);
    table.name = T::kName;
    table.n_columns = static_cast<uint32_t>(kColumnCount);
    table.columns = cols;
    table.attributes = attributes();
    table.user_data = instance;
    table.generate = &generate;
    table.destroy = &destroy;
    int32_t rc = host->register_table(host->host, &table, err);
    if (rc != OQM_OK) delete instance;
    return rc;
  }
};

// What the module's init allocates and its shutdown frees: the logger instances (the C logger
// has no destroy callback, so the module owns them) and the host pointer it replaced.
struct Owned {
  virtual ~Owned() = default;
};

struct ModuleState {
  const oqm_host_api* previous_host = nullptr;
  const oqm_host_api* host = nullptr;
  std::vector<std::unique_ptr<Owned>> owned;
};

// Runs `body`, turning any exception into OQM_ERROR with its message in `err`.
template <typename F>
int32_t guarded(oqm_error* err, const char* what, F&& body) {
  try {
    body();
    return OQM_OK;
  } catch (const std::exception& e) {
    return fail(err, e.what());
  } catch (...) {
    return fail(err, what);
  }
}

template <typename T>
concept LoggerClass = requires(T t, std::span<const LogRecord> records, std::span<Verdict> v) {
  { T::kName } -> std::convertible_to<const char*>;
  { T::kKinds } -> std::convertible_to<uint32_t>;
  t.logBatch(records, v);
};

template <typename T>
struct LoggerAdapter {
  struct Slot : Owned {
    T instance;
    bool active = false;  // init succeeded and shutdown has not run since
    ~Slot() override { stop(); }
    void stop() noexcept {
      if (!active) return;
      active = false;
      if constexpr (requires(T t) { t.shutdown(); }) {
        try {
          instance.shutdown();
        } catch (...) {
          // Shutdown is best effort; nothing may escape into the kernel.
        }
      }
    }
  };

  static Slot* of(void* ud) { return static_cast<Slot*>(ud); }

  static int32_t init(void* ud, oqm_error* err) {
    return guarded(err, "unknown exception in logger init", [&] {
      if constexpr (requires(T t) { t.init(); }) of(ud)->instance.init();
      of(ud)->active = true;
    });
  }

  static int32_t logBatch(void* ud, const oqm_log_record* records, uint32_t n, uint8_t* verdicts,
                          oqm_error* err) {
    std::vector<Verdict> out(n, Verdict::Retry);
    int32_t rc = guarded(err, "unknown exception in logger log_batch", [&] {
      // A newer kernel's records may be longer than ours: step by the size it wrote.
      const size_t stride = (n > 0 && records->size >= sizeof(oqm_log_record))
                                ? records->size
                                : sizeof(oqm_log_record);
      const char* base = reinterpret_cast<const char*>(records);
      std::vector<LogRecord> batch;
      batch.reserve(n);
      for (uint32_t i = 0; i < n; ++i) {
        const auto* r = reinterpret_cast<const oqm_log_record*>(base + i * stride);
        batch.push_back({r->kind, r->id, r->time,
                         std::string_view(r->data != nullptr ? r->data : "", r->length)});
      }
      of(ud)->instance.logBatch(std::span<const LogRecord>(batch), std::span<Verdict>(out));
    });
    for (uint32_t i = 0; i < n; ++i) {
      verdicts[i] = static_cast<uint8_t>(rc == OQM_OK ? out[i] : Verdict::Retry);
    }
    return rc;
  }

  static int32_t flush(void* ud, oqm_error* err) {
    return guarded(err, "unknown exception in logger flush", [&] {
      if constexpr (requires(T t) { t.flush(); }) of(ud)->instance.flush();
    });
  }

  static void shutdown(void* ud) { of(ud)->stop(); }

  static int32_t registerWith(const oqm_host_api* host, ModuleState* state, oqm_error* err) {
    Slot* slot = nullptr;
    int32_t rc = guarded(err, "unknown exception constructing a logger", [&] {
      state->owned.push_back(std::make_unique<Slot>());
      slot = static_cast<Slot*>(state->owned.back().get());
    });
    if (rc != OQM_OK) return rc;
    oqm_logger logger{};
    logger.size = sizeof(oqm_logger);
    logger.name = T::kName;
    logger.kinds = T::kKinds;
    if constexpr (requires { T::kMaxBatchRecords; }) logger.max_batch_records = T::kMaxBatchRecords;
    if constexpr (requires { T::kMaxBatchBytes; }) logger.max_batch_bytes = T::kMaxBatchBytes;
    if constexpr (requires { T::kPeriodOption; }) logger.period_option = T::kPeriodOption;
    logger.user_data = slot;
    logger.init = &init;
    logger.log_batch = &logBatch;
    logger.flush = &flush;
    logger.shutdown = &shutdown;
    return host->register_logger(host->host, &logger, err);
  }
};

template <typename T>
concept ConfigClass = requires(T t, ConfigSink& sink) {
  { T::kName } -> std::convertible_to<const char*>;
  t.genConfig(sink);
};

template <typename T>
struct ConfigAdapter {
  static int32_t genConfig(void* ud, const oqm_config_sink* out, oqm_error* err) {
    return guarded(err, "unknown exception in gen_config", [&] {
      ConfigSink sink(*out);
      static_cast<T*>(ud)->genConfig(sink);
    });
  }

  static int32_t genPack(void* ud, const char* name, const char* locator,
                         const oqm_config_sink* out, oqm_error* err) {
    return guarded(err, "unknown exception in gen_pack", [&] {
      ConfigSink sink(*out);
      static_cast<T*>(ud)->genPack(std::string_view(name != nullptr ? name : ""),
                                   std::string_view(locator != nullptr ? locator : ""), sink);
    });
  }

  static void destroy(void* ud) { delete static_cast<T*>(ud); }

  static int32_t registerWith(const oqm_host_api* host, oqm_error* err) {
    T* instance = nullptr;
    int32_t rc =
        guarded(err, "unknown exception constructing a config plugin", [&] { instance = new T(); });
    if (rc != OQM_OK) return rc;
    oqm_config_plugin plugin{};
    plugin.size = sizeof(oqm_config_plugin);
    plugin.name = T::kName;
    plugin.user_data = instance;
    plugin.gen_config = &genConfig;
    if constexpr (requires(T t, std::string_view s, ConfigSink & sink) { t.genPack(s, s, sink); }) {
      plugin.gen_pack = &genPack;
    }
    plugin.destroy = &destroy;
    rc = host->register_config(host->host, &plugin, err);
    if (rc != OQM_OK) delete instance;
    return rc;
  }
};

// A class that only declares module options (kOptions) and contributes nothing else.
template <typename T>
concept OptionsClass = requires {
  T::kOptions;
};

// Registration of one contribution.
template <typename T>
int32_t registerOne(const oqm_host_api* host, ModuleState* state, oqm_error* err) {
  if constexpr (TableClass<T>) {
    return TableAdapter<T>::registerWith(host, err);
  } else if constexpr (LoggerClass<T>) {
    return LoggerAdapter<T>::registerWith(host, state, err);
  } else if constexpr (ConfigClass<T>) {
    return ConfigAdapter<T>::registerWith(host, err);
  } else if constexpr (OptionsClass<T>) {
    return OQM_OK;
  } else {
    static_assert(sizeof(T) == 0,
                  "OQM_MODULE: a contribution must be a table, logger, config or options class");
  }
}

template <typename... Ts>
int32_t initModule(const oqm_host_api* host, void** state, oqm_error* err) {
  *state = nullptr;
  ModuleState* module = nullptr;
  int32_t rc = guarded(err, "out of memory", [&] { module = new ModuleState(); });
  if (rc != OQM_OK) return rc;
  module->previous_host = g_host_api;
  module->host = host;
  g_host_api = host;
  // Stops at the first failure; the kernel rolls back what was registered before it.
  ((rc == OQM_OK ? (rc = registerOne<Ts>(host, module, err)) : rc), ...);
  if (rc != OQM_OK) {
    g_host_api = module->previous_host;
    delete module;
    return rc;
  }
  *state = module;
  return OQM_OK;
}

inline void shutdownModule(void* state) {
  auto* module = static_cast<ModuleState*>(state);
  if (module == nullptr) return;
  module->owned.clear();
  if (g_host_api == module->host) g_host_api = module->previous_host;
  delete module;
}

// The module's declared options: every contribution's kOptions, in OQM_MODULE order.
template <typename T>
constexpr size_t optionCount() {
  if constexpr (OptionsClass<T>) {
    return std::size(T::kOptions);
  } else {
    return 0;
  }
}

template <typename... Ts>
constexpr size_t moduleOptionCount() {
  return (optionCount<Ts>() + ... + size_t{0});
}

template <typename T, size_t N>
void appendOptions(std::array<oqm_option, N>& out, size_t& next) {
  if constexpr (OptionsClass<T>) {
    for (const Option& o : T::kOptions) {
      out[next++] = {sizeof(oqm_option), o.name, static_cast<uint32_t>(o.type), o.default_value,
                     o.description};
    }
  }
}

template <typename... Ts>
const oqm_option* moduleOptions() {
  constexpr size_t kCount = moduleOptionCount<Ts...>();
  if constexpr (kCount == 0) {
    return nullptr;
  } else {
    static const std::array<oqm_option, kCount> options = [] {
      std::array<oqm_option, kCount> out{};
      size_t next = 0;
      (appendOptions<Ts>(out, next), ...);
      return out;
    }();
    return options.data();
  }
}

}  // namespace detail
}  // namespace oqm

#define OQM_EXPORT extern "C" __attribute__((visibility("default")))

// Defines the module's entry point and manifest:
//   OQM_MODULE("name", "1.0.0", TableA, TableB, LoggerC, ConfigD, OptionsE)
// Each class is a table (kName, kColumns, generate), a logger (kName, kKinds, logBatch), a
// config plugin (kName, genConfig) or a holder of module options (kOptions); the kOptions of
// every class listed become the module's declared options.
#define OQM_MODULE(module_name, module_version, ...)                            \
  OQM_EXPORT const oqm_manifest* oqm_module_v1(void) {                          \
    static const oqm_manifest manifest = {                                      \
        sizeof(oqm_manifest),                                                   \
        OQM_ABI_MAJOR,                                                          \
        OQM_ABI_MINOR,                                                          \
        module_name,                                                            \
        module_version,                                                         \
        static_cast<uint32_t>(::oqm::detail::moduleOptionCount<__VA_ARGS__>()), \
        ::oqm::detail::moduleOptions<__VA_ARGS__>(),                            \
        &::oqm::detail::initModule<__VA_ARGS__>,                                \
        nullptr,                                                                \
        &::oqm::detail::shutdownModule,                                         \
    };                                                                          \
    return &manifest;                                                           \
  }
