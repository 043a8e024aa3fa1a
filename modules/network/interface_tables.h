// interface_tables.h: interface_addresses, interface_details and interface_ipv6, read as
// osquery does (getifaddrs, which asks rtnetlink for links and addresses, plus the interface
// ioctls and /sys, /proc/sys).
#pragma once

#include <osquery_module.hpp>
#include <string>

namespace network_module {

struct InterfaceAddressesTable {
  static constexpr const char* kName = "interface_addresses";
  static constexpr oqm::Column kColumns[] = {
      {"interface", oqm::Type::Text},      {"address", oqm::Type::Text},
      {"mask", oqm::Type::Text},           {"broadcast", oqm::Type::Text},
      {"point_to_point", oqm::Type::Text}, {"type", oqm::Type::Text},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

struct InterfaceDetailsTable {
  static constexpr const char* kName = "interface_details";
  static constexpr oqm::Column kColumns[] = {
      {"interface", oqm::Type::Text},    {"mac", oqm::Type::Text, 0, "nocase"},
      {"type", oqm::Type::Integer},      {"mtu", oqm::Type::Integer},
      {"metric", oqm::Type::Integer},    {"flags", oqm::Type::Integer},
      {"ipackets", oqm::Type::BigInt},   {"opackets", oqm::Type::BigInt},
      {"ibytes", oqm::Type::BigInt},     {"obytes", oqm::Type::BigInt},
      {"ierrors", oqm::Type::BigInt},    {"oerrors", oqm::Type::BigInt},
      {"idrops", oqm::Type::BigInt},     {"odrops", oqm::Type::BigInt},
      {"collisions", oqm::Type::BigInt}, {"last_change", oqm::Type::BigInt},
      {"link_speed", oqm::Type::BigInt}, {"pci_slot", oqm::Type::Text},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

struct InterfaceIpv6Table {
  static constexpr const char* kName = "interface_ipv6";
  static constexpr oqm::Column kColumns[] = {
      {"interface", oqm::Type::Text},
      {"hop_limit", oqm::Type::Integer},
      {"forwarding_enabled", oqm::Type::Integer},
      {"redirect_accept", oqm::Type::Integer},
      {"rtadv_accept", oqm::Type::Integer},
  };
  void generate(const oqm::Query& query, oqm::Rows& rows);
};

// The effective IPv6 settings of an interface from the files under `conf_dir`
// (/proc/sys/net/ipv6/conf): the interface's value combined with "all" as the kernel does.
struct Ipv6Settings {
  int64_t hop_limit, forwarding_enabled, redirect_accept, rtadv_accept;
};
Ipv6Settings readIpv6Settings(const std::string& conf_dir, const std::string& interface);

}  // namespace network_module
