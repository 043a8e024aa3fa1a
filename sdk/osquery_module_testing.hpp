// osquery_module_testing.hpp: a fake host for unit-testing a module's tables without the
// kernel. It drives the module through the same C ABI the kernel uses:
//
//   oqm::testing::FakeHost host(oqm_module_v1());
//   auto rows = host.query("processes", {{"pid", oqm::Op::Eq, int64_t{1}}});
//   EXPECT_EQ(rows.at(0).at("pid").integer(), 1);
//
// Unlike the kernel it does not re-check constraints against the rows, so a test sees exactly
// what the table produced.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "osquery_module.hpp"

namespace oqm::testing {

// One cell as the table wrote it (no type conversion, unlike the kernel).
struct Cell {
  enum class Kind { Null, Integer, Double, Text, Blob } kind = Kind::Null;
  int64_t int_value = 0;
  double double_value = 0;
  std::string text_value;

  bool isNull() const { return kind == Kind::Null; }
  int64_t integer() const {
    if (kind != Kind::Integer) throw std::logic_error("cell is not an integer: " + debug());
    return int_value;
  }
  double real() const {
    if (kind != Kind::Double) throw std::logic_error("cell is not a double: " + debug());
    return double_value;
  }
  const std::string& text() const {
    if (kind != Kind::Text && kind != Kind::Blob) {
      throw std::logic_error("cell is not text: " + debug());
    }
    return text_value;
  }
  std::string debug() const {
    switch (kind) {
      case Kind::Null: return "NULL";
      case Kind::Integer: return std::to_string(int_value);
      case Kind::Double: return std::to_string(double_value);
      default: return "'" + text_value + "'";
    }
  }
};

using FakeRow = std::map<std::string, Cell>;

struct FakeConstraint {
  std::string column;
  Op op;
  std::variant<int64_t, double, std::string> value;
};

class FakeHost {
 public:
  struct Table {
    std::string name;
    std::vector<oqm_column> columns;
    std::vector<std::string> column_names;  // owns the names `columns` points to
    uint32_t attributes = 0;
    void* user_data = nullptr;
    oqm_generate_fn generate = nullptr;
    void (*destroy)(void*) = nullptr;
  };

  explicit FakeHost(const oqm_manifest* manifest, std::map<std::string, std::string> options = {})
      : manifest_(manifest), options_(std::move(options)) {
    if (manifest_ == nullptr) throw std::runtime_error("the module returned no manifest");
    api_.size = sizeof(api_);
    api_.abi_major = OQM_ABI_MAJOR;
    api_.abi_minor = OQM_ABI_MINOR;
    api_.host = reinterpret_cast<oqm_host*>(this);
    api_.register_table = &registerTable;
    api_.register_publisher = [](oqm_host*, const oqm_publisher*, oqm_error*) { return OQM_OK; };
    api_.register_subscriber = [](oqm_host*, const oqm_subscriber*, oqm_error*) {
      return OQM_OK;
    };
    api_.register_logger = [](oqm_host*, const oqm_logger*, oqm_error*) { return OQM_OK; };
    api_.register_config = [](oqm_host*, const oqm_config_plugin*, oqm_error*) { return OQM_OK; };
    api_.log = [](oqm_host* h, int32_t severity, const char* msg, size_t len) {
      self(h)->logs.push_back({severity, std::string(msg, len)});
    };
    api_.get_option = &getOption;
    char buffer[1024] = {0};
    oqm_error err{sizeof(oqm_error), sizeof(buffer), buffer};
    if (manifest_->init(&api_, &state_, &err) != OQM_OK) {
      destroyTables();
      throw std::runtime_error(std::string("module init failed: ") + buffer);
    }
  }

  ~FakeHost() {
    destroyTables();
    if (manifest_->shutdown != nullptr) manifest_->shutdown(state_);
  }

  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  const std::map<std::string, Table>& tables() const { return tables_; }

  const Table& table(const std::string& name) const {
    auto it = tables_.find(name);
    if (it == tables_.end()) throw std::runtime_error("no such table: " + name);
    return it->second;
  }

  // Runs one scan. Throws with the table's message when generate fails.
  std::vector<FakeRow> query(const std::string& name,
                             const std::vector<FakeConstraint>& constraints = {},
                             int64_t limit = -1) const {
    const Table& t = table(name);
    std::vector<oqm_constraint> cs;
    for (const auto& c : constraints) {
      oqm_constraint oc{};
      oc.size = sizeof(oc);
      oc.column = columnIndex(t, c.column);
      oc.op = static_cast<uint32_t>(c.op);
      oc.value.size = sizeof(oqm_value);
      if (auto* i = std::get_if<int64_t>(&c.value)) {
        oc.value.type = OQM_VALUE_INTEGER;
        oc.value.integer = *i;
      } else if (auto* d = std::get_if<double>(&c.value)) {
        oc.value.type = OQM_VALUE_DOUBLE;
        oc.value.real = *d;
      } else {
        const auto& s = std::get<std::string>(c.value);
        oc.value.type = OQM_VALUE_TEXT;
        oc.value.text = s.data();
        oc.value.length = s.size();
      }
      cs.push_back(oc);
    }
    std::vector<uint8_t> used(t.columns.size(), 1);
    oqm_query q{sizeof(oqm_query),
                static_cast<uint32_t>(cs.size()),
                cs.data(),
                static_cast<uint32_t>(t.columns.size()),
                used.data(),
                limit};
    Collector collector{&t, {}, {}, limit};
    oqm_row_sink sink{sizeof(oqm_row_sink), &collector, &Collector::begin, &Collector::setInteger,
                      &Collector::setDouble,  &Collector::setText, &Collector::setBlob,
                      &Collector::end};
    char buffer[1024] = {0};
    oqm_error err{sizeof(oqm_error), sizeof(buffer), buffer};
    if (t.generate(t.user_data, &q, &sink, &err) != OQM_OK) {
      throw std::runtime_error(buffer);
    }
    return collector.rows;
  }

