// osqueryd: the daemon host. For now it parses flags (in two passes, as osqueryi does), loads
// the selected modules and reports them; the scheduler, config and loggers come later.
#include <iostream>

#include "kernel/host_startup.h"

int main(int argc, char* argv[]) {
  oqk::HostRuntime runtime;
  const oqk::HostKind kind{"daemon", "Usage: osqueryd [OPTION]... ", false};
  if (auto exit_code = oqk::startHost(runtime, kind, argc, argv)) return *exit_code;

  std::cout << "osqueryd " << OQM_OSQUERY_VERSION << ": " << runtime.loader->modules().size()
            << " module(s) loaded; the daemon's scheduler is not built yet\n";
  return 0;
}
