// The kernel lists only the keys the reader has View permission on. osquery joins the last two
// words of the description without their space (".user_reg:2") and drops descriptions of more
// than two words; we report the kernel's text as printed (".user_reg: 2").
#include "kernel_keys_table.h"

#include "procfs.h"
#include "util.h"

namespace oqm_system {

void KernelKeysTable::generate(const oqm::Query&, oqm::Rows& rows) {
  auto text = readFile("/proc/keys");
  if (!text) return;  // a kernel without CONFIG_KEYS
  for (const auto& k : parseKeys(*text)) {
    if (rows.done()) break;
    rows.add()
        .set("serial_number", k.serial_number)
        .set("flags", k.flags)
        .set("usage", k.usage)
        .set("timeout", k.timeout)
        .set("permissions", k.permissions)
        .set("uid", k.uid)
        .set("gid", k.gid)
        .set("type", k.type)
        .set("description", k.description);
  }
}

}  // namespace oqm_system
