// kernel_tables.h: the tables the kernel itself serves — osquery_info, osquery_flags,
// osquery_registry, osquery_extensions, osquery_schedule, osquery_packs, osquery_logger_status
// (ours) and time — registered under
// the kernel's owner (id 0).
#pragma once

#include <memory>
#include <string>

#include "kernel/flags.h"
#include "kernel/module_loader.h"
#include "kernel/registry.h"

namespace oqk {

class ModuleHost;
class LogForwarder;
class Scheduler;

class KernelTables {
 public:
  // `instance_kind` is what osquery_info reports for the process: "shell" or "daemon" (the
  // shell also reports watcher = -1).
  KernelTables(Registry& registry, Flags& flags, const ModuleLoader& loader,
               std::string instance_kind);
  ~KernelTables();  // unregisters them

  // osquery_schedule and osquery_packs report this scheduler (empty until one is attached).
  void attachScheduler(const Scheduler* scheduler);
  // osquery_logger_status reports this forwarder (empty until one is attached).
  void attachForwarder(const LogForwarder* forwarder);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace oqk
