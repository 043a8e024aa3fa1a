// host_identity.h: who this host and this process are, as osquery reports them.
#pragma once

#include <string>

namespace oqk {

// The host UUID (osquery_info.uuid, the `hostIdentifier` "uuid"): the SMBIOS product UUID when
// readable (root), else /etc/machine-id shaped as a UUID; stable across runs.
std::string hostUuid();
// A new random (version 4) UUID, upper-case like osquery's.
std::string randomUuid();
// The running executable's path (/proc/self/exe).
std::string executablePath();

}  // namespace oqk
