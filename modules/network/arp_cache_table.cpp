#include "arp_cache_table.h"

#include <oqm_support/files.h>
#include <oqm_support/text.h>

namespace network_module {

std::vector<ArpEntry> parseProcNetArp(std::string_view content) {
  std::vector<ArpEntry> out;
  bool header = true;
  for (std::string_view line : oqm_support::lines(content)) {
    if (header) {
      header = false;
      continue;
    }
    auto fields = oqm_support::splitAny(line);
    if (fields.size() != 6) continue;
    // ATF_COM | ATF_PERM, the flags of a static entry.
    out.push_back({std::string(fields[0]), std::string(fields[3]), std::string(fields[5]),
                   fields[2] == "0x6"});
  }
  return out;
}

void ArpCacheTable::generate(const oqm::Query&, oqm::Rows& rows) {
  auto content = oqm_support::readFile("/proc/net/arp");
  if (!content) return;
  for (const auto& entry : parseProcNetArp(*content)) {
    if (rows.done()) return;
    rows.add()
        .set("address", entry.address)
        .set("mac", entry.mac)
        .set("interface", entry.interface)
        .set("permanent", entry.permanent ? "1" : "0");
  }
}

}  // namespace network_module
