// host_startup.h: what every host (osqueryi, osqueryd) does before its own work, in osquery's
// order: parse the flags once tolerantly (to learn which modules to load), answer --version,
// set up status logging, load the modules and register the kernel's tables, answer --help
// (which lists the modules' options too), then parse again strictly so an unknown flag is an
// error naming it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kernel/flags.h"
#include "kernel/kernel_tables.h"
#include "kernel/module_loader.h"
#include "kernel/registry.h"

namespace oqk {

struct HostRuntime {
  Registry registry;
  Flags flags;
  std::unique_ptr<ModuleLoader> loader;
  std::unique_ptr<KernelTables> kernel_tables;
  std::vector<std::string> arguments;  // positional arguments, from the strict parse

  ~HostRuntime();  // kernel tables, then modules, go before the registry
};

struct HostKind {
  std::string instance_kind;  // "shell" or "daemon" (osquery_info)
  std::string usage_line;     // "Usage: osqueryi [OPTION]... [SQL STATEMENT]"
  bool shell = false;         // --help lists the shell-only flags
};

// Runs the start-up sequence. Returns an exit code when the host must stop now (--help,
// --version, a flag error), or nothing when it should go on with `runtime` ready.
// `before_parse` may set host-forced defaults that the command line can still override.
std::optional<int> startHost(HostRuntime& runtime, const HostKind& kind, int argc, char* argv[],
                             const std::function<void(Flags&)>& before_parse = nullptr);

}  // namespace oqk
