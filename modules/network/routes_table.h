// routes_table.h: `routes`, the kernel's routing tables (all of them, IPv4 and IPv6) through
// rtnetlink, as osquery reads them (osquery/tables/networking/linux/routes.cpp).
#pragma once

#include <linux/netlink.h>

#include <optional>
#include <osquery_module.hpp>
#include <string>

namespace network_module {

struct RouteEntry {
  std::string destination;
  int64_t netmask = 0;
  std::optional<std::string> gateway;
  std::optional<std::string> source;
  int64_t flags = 0;
  std::optional<std::string> interface;
  int64_t mtu = 0;
  int64_t metric = 0;
  std::string type;
  int64_t hopcount = 0;
};

// Decodes one RTM_NEWROUTE message; false when it is not one. `interfaceName` maps an
// interface index to its name.
bool decodeRoute(const nlmsghdr& message, RouteEntry& out, std::string (*interfaceName)(int index));

struct RoutesTable {
  static constexpr const char* kName = "routes";
  static constexpr oqm::Column kColumns[] = {
      {"destination", oqm::Type::Text},
      {"netmask", oqm::Type::Integer},
      {"gateway", oqm::Type::Text},
      {"source", oqm::Type::Text},
      {"flags", oqm::Type::Integer},
      {"interface", oqm::Type::Text},
      {"mtu", oqm::Type::Integer},
      {"metric", oqm::Type::Integer},
      {"type", oqm::Type::Text, oqm::kAdditional},
      {"hopcount", oqm::Type::Integer},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace network_module
