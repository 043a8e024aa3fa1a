// One row per core of /proc/stat, in USER_HZ clock ticks (usually 1/100 s), as osquery
// reports them on Linux.
#include "cpu_time_table.h"

#include "procfs.h"
#include "util.h"

namespace oqm_system {

void CpuTimeTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  auto text = readFile("/proc/stat");
  if (!text) return;
  for (const auto& t : parseCpuTimes(*text)) {
    if (rows.done()) break;
    rows.add()
        .set("core", t.core)
        .set("user", t.user)
        .set("nice", t.nice)
        .set("system", t.system)
        .set("idle", t.idle)
        .set("iowait", t.iowait)
        .set("irq", t.irq)
        .set("softirq", t.softirq)
        .set("steal", t.steal)
        .set("guest", t.guest)
        .set("guest_nice", t.guest_nice);
  }
}

}  // namespace oqm_system