  struct LogLine {
    int32_t severity;
    std::string message;
  };
  std::vector<LogLine> logs;

 private:
  struct Collector {
    const Table* table;
    std::vector<FakeRow> rows;
    FakeRow current;
    int64_t limit;

    static Collector* of(void* ctx) { return static_cast<Collector*>(ctx); }
    static void begin(void* ctx) { of(ctx)->current.clear(); }
    Cell& cell(uint32_t column) {
      if (column >= table->column_names.size()) throw std::logic_error("column out of range");
      return current[table->column_names[column]];
    }
    static void setInteger(void* ctx, uint32_t column, int64_t v) {
      Cell& c = of(ctx)->cell(column);
      c = Cell{};
      c.kind = Cell::Kind::Integer;
      c.int_value = v;
    }
    static void setDouble(void* ctx, uint32_t column, double v) {
      Cell& c = of(ctx)->cell(column);
      c = Cell{};
      c.kind = Cell::Kind::Double;
      c.double_value = v;
    }
    static void setText(void* ctx, uint32_t column, const char* text, size_t length) {
      Cell& c = of(ctx)->cell(column);
      c = Cell{};
      c.kind = Cell::Kind::Text;
      c.text_value.assign(text, length);
    }
    static void setBlob(void* ctx, uint32_t column, const void* data, size_t length) {
      Cell& c = of(ctx)->cell(column);
      c = Cell{};
      c.kind = Cell::Kind::Blob;
      c.text_value.assign(static_cast<const char*>(data), length);
    }
    static int32_t end(void* ctx) {
      Collector* self = of(ctx);
      for (const auto& name : self->table->column_names) self->current.try_emplace(name);
      self->rows.push_back(std::move(self->current));
      self->current.clear();
      if (self->limit >= 0 && static_cast<int64_t>(self->rows.size()) >= self->limit) {
        return OQM_STOP;
      }
      return OQM_OK;
    }
  };

  static FakeHost* self(oqm_host* h) { return reinterpret_cast<FakeHost*>(h); }

  static uint32_t columnIndex(const Table& t, const std::string& column) {
    for (size_t i = 0; i < t.column_names.size(); ++i) {
      if (t.column_names[i] == column) return static_cast<uint32_t>(i);
    }
    throw std::runtime_error("no column " + column + " in " + t.name);
  }

  static int32_t registerTable(oqm_host* h, const oqm_table* table, oqm_error* err) {
    FakeHost* host = self(h);
    if (host->tables_.count(table->name) != 0) {
      oqm_error_set(err, "table registered twice");
      return OQM_ERROR;
    }
    Table t;
    t.name = table->name;
    for (uint32_t i = 0; i < table->n_columns; ++i) {
      t.column_names.emplace_back(table->columns[i].name);
    }
    for (uint32_t i = 0; i < table->n_columns; ++i) {
      oqm_column c = table->columns[i];
      c.name = t.column_names[i].c_str();
      c.collate = nullptr;
      t.columns.push_back(c);
    }
    t.attributes = table->attributes;
    t.user_data = table->user_data;
    t.generate = table->generate;
    t.destroy = table->destroy;
    host->tables_.emplace(t.name, std::move(t));
    // column name pointers moved with the strings' buffers only for SSO; re-point them.
    Table& stored = host->tables_.at(table->name);
    for (size_t i = 0; i < stored.columns.size(); ++i) {
      stored.columns[i].name = stored.column_names[i].c_str();
    }
    return OQM_OK;
  }

  static int64_t getOption(oqm_host* h, const char* name, char* buffer, size_t capacity) {
    FakeHost* host = self(h);
    auto it = host->options_.find(name);
    if (it == host->options_.end()) return -1;
    if (capacity > 0) {
      size_t n = std::min(capacity - 1, it->second.size());
      std::memcpy(buffer, it->second.data(), n);
      buffer[n] = '\0';
    }
    return static_cast<int64_t>(it->second.size());
  }

  void destroyTables() {
    for (auto& [name, t] : tables_) {
      if (t.destroy != nullptr) t.destroy(t.user_data);
    }
    tables_.clear();
  }

  const oqm_manifest* manifest_;
  std::map<std::string, std::string> options_;
  oqm_host_api api_{};
  void* state_ = nullptr;
  std::map<std::string, Table> tables_;
};

}  // namespace oqm::testing
