// One row; a counter the kernel does not report (MemAvailable before 3.14) is NULL.
#include "memory_info_table.h"

#include "procfs.h"
#include "util.h"

namespace oqm_system {

void MemoryInfoTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  static constexpr std::pair<const char*, const char*> kFields[] = {
      {"memory_total", "MemTotal"},
      {"memory_free", "MemFree"},
      {"memory_available", "MemAvailable"},
      {"buffers", "Buffers"},
      {"cached", "Cached"},
      {"swap_cached", "SwapCached"},
      {"active", "Active"},
      {"inactive", "Inactive"},
      {"swap_total", "SwapTotal"},
      {"swap_free", "SwapFree"},
  };
  std::map<std::string, int64_t> info;
  if (auto text = readFile("/proc/meminfo")) info = parseMeminfo(*text);
  auto row = rows.add();
  for (const auto& [column, key] : kFields) {
    auto it = info.find(key);
    if (it != info.end()) row.set(column, it->second);
  }
}

}  // namespace oqm_system
