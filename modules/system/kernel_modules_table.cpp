// A kernel without module support has no /proc/modules: zero rows.
#include "kernel_modules_table.h"

#include "procfs.h"
#include "util.h"

namespace oqm_system {

void KernelModulesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto text = readFile("/proc/modules");
  if (!text) return;
  for (const auto& m : parseModules(*text)) {
    if (rows.done()) break;
    rows.add()
        .set("name", m.name)
        .set("size", m.size)
        .set("used_by", m.used_by)
        .set("status", m.status)
        .set("address", m.address);
  }
}

}  // namespace oqm_system
