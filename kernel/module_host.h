// module_host.h: the oqm_host_api handed to one contributor (a module, or the kernel for its
// own tables), bound to its Owner. It copies every descriptor into the Registry under that
// owner and remembers what it registered, so a failed init can be rolled back exactly.
#pragma once

#include <string>
#include <vector>

#include "kernel/flags.h"
#include "kernel/registry.h"
#include "osquery_module.h"

namespace oqk {

class ModuleHost {
 public:
  ModuleHost(Registry& registry, Flags& flags, Owner owner);
  ModuleHost(const ModuleHost&) = delete;
  ModuleHost& operator=(const ModuleHost&) = delete;

  // Valid as long as this object lives. register_* succeed only while registration is open.
  const oqm_host_api* api() const { return &api_; }
  void closeRegistration() { registration_open_ = false; }

  // Removes every entry this owner registered, calling each table's destroy (and the plugins'
  // destroy/shutdown). Used for init rollback and for unload.
  void removeAll();

  const Owner& owner() const { return owner_; }
  const std::vector<std::string>& tableNames() const { return tables_; }

 private:
  static int32_t registerTable(oqm_host* host, const oqm_table* table, oqm_error* err);
  static int32_t registerPublisher(oqm_host* host, const oqm_publisher* p, oqm_error* err);
  static int32_t registerSubscriber(oqm_host* host, const oqm_subscriber* s, oqm_error* err);
  static int32_t registerLogger(oqm_host* host, const oqm_logger* l, oqm_error* err);
  static int32_t registerConfig(oqm_host* host, const oqm_config_plugin* c, oqm_error* err);
  static void log(oqm_host* host, int32_t severity, const char* message, size_t length);
  static int64_t getOption(oqm_host* host, const char* name, char* buffer, size_t capacity);

  Registry& registry_;
  Flags& flags_;
  Owner owner_;
  oqm_host_api api_{};
  bool registration_open_ = true;
  std::vector<std::string> tables_;
};

}  // namespace oqk
