// daemon.h: osqueryd's life (reference §2, §6, §11): the config from the config plugin, the
// durable store, the pidfile, the scheduler and log forwarder threads, SIGHUP reloads and a
// graceful SIGTERM/SIGINT shutdown that flushes the loggers and closes the store.
#pragma once

#include "kernel/host_startup.h"

namespace oqk {

// Runs the daemon until it is told to stop (or --schedule_timeout); returns the exit code.
int runDaemon(HostRuntime& runtime);

// The host identifier osquery logs (--host_identifier: hostname, uuid, instance, ephemeral,
// specified).
std::string hostIdentifier(const Flags& flags, const std::string& instance_id,
                           const std::string& ephemeral_id);

}  // namespace oqk
