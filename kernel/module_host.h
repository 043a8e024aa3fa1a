// module_host.h: the oqm_host_api handed to one contributor (a module, or the kernel for its
// own tables), bound to its Owner. It copies every descriptor into the Registry under that
// owner and remembers what it registered, so a failed init can be rolled back exactly.
//
// Ending a contributor takes three steps, in this order (ModuleLoader::unload does exactly
// this; removeAll() does all three for callers that need nothing in between):
//   1. unregister()          its entries leave the Registry: new statements no longer see them;
//   2. owner().gate->closeAndWait()   no new calls start, running ones (a generate inside a
//                            running statement) finish;
//   3. destroyAll()          each table's destroy(user_data) and each subscriber's and config
//                            plugin's destroy run, now that no call can be using user_data.
// Loggers' init/shutdown and publishers' setup/teardown are lifecycle calls made by the
// components that run them (log forwarder, event bus), not destructors: they are not called
// here, and those components must end them before step 2 completes.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
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
  bool registrationOpen() const { return registration_open_; }

  // Step 1: removes every entry of this owner from the Registry (keeping them for step 3).
  void unregister();
  // Step 3: calls the destroy functions of everything unregister() removed, once each. Call
  // only after the owner's gate was closed and drained. Calls unregister() first if needed.
  void destroyAll();
  // All three steps: unregister, close and drain the owner's gate (when it has one), destroy.
  // Used for init rollback and by contributors that need nothing between the steps.
  void removeAll();

  const Owner& owner() const { return owner_; }
  // The tables and plugins registered through this host ("logger fixture_logger", ...).
  const std::vector<std::string>& tableNames() const { return tables_; }
  const std::vector<std::string>& pluginNames() const { return plugins_; }

 private:
  static int32_t registerTable(oqm_host* host, const oqm_table* table, oqm_error* err);
  static int32_t registerPublisher(oqm_host* host, const oqm_publisher* p, oqm_error* err);
  static int32_t registerSubscriber(oqm_host* host, const oqm_subscriber* s, oqm_error* err);
  static int32_t registerLogger(oqm_host* host, const oqm_logger* l, oqm_error* err);
  static int32_t registerConfig(oqm_host* host, const oqm_config_plugin* c, oqm_error* err);
  static void log(oqm_host* host, int32_t severity, const char* message, size_t length);
  static int64_t getOption(oqm_host* host, const char* name, char* buffer, size_t capacity);

  Status addTable(const oqm_table* table);
  Status addPlugin(std::shared_ptr<PluginDefinition> plugin);
  Status checkOpen(const std::string& what) const;
  std::string existingTableOwner(const std::string& name) const;

  Registry& registry_;
  Flags& flags_;
  Owner owner_;
  oqm_host_api api_{};
  std::atomic<bool> registration_open_{true};
  std::mutex mutex_;  // registrations may come from any thread of init
  std::vector<std::string> tables_;
  std::vector<std::string> plugins_;
  bool unregistered_ = false;
  std::vector<std::shared_ptr<const TableDefinition>> removed_tables_;
  std::vector<std::shared_ptr<const PluginDefinition>> removed_plugins_;
};

}  // namespace oqk
