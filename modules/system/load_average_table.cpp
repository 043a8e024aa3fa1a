// Rows "1m", "5m", "15m" from /proc/loadavg (getloadavg(3) when procfs is not mounted).
#include "load_average_table.h"

#include <cstdio>
#include <cstdlib>

#include "procfs.h"
#include "util.h"

namespace oqm_system {

std::string formatLoadAverage(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%f", value);
  return buffer;
}

void LoadAverageTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  std::optional<std::array<double, 3>> loads;
  if (auto text = readFile("/proc/loadavg")) loads = parseLoadavg(*text);
  if (!loads) {
    std::array<double, 3> l{};
    if (getloadavg(l.data(), 3) == 3) loads = l;
  }
  if (!loads) return;
  static constexpr const char* kPeriods[] = {"1m", "5m", "15m"};
  for (size_t i = 0; i < 3 && !rows.done(); ++i) {
    rows.add().set("period", kPeriods[i]).set("average", formatLoadAverage((*loads)[i]));
  }
}

}  // namespace oqm_system
