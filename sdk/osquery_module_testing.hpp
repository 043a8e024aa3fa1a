// osquery_module_testing.hpp: a fake host for unit-testing a module's tables without the
// kernel. It drives the module through the same C ABI the kernel uses:
//
//   oqm::testing::FakeHost host(oqm_module_v1());
//   auto rows = host.query("processes", {{"pid", oqm::Op::Eq, int64_t{1}}});
//   EXPECT_EQ(rows.at(0).at("pid").integer(), 1);
//
// Unlike the kernel it does not re-check constraints against the rows, so a test sees exactly
// what the table produced.
//
// It also drives loggers and config plugins, and answers get_option from a map the test sets:
//
//   oqm::testing::FakeHost host(oqm_module_v1(), {{"logger_path", dir}});
//   host.initLogger("filesystem");
//   auto verdicts = host.logBatch("filesystem", {{oqm::kLogResult, R"({"name":"q"})"}});
//   auto sources = host.genConfig("filesystem");  // (source, JSON text) pairs in order
#pragma once

#include <algorithm>
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
      case Kind::Null:
        return "NULL";
      case Kind::Integer:
        return std::to_string(int_value);
      case Kind::Double:
        return std::to_string(double_value);
      default:
        return "'" + text_value + "'";
    }
  }
};

using FakeRow = std::map<std::string, Cell>;

// A record to hand to a logger; the host numbers them.
struct FakeLogRecord {
  uint32_t kind;
  std::string data;
  int64_t time = 0;
};

