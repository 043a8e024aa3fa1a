// osqueryd: the daemon host. A thin main: the shared start-up (flags, modules, kernel tables),
// then the daemon's life in the kernel (kernel/daemon.h).
#include "kernel/daemon.h"
#include "kernel/host_startup.h"

int main(int argc, char* argv[]) {
  oqk::HostRuntime runtime;
  const oqk::HostKind kind{"daemon", "Usage: osqueryd [OPTION]... ", false};
  if (auto exit_code = oqk::startHost(runtime, kind, argc, argv)) return *exit_code;
  return oqk::runDaemon(runtime);
}
