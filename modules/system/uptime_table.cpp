// One row from /proc/uptime (sysinfo(2) when procfs is not mounted); total_seconds is split
// into days, hours (0-23), minutes (0-59) and seconds (0-59).
#include "uptime_table.h"

#include <sys/sysinfo.h>

#include "procfs.h"
#include "util.h"

namespace oqm_system {

void UptimeTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  std::optional<int64_t> total;
  if (auto text = readFile("/proc/uptime")) total = parseUptime(*text);
  if (!total) {
    struct sysinfo info {};
    if (sysinfo(&info) == 0) total = static_cast<int64_t>(info.uptime);
  }
  auto row = rows.add();
  if (!total) return;
  const int64_t t = *total;
  row.set("days", t / 86400)
      .set("hours", (t % 86400) / 3600)
      .set("minutes", (t % 3600) / 60)
      .set("seconds", t % 60)
      .set("total_seconds", t);
}

}  // namespace oqm_system