using ConfigPairs = std::vector<std::pair<std::string, std::string>>;

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

  struct Logger {
    std::string name;
    oqm_logger descriptor{};  // descriptor.name is not kept; use `name`
    bool active = false;      // init succeeded, shutdown not yet called
  };

  struct ConfigPlugin {
    std::string name;
    oqm_config_plugin descriptor{};
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
    api_.register_subscriber = [](oqm_host*, const oqm_subscriber*, oqm_error*) { return OQM_OK; };
    api_.register_logger = &registerLogger;
    api_.register_config = &registerConfig;
    api_.log = [](oqm_host* h, int32_t severity, const char* msg, size_t len) {
      self(h)->logs.push_back({severity, std::string(msg, len)});
    };
    api_.get_option = &getOption;
    char buffer[1024] = {0};
    oqm_error err{sizeof(oqm_error), sizeof(buffer), buffer};
    if (manifest_->init(&api_, &state_, &err) != OQM_OK) {
      destroyContributions();
      throw std::runtime_error(std::string("module init failed: ") + buffer);
    }
  }

  ~FakeHost() {
    for (auto& [name, l] : loggers_) {
      if (l.active && l.descriptor.shutdown != nullptr)
        l.descriptor.shutdown(l.descriptor.user_data);
    }
    destroyContributions();
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
    oqm_query q{sizeof(oqm_query), static_cast<uint32_t>(cs.size()),
                cs.data(),         static_cast<uint32_t>(t.columns.size()),
                used.data(),       limit};
    Collector collector{&t, {}, {}, limit};
    oqm_row_sink sink{
        sizeof(oqm_row_sink),  &collector,          &Collector::begin,   &Collector::setInteger,
        &Collector::setDouble, &Collector::setText, &Collector::setBlob, &Collector::end};
    char buffer[1024] = {0};
    oqm_error err{sizeof(oqm_error), sizeof(buffer), buffer};
    if (t.generate(t.user_data, &q, &sink, &err) != OQM_OK) {
      throw std::runtime_error(buffer);
    }
    return collector.rows;
  }

  // What get_option answers from now on (the module reads most options in its init, or in a
  // logger's init).
  void setOption(const std::string& name, const std::string& value) { options_[name] = value; }
  void clearOption(const std::string& name) { options_.erase(name); }

  const std::map<std::string, Logger>& loggers() const { return loggers_; }
  const Logger& logger(const std::string& name) const { return find(loggers_, name, "logger"); }

  // Activates a logger as the kernel does for --logger_plugin; throws with its message.
  void initLogger(const std::string& name) {
    Logger& l = find(loggers_, name, "logger");
    ErrorBuffer e;
    if (l.descriptor.init != nullptr &&
        l.descriptor.init(l.descriptor.user_data, &e.err) != OQM_OK) {
      throw std::runtime_error(e.text());
    }
    l.active = true;
  }

  // Hands one batch to a logger and returns its verdicts; throws with its message when
  // log_batch returns OQM_ERROR (which means "every record: RETRY").
  std::vector<Verdict> logBatch(const std::string& name, const std::vector<FakeLogRecord>& batch) {
    Logger& l = find(loggers_, name, "logger");
    std::vector<oqm_log_record> records;
    for (const auto& r : batch) {
      oqm_log_record c{};
      c.size = sizeof(c);
      c.kind = r.kind;
      c.id = ++next_record_id_;
      c.time = r.time;
      c.data = r.data.data();
      c.length = r.data.size();
      records.push_back(c);
    }
    // Poisoned, so a verdict the logger did not write shows up.
    std::vector<uint8_t> verdicts(batch.size(), 0xff);
    ErrorBuffer e;
    if (l.descriptor.log_batch(l.descriptor.user_data, records.data(),
                               static_cast<uint32_t>(records.size()), verdicts.data(),
                               &e.err) != OQM_OK) {
      throw std::runtime_error(e.text());
    }
    std::vector<Verdict> out;
    for (uint8_t v : verdicts) out.push_back(static_cast<Verdict>(v));
    return out;
  }

  void flushLogger(const std::string& name) {
    Logger& l = find(loggers_, name, "logger");
    ErrorBuffer e;
    if (l.descriptor.flush != nullptr &&
        l.descriptor.flush(l.descriptor.user_data, &e.err) != OQM_OK) {
      throw std::runtime_error(e.text());
    }
  }

  void shutdownLogger(const std::string& name) {
    Logger& l = find(loggers_, name, "logger");
    if (l.descriptor.shutdown != nullptr) l.descriptor.shutdown(l.descriptor.user_data);
    l.active = false;
  }

  const std::map<std::string, ConfigPlugin>& configPlugins() const { return configs_; }

  // The (source, JSON text) pairs of gen_config, in the order the plugin wrote them; throws
  // with the plugin's message on failure.
  ConfigPairs genConfig(const std::string& plugin) {
    ConfigPlugin& c = find(configs_, plugin, "config plugin");
    ConfigPairs out;
    oqm_config_sink sink{sizeof(oqm_config_sink), &out, &addConfig};
    ErrorBuffer e;
    if (c.descriptor.gen_config(c.descriptor.user_data, &sink, &e.err) != OQM_OK) {
      throw std::runtime_error(e.text());
    }
    return out;
  }

  // The (pack name, JSON text) pairs of gen_pack; throws when the plugin has none or fails.
  ConfigPairs genPack(const std::string& plugin, const std::string& name,
                      const std::string& locator) {
    ConfigPlugin& c = find(configs_, plugin, "config plugin");
    if (c.descriptor.gen_pack == nullptr) {
      throw std::runtime_error("config plugin " + plugin + " has no gen_pack");
    }
    ConfigPairs out;
    oqm_config_sink sink{sizeof(oqm_config_sink), &out, &addConfig};
    ErrorBuffer e;
    if (c.descriptor.gen_pack(c.descriptor.user_data, name.c_str(), locator.c_str(), &sink,
                              &e.err) != OQM_OK) {
      throw std::runtime_error(e.text());
    }
    return out;
  }

  const oqm_manifest& manifest() const { return *manifest_; }

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

  struct ErrorBuffer {
    char buffer[1024] = {0};
    oqm_error err{sizeof(oqm_error), sizeof(buffer), buffer};
    std::string text() const { return buffer; }
  };

  template <typename M>
  static typename M::mapped_type& find(M& map, const std::string& name, const char* what) {
    auto it = map.find(name);
    if (it == map.end()) throw std::runtime_error(std::string("no such ") + what + ": " + name);
    return it->second;
  }
  template <typename M>
  static const typename M::mapped_type& find(const M& map, const std::string& name,
                                             const char* what) {
    auto it = map.find(name);
    if (it == map.end()) throw std::runtime_error(std::string("no such ") + what + ": " + name);
    return it->second;
  }

  static int32_t addConfig(void* ctx, const char* source, size_t source_length, const char* json,
                           size_t json_length) {
    static_cast<ConfigPairs*>(ctx)->emplace_back(std::string(source, source_length),
                                                 std::string(json, json_length));
    return OQM_OK;
  }

  static int32_t registerLogger(oqm_host* h, const oqm_logger* logger, oqm_error* err) {
    FakeHost* host = self(h);
    if (logger == nullptr || logger->name == nullptr || logger->log_batch == nullptr) {
      oqm_error_set(err, "logger without a name or log_batch");
      return OQM_ERROR;
    }
    if (host->loggers_.count(logger->name) != 0) {
      oqm_error_set(err, "logger registered twice");
      return OQM_ERROR;
    }
    Logger l;
    l.name = logger->name;
    l.descriptor = *logger;
    l.descriptor.name = nullptr;
    host->loggers_.emplace(l.name, std::move(l));
    return OQM_OK;
  }

  static int32_t registerConfig(oqm_host* h, const oqm_config_plugin* config, oqm_error* err) {
    FakeHost* host = self(h);
    if (config == nullptr || config->name == nullptr || config->gen_config == nullptr) {
      oqm_error_set(err, "config plugin without a name or gen_config");
      return OQM_ERROR;
    }
    if (host->configs_.count(config->name) != 0) {
      oqm_error_set(err, "config plugin registered twice");
      return OQM_ERROR;
    }
    ConfigPlugin c;
    c.name = config->name;
    c.descriptor = *config;
    c.descriptor.name = nullptr;
    host->configs_.emplace(c.name, std::move(c));
    return OQM_OK;
  }

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

  void destroyContributions() {
    for (auto& [name, t] : tables_) {
      if (t.destroy != nullptr) t.destroy(t.user_data);
    }
    tables_.clear();
    for (auto& [name, c] : configs_) {
      if (c.descriptor.destroy != nullptr) c.descriptor.destroy(c.descriptor.user_data);
    }
    configs_.clear();
    loggers_.clear();
  }

  const oqm_manifest* manifest_;
  std::map<std::string, std::string> options_;
  oqm_host_api api_{};
  void* state_ = nullptr;
  std::map<std::string, Table> tables_;
  std::map<std::string, Logger> loggers_;
  std::map<std::string, ConfigPlugin> configs_;
  uint64_t next_record_id_ = 0;
};

}  // namespace oqm::testing
