// arp_cache_table.h: `arp_cache`, the IPv4 neighbour table from /proc/net/arp (as osquery).
#pragma once

#include <osquery_module.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace network_module {

struct ArpEntry {
  std::string address, mac, interface;
  bool permanent;
};
// Parses /proc/net/arp: the header line, then "IP HW-type Flags HW-address Mask Device".
std::vector<ArpEntry> parseProcNetArp(std::string_view content);

struct ArpCacheTable {
  static constexpr const char* kName = "arp_cache";
  static constexpr oqm::Column kColumns[] = {
      {"address", oqm::Type::Text},
      {"mac", oqm::Type::Text, 0, "nocase"},
      {"interface", oqm::Type::Text},
      {"permanent", oqm::Type::Text},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace network_module
