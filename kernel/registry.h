// registry.h: everything the kernel and its modules contribute, by kind and name: tables
// (served to SQL), and — declared for the daemon and events work — loggers, config plugins,
// event publishers and subscribers. Descriptors are copied on registration: the strings a
// module passed may be on its stack.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kernel/lease_gate.h"
#include "kernel/status.h"
#include "osquery_module.h"

namespace oqk {

struct ColumnDefinition {
  std::string name;
  uint32_t type = OQM_TYPE_TEXT;
  uint32_t flags = 0;
  std::string collate;
};

// Who contributed an entry: the kernel itself (id 0, "core") or a loaded module.
struct Owner {
  uint64_t id = 0;
  std::string name = "core";
  std::shared_ptr<LeaseGate> gate;  // every call into the entry holds a lease on it
};

struct TableDefinition {
  std::string name;
  std::vector<ColumnDefinition> columns;
  uint32_t attributes = 0;
  void* user_data = nullptr;
  oqm_generate_fn generate = nullptr;
  void (*destroy)(void*) = nullptr;
  Owner owner;

  bool hasRequiredColumns() const;
  int columnIndex(const std::string& column) const;
  // The CREATE TABLE statement osquery declares for it (HIDDEN, COLLATE, PRIMARY KEY,
  // WITHOUT ROWID), as `.schema` prints it.
  std::string createStatement() const;

  static TableDefinition fromDescriptor(const oqm_table& table, Owner owner);
  static const char* typeName(uint32_t type);
};

// A non-table plugin (logger, config, publisher, subscriber): its kind, name and owner, and the
// descriptor as registered with its name pointers redirected to owned copies.
struct PluginDefinition {
  std::string registry;  // "logger", "config", "event_publisher", "event_subscriber"
  std::string name;
  Owner owner;
  std::vector<std::string> strings;  // storage for the descriptor's strings
  oqm_logger logger{};
  oqm_config_plugin config{};
  oqm_publisher publisher{};
  oqm_subscriber subscriber{};
  std::vector<oqm_column> columns;  // the publisher's fields or the subscriber's columns
};

class Registry {
 public:
  Status addTable(std::shared_ptr<const TableDefinition> table);
  Status addPlugin(std::shared_ptr<const PluginDefinition> plugin);

  // Removes (and returns) everything the owner contributed.
  std::vector<std::shared_ptr<const TableDefinition>> removeTablesOf(uint64_t owner_id);
  std::vector<std::shared_ptr<const PluginDefinition>> removePluginsOf(uint64_t owner_id);

  std::shared_ptr<const TableDefinition> table(const std::string& name) const;
  std::vector<std::shared_ptr<const TableDefinition>> tables() const;
  std::vector<std::shared_ptr<const PluginDefinition>> plugins() const;

  // Increases on every change, so connections know when to re-sync their tables.
  uint64_t generation() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const TableDefinition>> tables_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const PluginDefinition>> plugins_;
  uint64_t generation_ = 1;
};

}  // namespace oqk
