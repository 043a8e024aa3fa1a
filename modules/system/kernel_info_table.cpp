// One row: version from /proc/version (the uname release), path = BOOT_IMAGE=, device =
// root=, arguments = the rest of /proc/cmdline. Missing files leave their columns NULL.
#include "kernel_info_table.h"

#include <sys/utsname.h>

#include "procfs.h"
#include "util.h"

namespace oqm_system {

void KernelInfoTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  std::optional<std::string> version;
  if (auto text = readFile("/proc/version")) version = parseProcVersion(*text);
  if (!version) {
    struct utsname u {};
    if (uname(&u) == 0) version = fixedString(u.release);
  }
  std::optional<KernelCmdline> cmdline;
  if (auto text = readFile("/proc/cmdline")) cmdline = parseCmdline(*text);

  auto row = rows.add();
  row.set("version", version);
  if (cmdline) {
    row.set("arguments", cmdline->arguments).set("path", cmdline->path);
    row.set("device", cmdline->device);
  }
}

}  // namespace oqm_system
