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
// Nothing of C++ crosses the boundary: exceptions thrown by generate become the query's error
// message, and all data goes out through the kernel's C sinks.
#pragma once

#include <charconv>
#include <concepts>
#include <iterator>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
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
        case OQM_VALUE_INTEGER: return std::to_string(v_->integer);
        case OQM_VALUE_DOUBLE: return std::to_string(v_->real);
        case OQM_VALUE_TEXT:
        case OQM_VALUE_BLOB: return std::string(v_->text, v_->length);
        default: return std::nullopt;
      }
    } else if constexpr (std::is_integral_v<T>) {
      switch (v_->type) {
        case OQM_VALUE_INTEGER: return static_cast<T>(v_->integer);
        case OQM_VALUE_DOUBLE: return static_cast<T>(v_->real);
        case OQM_VALUE_TEXT: {
          long long n = 0;
          auto [end, ec] = std::from_chars(v_->text, v_->text + v_->length, n);
          if (ec != std::errc() || end != v_->text + v_->length) return std::nullopt;
          return static_cast<T>(n);
        }
        default: return std::nullopt;
      }
    } else if constexpr (std::is_floating_point_v<T>) {
      switch (v_->type) {
        case OQM_VALUE_INTEGER: return static_cast<T>(v_->integer);
        case OQM_VALUE_DOUBLE: return static_cast<T>(v_->real);
        case OQM_VALUE_TEXT: {
          std::string s(v_->text, v_->length);
          char* end = nullptr;
          double d = std::strtod(s.c_str(), &end);
          if (s.empty() || end != s.c_str() + s.size()) return std::nullopt;
          return static_cast<T>(d);
        }
        default: return std::nullopt;
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

// Registration of one contribution; later kinds (loggers, publishers) add overloads here.
template <typename T>
int32_t registerOne(const oqm_host_api* host, oqm_error* err) {
  if constexpr (TableClass<T>) {
    return TableAdapter<T>::registerWith(host, err);
  } else {
    static_assert(sizeof(T) == 0, "OQM_MODULE: a contribution must be a table class");
  }
}

template <typename... Ts>
int32_t initModule(const oqm_host_api* host, void** state, oqm_error* err) {
  *state = nullptr;
  int32_t rc = OQM_OK;
  // Stops at the first failure; the kernel rolls back what was registered before it.
  ((rc == OQM_OK ? (rc = registerOne<Ts>(host, err)) : rc), ...);
  return rc;
}

}  // namespace detail
}  // namespace oqm

#define OQM_EXPORT extern "C" __attribute__((visibility("default")))

// Defines the module's entry point and manifest: OQM_MODULE("name", "1.0.0", TableA, TableB).
#define OQM_MODULE(module_name, module_version, ...)                              \
  OQM_EXPORT const oqm_manifest* oqm_module_v1(void) {                            \
    static const oqm_manifest manifest = {                                        \
        sizeof(oqm_manifest),                                                     \
        OQM_ABI_MAJOR,                                                            \
        OQM_ABI_MINOR,                                                            \
        module_name,                                                              \
        module_version,                                                           \
        0,                                                                        \
        nullptr,                                                                  \
        &::oqm::detail::initModule<__VA_ARGS__>,                                  \
        nullptr,                                                                  \
        nullptr,                                                                  \
    };                                                                            \
    return &manifest;                                                             \
  }
